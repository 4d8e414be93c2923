"""The office recovery code, shown once: after the first run, after a supervisor's sign-in
encrypted an old data folder, and when a supervisor makes a new one. It closes only once the
supervisor confirms having written it down (Esc and the window's close button do nothing
before that); it can be printed for the office safe."""

from __future__ import annotations

import html

from PySide6 import QtCore, QtGui, QtWidgets

from interview_app.ui.screen_fit import fit_window


class RecoveryCodeDialog(QtWidgets.QDialog):
    def __init__(self, code: str, office: str, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryCodeDialog")
        self.setWindowTitle(self.tr("Kode pemulihan kantor"))
        self.setModal(True)
        # No close button in the title bar: only the confirmed "Selesai" closes it.
        self.setWindowFlags(
            QtCore.Qt.WindowType.Dialog
            | QtCore.Qt.WindowType.CustomizeWindowHint
            | QtCore.Qt.WindowType.WindowTitleHint
        )
        self.code = code
        self.office = office
        layout = QtWidgets.QVBoxLayout(self)
        intro = QtWidgets.QLabel(
            self.tr(
                "Data kantor ini terenkripsi. Kode di bawah membuka folder data bila semua kata sandi supervisor hilang, dan hanya ditampilkan sekali ini."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        shown = QtWidgets.QLabel(code)
        shown.setObjectName("recoveryCode")
        shown.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        shown.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QtGui.QFontDatabase.systemFont(QtGui.QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        shown.setFont(font)
        shown.setWordWrap(True)
        shown.setFrameShape(QtWidgets.QFrame.Shape.Box)
        shown.setMargin(12)
        layout.addWidget(shown)
        keep = QtWidgets.QLabel(
            self.tr(
                "Tulis atau cetak kode ini dan simpan di brankas kantor, terpisah dari komputer. Siapa pun yang memegangnya dapat membuka data kantor. Bila kode ini hilang dan tidak ada supervisor yang ingat kata sandinya, data tidak dapat dibuka oleh siapa pun."
            )
        )
        keep.setWordWrap(True)
        layout.addWidget(keep)
        self.confirm = QtWidgets.QCheckBox(
            self.tr("Saya sudah menulis atau mencetak kode ini dan akan menyimpannya di brankas.")
        )
        self.confirm.setObjectName("recoveryCodeWritten")
        layout.addWidget(self.confirm)
        buttons = QtWidgets.QHBoxLayout()
        self.print_button = QtWidgets.QPushButton(self.tr("&Cetak…"))
        self.print_button.setObjectName("recoveryCodePrint")
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self.print_code)
        self.done_button = QtWidgets.QPushButton(self.tr("Selesai"))
        self.done_button.setObjectName("primary")
        self.done_button.setEnabled(False)
        self.done_button.clicked.connect(self.accept)
        self.confirm.toggled.connect(self.done_button.setEnabled)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.done_button)
        layout.addLayout(buttons)
        fit_window(self, 640, 420)
        self.confirm.setFocus()

    def reject(self) -> None:
        """Esc closes only after the confirmation (the code is never shown again)."""
        if self.confirm.isChecked():
            super().reject()

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:  # noqa: N802
        if self.confirm.isChecked():
            super().closeEvent(event)
        else:
            event.ignore()

    def page_html(self) -> str:
        """What a print of the code says: the office, the code, what it is for."""
        title = self.tr("Kode pemulihan kantor")
        purpose = self.tr(
            "Membuka folder data Asisten Wawancara bila semua kata sandi supervisor hilang ('interview-app account reset-password --recovery-code-file'). Simpan di brankas kantor; jangan disimpan di komputer."
        )
        return (
            f"<h2>{html.escape(title)}</h2><p>{html.escape(self.office)}</p>"
            f"<p style='font-family:monospace; font-size:20pt'><b>{html.escape(self.code)}</b></p>"
            f"<p>{html.escape(purpose)}</p>"
        )

    def print_code(self) -> None:
        from PySide6 import QtPrintSupport

        printer = QtPrintSupport.QPrinter(QtPrintSupport.QPrinter.PrinterMode.HighResolution)
        chooser = QtPrintSupport.QPrintDialog(printer, self)
        if chooser.exec() != QtWidgets.QDialog.DialogCode.Accepted:
            return
        document = QtGui.QTextDocument()
        document.setHtml(self.page_html())
        document.print_(printer)


def show_recovery_code(code: str, office: str, parent: QtWidgets.QWidget | None) -> None:
    """Shown modally; returns once the supervisor confirmed writing the code down."""
    dialog = RecoveryCodeDialog(code, office, parent)
    dialog.exec()
    dialog.deleteLater()
