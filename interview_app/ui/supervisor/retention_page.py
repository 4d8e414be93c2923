"""The retention page: a dry run lists what would go; the purge asks once more, then logs counts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtWidgets

from interview_app.errors import KnownError
from interview_app.supervision.office_settings import OfficeSettings
from interview_app.supervision.retention import Retention, RetentionPlan
from interview_app.supervision.session import SupervisorSession
from interview_app.ui.supervisor.status import StatusLine, fill_row, local_time, table


def confirm_purge(parent: QtWidgets.QWidget, text: str) -> bool:
    answer = QtWidgets.QMessageBox.warning(
        parent,
        "Hapus data / Delete data",
        text,
        QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.No,
        QtWidgets.QMessageBox.StandardButton.No,
    )
    return answer == QtWidgets.QMessageBox.StandardButton.Yes


class RetentionPage(QtWidgets.QWidget):
    HEADERS = ["No. referensi / Ref.", "Dibuat / Created", "Status", "Hasil / Outcome"]

    def __init__(self, session: SupervisorSession, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.retention = Retention(session)
        self.confirm: Callable[[QtWidgets.QWidget, str], bool] = confirm_purge
        self.plan: RetentionPlan | None = None
        years = OfficeSettings(session.database).retention_years
        intro = QtWidgets.QLabel(
            f"Masa simpan: {years} tahun (ubah di Pengaturan > Masa simpan data). Wawancara yang "
            "lebih tua dihapus beserta jawaban, bendera, revisi dan slipnya; log audit tetap utuh.\n"
            f"Retention: {years} years (change it in Settings > Data retention). Older interviews "
            "are deleted with their answers, flags, revisions and slips; the audit log stays whole."
        )
        intro.setWordWrap(True)
        dry_run = QtWidgets.QPushButton("Uji coba / Dry run")
        dry_run.clicked.connect(self.dry_run)
        self.purge_button = QtWidgets.QPushButton("Hapus sekarang… / Purge now…")
        self.purge_button.setEnabled(False)
        self.purge_button.clicked.connect(self.purge)
        self.table = table(self.HEADERS)
        self.table.setObjectName("retentionTable")
        self.status = StatusLine()
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(dry_run)
        buttons.addWidget(self.purge_button)
        buttons.addStretch(1)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

    def dry_run(self) -> None:
        try:
            plan = self.retention.plan()
        except KnownError as error:
            self.status.known(error)
            return
        self.plan = plan
        self.table.setRowCount(plan.count)
        for row, candidate in enumerate(plan.candidates):
            fill_row(
                self.table,
                row,
                [
                    candidate.ref_no,
                    local_time(candidate.created_at, with_time=False),
                    candidate.status,
                    candidate.outcome or "",
                ],
                candidate.uuid,
            )
        self.table.resizeColumnsToContents()
        self.purge_button.setEnabled(plan.count > 0)
        self.status.ok(
            f"{plan.count} wawancara dibuat sebelum {local_time(plan.cutoff, False)} akan dihapus. "
            f"/ {plan.count} interview(s) created before {local_time(plan.cutoff, False)} would "
            "be deleted."
        )

    def purge(self) -> None:
        plan = self.plan
        if plan is None or plan.count == 0:
            return
        question = (
            f"{plan.count} wawancara akan dihapus permanen. Lanjutkan?\n"
            f"{plan.count} interview(s) will be deleted for good. Continue?"
        )
        if not self.confirm(self, question):
            return
        try:
            result = self.retention.purge(plan)
        except KnownError as error:
            self.status.known(error)
            return
        self.plan = None
        self.purge_button.setEnabled(False)
        self.table.setRowCount(0)
        self.status.ok(f"{result.message().id}\n{result.message().en}")
