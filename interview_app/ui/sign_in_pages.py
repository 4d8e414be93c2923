"""Pages before and around work: first-run setup, sign-in, and the lock screen (no personal data)."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets


def _password_field() -> QtWidgets.QLineEdit:
    field = QtWidgets.QLineEdit()
    field.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
    return field


class _CentredForm(QtWidgets.QWidget):
    def __init__(self) -> None:
        super().__init__()
        outer = QtWidgets.QVBoxLayout(self)
        outer.addStretch(1)
        row = QtWidgets.QHBoxLayout()
        row.addStretch(1)
        self.box = QtWidgets.QGroupBox()
        self.box.setMinimumWidth(420)
        self.box.setMaximumWidth(560)
        self.form = QtWidgets.QFormLayout(self.box)
        self.form.setRowWrapPolicy(QtWidgets.QFormLayout.RowWrapPolicy.WrapLongRows)
        row.addWidget(self.box)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.error = QtWidgets.QLabel()
        self.error.setObjectName("fieldMessage")
        self.error.setProperty("level", "error")
        self.error.setWordWrap(True)

    def show_error(self, text: str) -> None:
        self.error.setText(text)


class LoginPage(_CentredForm):
    """Username and password; Enter signs in. Signal: `submitted(username, password)`."""

    submitted = QtCore.Signal(str, str)

    def __init__(self) -> None:
        super().__init__()
        self.box.setTitle(self.tr("Masuk"))
        self.office = QtWidgets.QLabel()
        self.office.setObjectName("pageTitle")
        self.office.setWordWrap(True)
        self.username = QtWidgets.QLineEdit()
        self.username.setObjectName("username")
        self.password = _password_field()
        self.password.setObjectName("password")
        self.button = QtWidgets.QPushButton(self.tr("Masuk (Enter)"))
        self.button.setObjectName("primary")
        self.note = QtWidgets.QLabel()
        self.note.setWordWrap(True)
        self.note.setObjectName("fieldHint")
        self.form.addRow(self.office)
        self.form.addRow(self.tr("Nama pengguna"), self.username)
        self.form.addRow(self.tr("Kata sandi"), self.password)
        self.form.addRow(self.error)
        self.form.addRow(self.button)
        self.form.addRow(self.note)
        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self._submit)
        self.button.clicked.connect(self._submit)

    def _submit(self) -> None:
        self.submitted.emit(self.username.text(), self.password.text())

    def reset(self, office: str, note: str = "") -> None:
        self.office.setText(office)
        self.note.setText(note)
        self.password.clear()
        self.error.clear()
        (self.password if self.username.text() else self.username).setFocus()


class SetupPage(_CentredForm):
    """First run: a new office (office, workstation, first supervisor), or another workstation
    of an office that exists (the office key file a supervisor exported, this workstation's
    name, its first supervisor). Signals: `submitted(dict)` (with "mode": "new" or "join"),
    `demo_requested()`."""

    submitted = QtCore.Signal(dict)
    demo_requested = QtCore.Signal()

    def __init__(self) -> None:
        super().__init__()
        self.box.setTitle(self.tr("Pengaturan pertama kantor"))
        intro = QtWidgets.QLabel(
            self.tr(
                "Belum ada kantor di folder data ini. Isi data kantor dan akun supervisor pertama, atau buka kantor demo untuk mencoba."
            )
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.join = QtWidgets.QCheckBox(
            self.tr("Loket tambahan untuk kantor yang sudah ada (pakai berkas kunci kantor)")
        )
        self.join.setObjectName("setup_join")
        self.join.toggled.connect(self._mode_changed)
        self.form.addRow(self.join)
        self.key_file = QtWidgets.QLineEdit()
        self.key_file.setObjectName("setup_key_file")
        self.key_file.setPlaceholderText(self.tr("mis. E:\\kunci\\PLU.key"))
        browse = QtWidgets.QPushButton(self.tr("Pilih…"))
        browse.clicked.connect(self._browse)
        key_row = QtWidgets.QWidget()
        row = QtWidgets.QHBoxLayout(key_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.key_file, 1)
        row.addWidget(browse)
        self.key_row = key_row
        self.form.addRow(self.tr("Berkas kunci kantor"), key_row)
        self.passphrase = _password_field()
        self.passphrase.setObjectName("setup_passphrase")
        self.passphrase.setPlaceholderText(self.tr("diberikan supervisor terpisah dari berkas"))
        self.form.addRow(self.tr("Frasa sandi berkas kunci"), self.passphrase)
        self.inputs: dict[str, QtWidgets.QLineEdit] = {}
        for key, label in (
            ("office_code", self.tr("Kode kantor (mis. PLU)")),
            ("office_name", self.tr("Nama kantor")),
            ("workstation_name", self.tr("Nama loket")),
            ("full_name", self.tr("Nama lengkap supervisor")),
            ("username", self.tr("Nama pengguna supervisor")),
            ("password", self.tr("Kata sandi (min. 8 karakter)")),
        ):
            field = _password_field() if key == "password" else QtWidgets.QLineEdit()
            field.setObjectName(f"setup_{key}")
            field.returnPressed.connect(self.focusNextChild)
            self.inputs[key] = field
            self.form.addRow(label, field)
        self.inputs["password"].returnPressed.disconnect()
        self.inputs["password"].returnPressed.connect(self._submit)
        self.key_file.returnPressed.connect(self.passphrase.setFocus)
        self.passphrase.returnPressed.connect(self.inputs["workstation_name"].setFocus)
        self.form.addRow(self.error)
        self.create_button = create = QtWidgets.QPushButton(self.tr("Buat kantor"))
        create.setObjectName("primary")
        create.clicked.connect(self._submit)
        demo = QtWidgets.QPushButton(self.tr("Buka kantor demo"))
        demo.setObjectName("demoButton")
        demo.clicked.connect(self.demo_requested.emit)
        self.form.addRow(create)
        self.form.addRow(demo)
        self._mode_changed(False)

    def _mode_changed(self, joining: bool) -> None:
        self.form.setRowVisible(self.key_row, joining)
        self.form.setRowVisible(self.passphrase, joining)
        for key in ("office_code", "office_name"):
            self.form.setRowVisible(self.inputs[key], not joining)
        self.create_button.setText(
            self.tr("Siapkan loket ini") if joining else self.tr("Buat kantor")
        )
        self.error.clear()
        (self.key_file if joining else self.inputs["office_code"]).setFocus()

    def _browse(self) -> None:
        name, _ = QtWidgets.QFileDialog.getOpenFileName(
            self,
            self.tr("Berkas kunci kantor"),
            "",
            self.tr("Kunci kantor (*.awkey *.key *.json);;Semua (*)"),
        )
        if name:
            self.key_file.setText(name)
            self.passphrase.setFocus()

    def _submit(self) -> None:
        values = {key: field.text() for key, field in self.inputs.items()}
        if self.join.isChecked():
            values = {k: v for k, v in values.items() if k not in ("office_code", "office_name")}
            values.update(
                mode="join",
                key_file=self.key_file.text().strip(),
                passphrase=self.passphrase.text(),
            )
        else:
            values["mode"] = "new"
        self.submitted.emit(values)


class LockPage(_CentredForm):
    """Covers the window: only the officer's name and a password field, nothing of the
    applicant. Signals: `unlock(password)`, `switch_user()`."""

    unlock = QtCore.Signal(str)
    switch_user = QtCore.Signal()

    def __init__(self) -> None:
        super().__init__()
        self.box.setTitle(self.tr("Layar terkunci"))
        self.who = QtWidgets.QLabel()
        self.who.setWordWrap(True)
        self.password = _password_field()
        self.password.setObjectName("unlockPassword")
        self.password.returnPressed.connect(lambda: self.unlock.emit(self.password.text()))
        button = QtWidgets.QPushButton(self.tr("Buka (Enter)"))
        button.clicked.connect(lambda: self.unlock.emit(self.password.text()))
        other = QtWidgets.QPushButton(self.tr("Keluar dan ganti petugas"))
        other.clicked.connect(self.switch_user.emit)
        self.form.addRow(self.who)
        self.form.addRow(self.tr("Kata sandi"), self.password)
        self.form.addRow(self.error)
        self.form.addRow(button)
        self.form.addRow(other)

    def reset(self, officer_name: str) -> None:
        self.who.setText(
            self.tr(
                "Terkunci oleh %1. Wawancara tetap tersimpan; masukkan kata sandi Anda untuk melanjutkan."
            ).replace("%1", officer_name)
        )
        self.password.clear()
        self.error.clear()
        self.password.setFocus()


class PasswordChangePage(_CentredForm):
    """The officer's own new password (forced after a supervisor's reset): the current one,
    the new one twice; Enter moves on and submits. Signals: `submitted(current, new,
    repeated)`, `cancelled()` (a forced change signs out; a chosen one goes back home)."""

    submitted = QtCore.Signal(str, str, str)
    cancelled = QtCore.Signal()

    def __init__(self) -> None:
        super().__init__()
        self.box.setTitle(self.tr("Ganti kata sandi"))
        self.why = QtWidgets.QLabel()
        self.why.setWordWrap(True)
        self.current = _password_field()
        self.current.setObjectName("currentPassword")
        self.new = _password_field()
        self.new.setObjectName("newPassword")
        self.repeated = _password_field()
        self.repeated.setObjectName("repeatedPassword")
        button = QtWidgets.QPushButton(self.tr("Simpan kata sandi (Enter)"))
        button.setObjectName("primary")
        self.forced = False
        self.cancel = cancel = QtWidgets.QPushButton(self.tr("Batal dan keluar"))
        self.form.addRow(self.why)
        self.form.addRow(self.tr("Kata sandi sekarang"), self.current)
        self.form.addRow(self.tr("Kata sandi baru"), self.new)
        self.form.addRow(self.tr("Ulangi kata sandi baru"), self.repeated)
        self.form.addRow(self.error)
        self.form.addRow(button)
        self.form.addRow(cancel)
        self.current.returnPressed.connect(self.new.setFocus)
        self.new.returnPressed.connect(self.repeated.setFocus)
        self.repeated.returnPressed.connect(self._submit)
        button.clicked.connect(self._submit)
        cancel.clicked.connect(self.cancelled.emit)

    def _submit(self) -> None:
        self.submitted.emit(self.current.text(), self.new.text(), self.repeated.text())

    def reset(self, officer_name: str, forced: bool) -> None:
        text = (
            self.tr(
                "%1, kata sandi Anda direset oleh supervisor. Buat kata sandi baru sebelum mulai bekerja; kata sandi yang panjang dan bukan nama pengguna."
            )
            if forced
            else self.tr("%1, buat kata sandi baru: yang panjang dan bukan nama pengguna.")
        )
        self.why.setText(text.replace("%1", officer_name))
        self.forced = forced
        self.cancel.setText(self.tr("Batal dan keluar") if forced else self.tr("Batal"))
        for field in (self.current, self.new, self.repeated):
            field.clear()
        self.error.clear()
        self.current.setFocus()

    def show_error(self, text: str) -> None:
        super().show_error(text)
        for field in (self.current, self.new, self.repeated):
            field.clear()
        self.current.setFocus()
