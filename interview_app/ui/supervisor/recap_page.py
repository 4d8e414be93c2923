"""The recap page: a date range, a format (PDF, CSV, XLSX), "redacted", and where to save."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6 import QtCore, QtWidgets

from interview_app.reports.recap import Period
from interview_app.storage.office import Office
from interview_app.supervision.report_export import ReportResult, write_report
from interview_app.supervision.session import SupervisorSession
from interview_app.ui.background import BackgroundWork, Progress
from interview_app.ui.messages import calmly, say
from interview_app.ui.supervisor.status import StatusLine, py_date, qdate

FORMATS = (
    ("pdf", str(QtCore.QT_TRANSLATE_NOOP("RecapPage", "Rekap PDF dengan grafik"))),
    ("xlsx", str(QtCore.QT_TRANSLATE_NOOP("RecapPage", "Daftar wawancara XLSX (Excel)"))),
    ("csv", str(QtCore.QT_TRANSLATE_NOOP("RecapPage", "Daftar wawancara CSV"))),
)


def ask_save_path(parent: QtWidgets.QWidget, suggested: str, fmt: str) -> str:
    title = QtCore.QCoreApplication.translate("RecapPage", "Simpan rekap")
    path, _ = QtWidgets.QFileDialog.getSaveFileName(
        parent, title, suggested, f"{fmt.upper()} (*.{fmt})"
    )
    return path


class RecapPage(QtWidgets.QWidget):
    """A recap or export is written off the GUI thread (BackgroundWork): on a slow disk or a
    large office the window keeps answering; the page shows a busy bar until it is done."""

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
        self.create_button = create = QtWidgets.QPushButton(self.tr("&Buat dan simpan…"))
        create.setObjectName("primary")
        create.clicked.connect(self.choose_and_create)
        self.busy_bar = QtWidgets.QProgressBar()
        self.busy_bar.setObjectName("recapBusy")
        self.busy_bar.setRange(0, 0)  # no count to show: it moves while the report is written
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setVisible(False)
        self.status = StatusLine()
        self.work = BackgroundWork(self)
        self.work.started.connect(self._started)
        self.work.finished_work.connect(self._finished)
        self.finished_work = self.work.finished_work
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
        layout.addWidget(self.busy_bar)
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
        with calmly(self.status.error) as attempt:
            period = self.period()
        if attempt.failed:
            return
        suggested = f"rekap-{period.start:%Y%m%d}-{period.end:%Y%m%d}.{fmt}"
        path = self.ask_path(self, suggested, fmt)
        if path:
            if not path.lower().endswith(f".{fmt}"):
                path += f".{fmt}"
            self.create_report(Path(path))

    def create_report(self, path: Path) -> bool:
        """Write the report on a thread of its own (the window keeps answering, a busy bar
        shows meanwhile) with a connection of its own; the result or the refusal shows in the
        status line, `last_result` holds it, `finished_work` says it is over. False while
        another report is being written."""
        if self.work.busy:
            return False
        session = self.session
        officer_id, clock = session.officer_id, session.clock
        period = self.period()
        redacted = self.redacted.isChecked() and self.redacted.isEnabled()

        def job(office: Office, progress: Progress) -> ReportResult:
            # The audit entry is written on this connection, by the same account.
            own = SupervisorSession.open(office, officer_id)
            return write_report(own, period, path, redacted=redacted)

        self.last_result = None
        return self.work.start(
            Office.of(session.database), job, self._written, self.status.refused, clock
        )

    def _started(self) -> None:
        self.create_button.setEnabled(False)
        self.busy_bar.setVisible(True)
        self.setCursor(QtCore.Qt.CursorShape.BusyCursor)
        self.status.ok(self.tr("Membuat rekap…"))

    def _finished(self) -> None:
        self.create_button.setEnabled(True)
        self.busy_bar.setVisible(False)
        self.unsetCursor()

    def _written(self, result: ReportResult) -> None:
        self.last_result = result
        self.status.ok(say(result.message()))
