"""Sync conflicts: the versions an import set aside, side by side with the differences marked,
and marking one as dealt with (audit-logged by the sync core)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore, QtGui, QtWidgets

from interview_app.errors import KnownError
from interview_app.supervision.session import SupervisorSession
from interview_app.sync.review import (
    Conflict,
    conflicts,
    incoming_ref_no,
    mark_resolved,
    version_differences,
)
from interview_app.ui.supervisor.status import StatusLine, fill_row, local_time, selected_key, table


def ask_reason(parent: QtWidgets.QWidget, text: str) -> str | None:
    """The supervisor's reason for the audit log (None: cancelled or left empty)."""
    title = QtCore.QCoreApplication.translate("ConflictsPage", "Konflik sinkronisasi")
    reason, ok = QtWidgets.QInputDialog.getMultiLineText(parent, title, text)
    return reason.strip() if ok and reason.strip() else None


class ConflictsPage(QtWidgets.QWidget):
    """The conflicts waiting (or all), the chosen one's two versions side by side."""

    def __init__(self, session: SupervisorSession, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ask_reason: Callable[[QtWidgets.QWidget, str], str | None] = ask_reason
        self.found: dict[str, Conflict] = {}
        intro = QtWidgets.QLabel(
            self.tr(
                "Impor menyisihkan versi yang bertentangan dengan data di sini; tidak ada yang "
                "ditimpa. Bandingkan kedua versi, tangani dengan petugas dan loket asal, lalu "
                "tandai sudah ditangani."
            )
        )
        intro.setWordWrap(True)
        intro.setObjectName("fieldHint")
        self.all = QtWidgets.QCheckBox(self.tr("Tampilkan juga yang sudah &ditangani"))
        self.all.toggled.connect(self.refresh)
        self.table = table(
            [
                self.tr("No."),
                self.tr("Terdeteksi"),
                self.tr("Dari loket"),
                self.tr("Wawancara"),
                self.tr("Jenis"),
                self.tr("Ditangani"),
            ]
        )
        self.table.setObjectName("conflictsTable")
        self.table.itemSelectionChanged.connect(self.show_selected)
        self.compare = QtWidgets.QTreeWidget()
        self.compare.setObjectName("conflictVersions")
        self.compare.setHeaderLabels(
            [self.tr("Isian"), self.tr("Versi di sini"), self.tr("Versi masuk")]
        )
        self.compare.setRootIsDecorated(False)
        self.compare.setWordWrap(True)
        self.resolve_button = QtWidgets.QPushButton(self.tr("&Tandai sudah ditangani…"))
        self.resolve_button.clicked.connect(self.resolve_selected)
        self.status = StatusLine()
        split = QtWidgets.QSplitter(QtCore.Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.compare)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(self.all)
        buttons.addStretch(1)
        buttons.addWidget(self.resolve_button)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.refresh()

    def kind_text(self, kind: str) -> str:
        return {
            "content_differs": self.tr("isi berbeda pada revisi yang sama"),
            "owner_differs": self.tr("milik loket lain di sini"),
            "ref_no_taken": self.tr("nomor referensi sudah dipakai"),
        }.get(kind, kind)

    def refresh(self) -> None:
        try:
            self.session.require()
            rows = conflicts(self.session.database, include_resolved=self.all.isChecked())
        except KnownError as error:
            self.status.known(error)
            return
        self.found = {str(row.id): row for row in rows}
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            ref_no = incoming_ref_no(row) or row.interview_uuid[:8]
            fill_row(
                self.table,
                index,
                [
                    str(row.id),
                    local_time(row.detected_at),
                    row.source_workstation,
                    str(ref_no),
                    self.kind_text(row.kind),
                    local_time(row.resolved_at) if row.resolved_at else "",
                ],
                str(row.id),
            )
        self.table.resizeColumnsToContents()
        waiting = sum(1 for row in rows if row.resolved_at is None)
        self.status.ok(self.tr("%1 konflik menunggu").replace("%1", str(waiting)))
        self.compare.clear()

    def show_selected(self) -> None:
        key = selected_key(self.table)
        conflict = self.found.get(key or "")
        self.compare.clear()
        if conflict is None:
            return
        bold = QtGui.QFont()
        bold.setBold(True)
        for name, left, right, differs in version_differences(
            conflict.local_version, conflict.incoming_version
        ):
            item = QtWidgets.QTreeWidgetItem([("≠ " if differs else "") + name, left, right])
            if differs:
                for column in range(3):
                    item.setForeground(column, QtGui.QBrush(QtGui.QColor("#a11b1b")))
                    item.setFont(column, bold)
            self.compare.addTopLevelItem(item)
        self.compare.resizeColumnToContents(0)

    def resolve_selected(self) -> None:
        key = selected_key(self.table)
        conflict = self.found.get(key or "")
        if conflict is None:
            self.status.error(self.tr("Pilih konflik dulu."))
            return
        question = self.tr(
            "Bagaimana konflik #%1 ditangani? Alasan ini masuk log audit; kedua versi tetap "
            "tersimpan untuk catatan."
        ).replace("%1", str(conflict.id))
        reason = self.ask_reason(self, question)
        if reason is None:
            return
        try:
            self.session.require()
            mark_resolved(
                self.session.database,
                self.session.audit,
                conflict.id,
                self.session.actor,
                self.session.clock,
                reason=reason,
            )
        except KnownError as error:
            self.status.known(error)
            return
        self.refresh()
        self.status.ok(
            self.tr("Konflik #%1 ditandai sudah ditangani.").replace("%1", str(conflict.id))
        )
