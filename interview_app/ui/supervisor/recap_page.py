"""The recap page: a date range, a format (PDF, CSV, XLSX), "redacted", and where to save."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

from interview_app.errors import KnownError
from interview_app.reports.recap import Period
from interview_app.supervision.report_export import ReportResult, write_report
from interview_app.supervision.session import SupervisorSession
from interview_app.ui.messages import say
from interview_app.ui.supervisor.status import StatusLine, py_date, qdate

FORMATS = (
    ("pdf", QtCore.QT_TRANSLATE_NOOP("RecapPage", "Rekap PDF dengan grafik")),
    ("xlsx", QtCore.QT_TRANSLATE_NOOP("RecapPage", "Daftar wawancara XLSX (Excel)")),
    ("csv", QtCore.QT_TRANSLATE_NOOP("RecapPage", "Daftar wawancara CSV")),
)


def ask_save_path(parent: QtWidgets.QWidget, suggested: str, fmt: str) -> str:
    title = QtCore.QCoreApplication.translate("RecapPage", "Simpan rekap")
    path, _ = QtWidgets.QFileDialog.getSaveFileName(
        parent, title, suggested, f"{fmt.upper()} (*.{fmt})"
    )
    return path


class RecapPage(QtWidgets.QWidget):
    """Builds in the GUI thread with a busy cursor: a 1,000-interview recap takes well under a
    second, and the audit entry must be written on the window's own connection."""

    def __init__(self, session: SupervisorSession, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ask_path: Callable[[QtWidgets.QWidget, str, str], str] = ask_save_path
        self.last_result: ReportResult | None = None
        today = session.clock().astimezone().date()
        first = today.replace(day=1)
        self.date_from = QtWidgets.QDateEdit(qdate(first))
        self.date_to = QtWidgets.QDateEdit(qdate(today))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd-MM-yyyy")
        self.format = QtWidgets.QComboBox()
        for code, text in FORMATS:
            self.format.addItem(self.tr(text), code)
        self.redacted = QtWidgets.QCheckBox(self.tr("Disa&markan: NIK, nama dan telepon"))
        self.redacted.setChecked(True)
        self.format.currentIndexChanged.connect(self._format_changed)
        create = QtWidgets.QPushButton(self.tr("&Buat dan simpan…"))
        create.setObjectName("primary")
        create.clicked.connect(self.choose_and_create)
        self.status = StatusLine()
        form = QtWidgets.QFormLayout()
        form.addRow(self.tr("&Dari tanggal"), self.date_from)
        form.addRow(self.tr("&Sampai tanggal"), self.date_to)
        form.addRow(self.tr("B&entuk"), self.format)
        form.addRow("", self.redacted)
        note = QtWidgets.QLabel(
            self.tr(
                "Rekap PDF hanya berisi angka, tanpa data pribadi. Daftar CSV/XLSX berisi data "
                "pribadi kecuali disamarkan; setiap ekspor dicatat di log audit."
            )
        )
        note.setWordWrap(True)
        note.setObjectName("fieldHint")
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(create, 0, QtCore.Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self._format_changed()

    def _format_changed(self) -> None:
        self.redacted.setEnabled(self.format.currentData() != "pdf")

    def period(self) -> Period:
        start: dt.date = py_date(self.date_from.date())
        end: dt.date = py_date(self.date_to.date())
        return Period.of(start, end)

    def choose_and_create(self) -> None:
        fmt = str(self.format.currentData())
        try:
            period = self.period()
        except KnownError as error:
            self.status.known(error)
            return
        suggested = f"rekap-{period.start:%Y%m%d}-{period.end:%Y%m%d}.{fmt}"
        path = self.ask_path(self, suggested, fmt)
        if path:
            if not path.lower().endswith(f".{fmt}"):
                path += f".{fmt}"
            self.create_report(Path(path))

    def create_report(self, path: Path) -> ReportResult | None:
        QtWidgets.QApplication.setOverrideCursor(QtGui.QCursor(QtCore.Qt.CursorShape.WaitCursor))
        try:
            result = write_report(
                self.session,
                self.period(),
                path,
                redacted=self.redacted.isChecked() and self.redacted.isEnabled(),
            )
        except KnownError as error:
            self.status.known(error)
            return None
        finally:
            QtWidgets.QApplication.restoreOverrideCursor()
        self.last_result = result
        self.status.ok(say(result.message()))
        return result
