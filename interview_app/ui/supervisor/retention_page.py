"""The retention page: a dry run lists what would go; the purge asks once more, then logs counts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore, QtWidgets

from interview_app.supervision.retention import Retention, RetentionPlan
from interview_app.supervision.session import SupervisorSession
from interview_app.ui.labels import outcome_text, status_text
from interview_app.ui.messages import calmly, say
from interview_app.ui.supervisor.status import StatusLine, fill_row, local_time, table


def confirm_purge(parent: QtWidgets.QWidget, text: str) -> bool:
    answer = QtWidgets.QMessageBox.warning(
        parent,
        QtCore.QCoreApplication.translate("RetentionPage", "Hapus data"),
        text,
        QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.No,
        QtWidgets.QMessageBox.StandardButton.No,
    )
    return answer == QtWidgets.QMessageBox.StandardButton.Yes


class RetentionPage(QtWidgets.QWidget):
    def __init__(self, session: SupervisorSession, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.retention = Retention(session)
        self.confirm: Callable[[QtWidgets.QWidget, str], bool] = confirm_purge
        self.plan: RetentionPlan | None = None
        years = session.settings.retention_years
        intro = QtWidgets.QLabel(
            self.tr(
                "Masa simpan: %1 tahun (ubah di Pengaturan > Masa simpan data). Wawancara yang "
                "lebih tua dihapus beserta jawaban, tanda bahaya, revisi dan slipnya; log audit "
                "tetap utuh."
            ).replace("%1", str(years))
        )
        intro.setWordWrap(True)
        dry_run = QtWidgets.QPushButton(self.tr("&Uji coba"))
        dry_run.clicked.connect(self.dry_run)
        self.purge_button = QtWidgets.QPushButton(self.tr("&Hapus sekarang…"))
        self.purge_button.setEnabled(False)
        self.purge_button.clicked.connect(self.purge)
        self.table = table(
            [self.tr("No. referensi"), self.tr("Dibuat"), self.tr("Status"), self.tr("Hasil")]
        )
        self.outcome_labels = {
            label.code: label.label for label in session.settings.outcome_labels()
        }
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
        with calmly(self.status.error) as attempt:
            plan = self.retention.plan()
        if attempt.failed:
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
                    status_text(candidate.status),
                    outcome_text(candidate.outcome, self.outcome_labels),
                ],
                candidate.uuid,
            )
        self.table.resizeColumnsToContents()
        self.purge_button.setEnabled(plan.count > 0)
        self.status.ok(
            self.tr("%1 wawancara dibuat sebelum %2 akan dihapus.")
            .replace("%1", str(plan.count))
            .replace("%2", local_time(plan.cutoff, False))
        )

    def purge(self) -> None:
        plan = self.plan
        if plan is None or plan.count == 0:
            return
        question = self.tr("%1 wawancara akan dihapus permanen. Lanjutkan?").replace(
            "%1", str(plan.count)
        )
        if not self.confirm(self, question):
            return
        with calmly(self.status.error) as attempt:
            result = self.retention.purge(plan)
        if attempt.failed:
            return
        self.plan = None
        self.purge_button.setEnabled(False)
        self.table.setRowCount(0)
        self.status.ok(say(result.message()))
