"""The scripts page: installed scripts, install a file (every problem shown), diff, activate."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6 import QtCore, QtWidgets

from interview_app.questionnaire.loader import QuestionnaireError
from interview_app.supervision.scripts import ScriptAdmin, diff
from interview_app.supervision.session import SupervisorSession
from interview_app.ui.i18n import current_language
from interview_app.ui.messages import calmly, known_error_text, problem_text
from interview_app.ui.supervisor.status import (
    StatusLine,
    fill_row,
    local_time,
    selected_key,
    table,
)


def ask_script_file(parent: QtWidgets.QWidget) -> str:
    path, _ = QtWidgets.QFileDialog.getOpenFileName(
        parent,
        QtCore.QCoreApplication.translate("ScriptsPage", "Pilih naskah"),
        "",
        QtCore.QCoreApplication.translate("ScriptsPage", "Naskah (*.yaml *.yml)"),
    )
    return path


def confirm_activation(parent: QtWidgets.QWidget, text: str) -> bool:
    title = QtCore.QCoreApplication.translate("ScriptsPage", "Aktifkan naskah")
    answer = QtWidgets.QMessageBox.question(parent, title, text)
    return answer == QtWidgets.QMessageBox.StandardButton.Yes


class ScriptsPage(QtWidgets.QWidget):
    def __init__(self, session: SupervisorSession, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.admin = ScriptAdmin(session)
        self.ask_file: Callable[[QtWidgets.QWidget], str] = ask_script_file
        self.confirm: Callable[[QtWidgets.QWidget, str], bool] = confirm_activation
        self.table = table(
            [
                self.tr("Naskah"),
                self.tr("Versi"),
                self.tr("Dipasang"),
                self.tr("Aktif"),
                self.tr("Hash"),
            ]
        )
        self.table.setObjectName("scriptsTable")
        self.table.itemSelectionChanged.connect(self.show_diff_of_selected)
        self.report = QtWidgets.QPlainTextEdit()
        self.report.setObjectName("scriptReport")
        self.report.setReadOnly(True)
        self.report.setPlaceholderText(
            self.tr("Masalah naskah dan perbedaannya dengan naskah aktif tampil di sini.")
        )
        self.status = StatusLine()
        install = QtWidgets.QPushButton(self.tr("&Pasang berkas naskah…"))
        install.clicked.connect(self.choose_and_install)
        self.activate_button = QtWidgets.QPushButton(self.tr("&Aktifkan yang dipilih"))
        self.activate_button.clicked.connect(self.activate_selected)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(install)
        buttons.addWidget(self.activate_button)
        buttons.addStretch(1)
        note = QtWidgets.QLabel(self.tr("Wawancara lama selalu tampil dengan naskahnya sendiri."))
        note.setObjectName("fieldHint")
        note.setWordWrap(True)
        split = QtWidgets.QSplitter(QtCore.Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.report)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        layout.addWidget(note)
        layout.addWidget(self.status)
        self.refresh()

    def refresh(self) -> None:
        with calmly(self.status.error) as attempt:
            scripts = self.admin.list()
        if attempt.failed:
            return
        self.table.blockSignals(True)
        self.table.setRowCount(len(scripts))
        for row, info in enumerate(scripts):
            fill_row(
                self.table,
                row,
                [
                    info.script_id,
                    str(info.version),
                    local_time(info.installed_at),
                    self.tr("ya") if info.active else "",
                    info.hash[:16],
                ],
                info.hash,
            )
        self.table.resizeColumnsToContents()
        self.table.blockSignals(False)

    def select(self, hash: str) -> None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and str(item.data(QtCore.Qt.ItemDataRole.UserRole)) == hash:
                self.table.selectRow(row)
                return

    def choose_and_install(self) -> None:
        path = self.ask_file(self)
        if path:
            self.install(Path(path))

    def install(self, path: Path) -> bool:
        """Check, then store (never activate). Every problem goes into the report."""
        with calmly(self.status.error) as attempt:
            result = self.admin.install_file(path)
        if attempt.error is not None:
            report = [known_error_text(attempt.error)]
            if isinstance(attempt.error, QuestionnaireError):
                report += [
                    "",
                    *(problem_text(problem) for problem in attempt.error.problems),
                    "",
                    self.tr("Tidak ada yang dipasang atau diaktifkan."),
                ]
            self.report.setPlainText("\n".join(report))
            return False
        self.refresh()
        self.select(result.hash)
        q = result.questionnaire
        lines = [
            self.tr("Terpasang (belum aktif): %1").replace(
                "%1", f"{q.id} v{q.version} {result.hash[:16]}"
            ),
            "",
        ]
        if result.diff is not None:
            lines += result.diff.lines(current_language())
        self.report.setPlainText("\n".join(lines))
        self.status.ok(
            self.tr("Naskah %1 terpasang; periksa perbedaannya lalu aktifkan.").replace(
                "%1", f"{q.id} v{q.version}"
            )
        )
        return True

    def show_diff_of_selected(self) -> None:
        key = selected_key(self.table)
        if key is None:
            return
        with calmly(self.status.error) as attempt:
            chosen = self.admin.load(key)
            active = self.admin.active()
        if attempt.failed:
            return
        if active is None or active.content_hash == chosen.content_hash:
            self.report.setPlainText(
                self.tr("%1: naskah aktif").replace("%1", f"{chosen.id} v{chosen.version}")
                if active is not None
                else ""
            )
            return
        changes = diff(active, chosen)
        self.report.setPlainText("\n".join(changes.lines(current_language())))

    def activate_selected(self) -> None:
        key = selected_key(self.table)
        if key is None:
            self.status.error(self.tr("Pilih naskah dulu."))
            return
        chosen = self.admin.load(key)
        question = self.tr("Aktifkan %1 untuk wawancara baru?").replace(
            "%1", f"{chosen.id} v{chosen.version}"
        )
        if not self.confirm(self, question):
            return
        with calmly(self.status.error) as attempt:
            result = self.admin.activate(key)
        if attempt.failed:
            return
        self.refresh()
        extra = ""
        if result.outcome_codes_added:
            codes = ", ".join(result.outcome_codes_added)
            extra = " " + self.tr("Kode hasil baru: %1.").replace("%1", codes)
        self.status.ok(
            self.tr("Aktif: %1.").replace("%1", f"{result.script_id} v{result.version}") + extra
        )
