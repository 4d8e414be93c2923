"""The accounts page: list, create, deactivate/activate, reset password, unlock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6 import QtCore, QtWidgets

from interview_app.supervision.accounts import AccountAdmin, AccountInfo
from interview_app.supervision.recovery_codes import office_title, replace_recovery_code
from interview_app.supervision.session import SupervisorSession
from interview_app.ui.messages import calmly
from interview_app.ui.recovery_code_dialog import show_recovery_code
from interview_app.ui.supervisor.status import StatusLine, fill_row, selected_key, table


@dataclass(frozen=True)
class NewAccount:
    username: str
    full_name: str
    nip: str
    role: str
    password: str


class NewAccountDialog(QtWidgets.QDialog):
    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Akun baru"))
        self.username = QtWidgets.QLineEdit()
        self.full_name = QtWidgets.QLineEdit()
        self.nip = QtWidgets.QLineEdit()
        self.role = QtWidgets.QComboBox()
        self.role.addItem(self.tr("Petugas"), "officer")
        self.role.addItem("Supervisor", "supervisor")
        self.password = QtWidgets.QLineEdit()
        self.password.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        self.repeat = QtWidgets.QLineEdit()
        self.repeat.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        self.message = QtWidgets.QLabel()
        self.message.setStyleSheet("color: #a11b1b;")
        form = QtWidgets.QFormLayout(self)
        form.addRow(self.tr("&Nama pengguna"), self.username)
        form.addRow(self.tr("Nama &lengkap"), self.full_name)
        form.addRow(self.tr("NI&P"), self.nip)
        form.addRow(self.tr("Pe&ran"), self.role)
        form.addRow(self.tr("Kata sandi &awal"), self.password)
        form.addRow(self.tr("&Ulangi kata sandi"), self.repeat)
        form.addRow(self.message)
        buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _accept(self) -> None:
        if self.password.text() != self.repeat.text():
            self.message.setText(self.tr("Kata sandi tidak sama."))
            return
        self.accept()

    def result_value(self) -> NewAccount:
        return NewAccount(
            self.username.text(),
            self.full_name.text(),
            self.nip.text(),
            str(self.role.currentData()),
            self.password.text(),
        )


def ask_new_account(parent: QtWidgets.QWidget) -> NewAccount | None:
    dialog = NewAccountDialog(parent)
    return dialog.result_value() if dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted else None


def ask_temporary_password(parent: QtWidgets.QWidget, username: str) -> str | None:
    text, ok = QtWidgets.QInputDialog.getText(
        parent,
        QtCore.QCoreApplication.translate("AccountsPage", "Atur ulang kata sandi"),
        QtCore.QCoreApplication.translate(
            "AccountsPage", "Kata sandi sementara untuk %1\n(wajib diganti saat masuk)"
        ).replace("%1", username),
        QtWidgets.QLineEdit.EchoMode.Password,
    )
    return text if ok and text else None


def confirm_new_recovery_code(parent: QtWidgets.QWidget) -> bool:
    answer = QtWidgets.QMessageBox.question(
        parent,
        "Asisten Wawancara",
        QtCore.QCoreApplication.translate(
            "AccountsPage",
            "Buat kode pemulihan baru? Kode yang tersimpan di brankas tidak berlaku lagi sesudahnya.",
        ),
    )
    return answer == QtWidgets.QMessageBox.StandardButton.Yes


class AccountsPage(QtWidgets.QWidget):
    """Dialogs are attributes (`ask_new_account`, `ask_password`, `confirm_new_code`,
    `show_code`) so tests can answer them."""

    def __init__(self, session: SupervisorSession, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.admin = AccountAdmin(session)
        self.ask_new_account: Callable[[QtWidgets.QWidget], NewAccount | None] = ask_new_account
        self.ask_password: Callable[[QtWidgets.QWidget, str], str | None] = ask_temporary_password
        self.session = session
        self.confirm_new_code: Callable[[QtWidgets.QWidget], bool] = confirm_new_recovery_code
        self.show_code: Callable[[str, str, QtWidgets.QWidget], None] = show_recovery_code
        self.accounts: dict[str, AccountInfo] = {}
        self.table = table(
            [self.tr("Nama pengguna"), self.tr("Nama"), self.tr("Peran"), self.tr("Status")]
        )
        self.table.setObjectName("accountsTable")
        self.status = StatusLine()
        buttons = QtWidgets.QGridLayout()
        for index, (text, slot) in enumerate(
            (
                (self.tr("Akun &baru…"), self.create_account),
                (self.tr("Atur &ulang sandi…"), self.reset_password),
                (self.tr("Buka &kunci"), self.unlock),
                (self.tr("&Nonaktifkan"), self.deactivate),
                (self.tr("Ak&tifkan"), self.activate),
                (self.tr("Kode &pemulihan baru…"), self.new_recovery_code),
            )
        ):
            button = QtWidgets.QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button, index // 3, index % 3)
        buttons.setColumnStretch(3, 1)
        note = QtWidgets.QLabel(
            self.tr("Akun tidak pernah dihapus (log audit tetap menyebut namanya).")
        )
        note.setObjectName("fieldHint")
        note.setWordWrap(True)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(note)
        layout.addWidget(self.status)
        self.refresh()

    def refresh(self) -> None:
        with calmly(self.status.error) as attempt:
            accounts = self.admin.list()
        if attempt.failed:
            return
        self.accounts = {str(info.officer.id): info for info in accounts}
        self.table.setRowCount(len(accounts))
        for row, info in enumerate(accounts):
            officer = info.officer
            role = self.tr("Supervisor") if officer.is_supervisor else self.tr("Petugas")
            fill_row(
                self.table,
                row,
                [officer.username, officer.full_name, role, self._status(info)],
                str(officer.id),
            )
        self.table.resizeColumnsToContents()

    def _status(self, info: AccountInfo) -> str:
        if not info.officer.active:
            return self.tr("nonaktif")
        if info.locked_until:
            return self.tr("terkunci")
        if info.officer.must_change_password:
            return self.tr("wajib ganti sandi")
        return self.tr("aktif")

    def select(self, username: str) -> None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.text() == username:
                self.table.selectRow(row)
                return

    def _selected(self) -> AccountInfo | None:
        key = selected_key(self.table)
        if key is None:
            self.status.error(self.tr("Pilih akun dulu."))
            return None
        return self.accounts.get(key)

    def _run(self, action: Callable[[], object], done: str) -> None:
        with calmly(self.status.error) as attempt:
            action()
        if attempt.failed:
            return
        self.refresh()
        self.status.ok(done)

    def create_account(self) -> None:
        new = self.ask_new_account(self)
        if new is None:
            return

        def create_account() -> None:
            self.admin.create(new.username, new.full_name, new.nip, new.role, new.password)

        self._run(
            create_account,
            self.tr("Akun %1 dibuat; sandi wajib diganti saat masuk pertama.").replace(
                "%1", new.username
            ),
        )

    def reset_password(self) -> None:
        info = self._selected()
        if info is None:
            return
        password = self.ask_password(self, info.officer.username)
        if not password:
            return
        self._run(
            lambda: self.admin.reset_password(info.officer.id, password),
            self.tr("Sandi %1 diatur ulang; wajib diganti saat masuk.").replace(
                "%1", info.officer.username
            ),
        )

    def unlock(self) -> None:
        info = self._selected()
        if info is not None:
            self._run(
                lambda: self.admin.unlock(info.officer.id),
                self.tr("Akun %1 dibuka.").replace("%1", info.officer.username),
            )

    def deactivate(self) -> None:
        info = self._selected()
        if info is not None:
            self._run(
                lambda: self.admin.deactivate(info.officer.id),
                self.tr("Akun %1 dinonaktifkan.").replace("%1", info.officer.username),
            )

    def activate(self) -> None:
        info = self._selected()
        if info is not None:
            self._run(
                lambda: self.admin.activate(info.officer.id),
                self.tr("Akun %1 diaktifkan.").replace("%1", info.officer.username),
            )

    def new_recovery_code(self) -> None:
        """A new office recovery code (the one in the safe was lost or seen), shown once."""
        if not self.confirm_new_code(self):
            return
        with calmly(self.status.error) as attempt:
            code = replace_recovery_code(self.session)
        if attempt.failed:
            return
        self.show_code(code, office_title(self.session), self)
        self.status.ok(self.tr("Kode pemulihan baru dibuat; kode yang lama tidak berlaku."))
