"""Sync conflicts: the versions imports set aside, side by side with the differences marked, and
keeping one of them with a reason (the core checks the role, logs it and sends it on)."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from interview_app.supervision.conflicts import ConflictDesk, ConflictDetail, kind_text, ref_no_of
from interview_app.supervision.session import SupervisorSession
from interview_app.sync.received import Conflict
from interview_app.sync.resolutions import KEEP_INCOMING, KEEP_LOCAL
from interview_app.ui.messages import calmly, say
from interview_app.ui.supervisor.status import StatusLine, fill_row, local_time, selected_key, table

DIFFERS_MARK = "≠ "
_RED = "#a11b1b"


class ConflictsPage(QtWidgets.QWidget):
    """Waiting conflicts (or all); the chosen one's two versions field by field; keep one."""

    def __init__(self, session: SupervisorSession, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.found: dict[str, Conflict] = {}
        self.detail: ConflictDetail | None = None
        intro = QtWidgets.QLabel(
            self.tr(
                "Impor menyisihkan versi yang bertentangan dengan data di sini; tidak ada yang "
                "ditimpa. Bandingkan kedua versi, pilih yang dipertahankan dan tulis alasannya. "
                "Pilihan ini ikut paket ekspor berikutnya ke loket lain."
            )
        )
        intro.setWordWrap(True)
        intro.setObjectName("fieldHint")
        self.all = QtWidgets.QCheckBox(self.tr("Tampilkan juga yang sudah &diselesaikan"))
        self.all.toggled.connect(self.refresh)
        self.table = table(
            [
                self.tr("No."),
                self.tr("Terdeteksi"),
                self.tr("Dari loket"),
                self.tr("Wawancara"),
                self.tr("Jenis"),
                self.tr("Diselesaikan"),
            ]
        )
        self.table.setObjectName("conflictsTable")
        self.table.itemSelectionChanged.connect(self.show_selected)
        self.summary = QtWidgets.QLabel()
        self.summary.setWordWrap(True)
        self.compare = QtWidgets.QTreeWidget()
        self.compare.setObjectName("conflictVersions")
        self.compare.setHeaderLabels(
            [self.tr("Isian"), self.tr("Versi di sini"), self.tr("Versi masuk")]
        )
        self.compare.setRootIsDecorated(False)
        self.compare.setWordWrap(True)
        self.compare.setAlternatingRowColors(True)
        # three equal columns: both versions get the same room, long values wrap
        self.compare.header().setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Stretch)
        self.keep_local = QtWidgets.QRadioButton(self.tr("Pertahankan versi di &sini"))
        self.keep_incoming = QtWidgets.QRadioButton(self.tr("Pertahankan versi &masuk"))
        self.keep_local.setChecked(True)
        self.reason = QtWidgets.QLineEdit()
        self.reason.setObjectName("conflictReason")
        self.reason.setPlaceholderText(self.tr("Alasan (wajib), mis. sudah dicek dengan berkas"))
        reason_label = QtWidgets.QLabel(self.tr("&Alasan:"))
        reason_label.setBuddy(self.reason)
        self.resolve_button = QtWidgets.QPushButton(self.tr("S&elesaikan konflik"))
        self.resolve_button.clicked.connect(self.resolve_selected)
        self.reason.returnPressed.connect(self.resolve_selected)
        self.status = StatusLine()

        lower = QtWidgets.QWidget()
        lower_layout = QtWidgets.QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.summary)
        lower_layout.addWidget(self.compare, 1)
        split = QtWidgets.QSplitter(QtCore.Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 2)
        choose = QtWidgets.QHBoxLayout()
        choose.addWidget(self.keep_local)
        choose.addWidget(self.keep_incoming)
        choose.addWidget(reason_label)
        choose.addWidget(self.reason, 1)
        choose.addWidget(self.resolve_button)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.all)
        layout.addWidget(split, 1)
        layout.addLayout(choose)
        layout.addWidget(self.status)
        self.refresh()

    def _desk(self) -> ConflictDesk:
        return ConflictDesk(self.session)

    def refresh(self) -> None:
        with calmly(self.status.error) as attempt:
            rows = self._desk().list(include_resolved=self.all.isChecked())
        if attempt.failed:
            return
        self.found = {str(row.id): row for row in rows}
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            fill_row(
                self.table,
                index,
                [
                    str(row.id),
                    local_time(row.detected_at),
                    row.source_workstation[:8],
                    ref_no_of(row),
                    say(kind_text(row.kind)),
                    local_time(row.resolved_at) if row.resolved_at else "",
                ],
                str(row.id),
            )
        self.table.resizeColumnsToContents()
        waiting = sum(1 for row in rows if row.resolved_at is None)
        self.status.ok(self.tr("%1 konflik menunggu").replace("%1", str(waiting)))
        self.show_selected()
        if rows and not self.table.selectionModel().selectedRows():
            self.table.selectRow(0)

    def show_selected(self) -> None:
        key = selected_key(self.table)
        conflict = self.found.get(key or "")
        self.compare.clear()
        self.detail = None
        self._choice_enabled(False)
        if conflict is None:
            self.summary.setText(self.tr("Pilih konflik untuk membandingkan kedua versinya."))
            return
        with calmly(self.status.error) as attempt:
            detail = self._desk().show(conflict.id)
        if attempt.failed:
            return
        self.detail = detail
        bold = QtGui.QFont()
        bold.setBold(True)
        # the differing fields first, so they are seen without scrolling
        ordered = [*detail.differing, *(f for f in detail.fields if not f.differs)]
        for field in ordered:
            label = say(field.label)
            item = QtWidgets.QTreeWidgetItem(
                [
                    (DIFFERS_MARK if field.differs else "") + label,
                    say(field.local),
                    say(field.incoming),
                ]
            )
            item.setToolTip(0, label)
            if field.differs:
                for column in range(3):
                    item.setForeground(column, QtGui.QBrush(QtGui.QColor(_RED)))
                    item.setFont(column, bold)
            self.compare.addTopLevelItem(item)
        text = (
            self.tr("Konflik #%1, %2: %3 isian berbeda (ditandai ≠).")
            .replace("%1", str(conflict.id))
            .replace("%2", detail.ref_no)
            .replace("%3", str(len(detail.differing)))
        )
        if detail.resolution is not None:
            kept = (
                self.tr("versi di sini")
                if detail.resolution.keep == KEEP_LOCAL
                else self.tr("versi masuk")
            )
            text += " " + (
                self.tr("Diselesaikan %1: %2 dipertahankan. Alasan: %3")
                .replace("%1", local_time(detail.resolution.at))
                .replace("%2", kept)
                .replace("%3", detail.resolution.reason)
            )
        elif conflict.resolved_at:
            text += " " + self.tr("Diselesaikan %1.").replace(
                "%1", local_time(conflict.resolved_at)
            )
        self.summary.setText(text)
        waiting = conflict.resolved_at is None
        self._choice_enabled(waiting)
        self.keep_incoming.setEnabled(waiting and detail.can_keep_incoming)
        if not detail.can_keep_incoming:
            self.keep_local.setChecked(True)

    def _choice_enabled(self, enabled: bool) -> None:
        for widget in (self.keep_local, self.keep_incoming, self.reason, self.resolve_button):
            widget.setEnabled(enabled)

    def resolve_selected(self) -> None:
        key = selected_key(self.table)
        conflict = self.found.get(key or "")
        if conflict is None:
            self.status.error(self.tr("Pilih konflik dulu."))
            return
        keep = KEEP_INCOMING if self.keep_incoming.isChecked() else KEEP_LOCAL
        with calmly(self.status.error) as attempt:
            self._desk().resolve(conflict.id, keep, self.reason.text())
        if attempt.failed:
            self.reason.setFocus()
            return
        self.reason.clear()
        self.refresh()
        self.status.ok(
            self.tr(
                "Konflik #%1 diselesaikan. Pilihan ini ikut paket ekspor berikutnya ke loket lain."
            ).replace("%1", str(conflict.id))
        )
