"""The audit page: entries by date, action and actor, and the "check the chain" button."""

from __future__ import annotations

import datetime as dt

from PySide6 import QtWidgets

from interview_app.errors import KnownError
from interview_app.supervision.audit_view import AuditFilter, AuditViewer
from interview_app.supervision.session import SupervisorSession
from interview_app.ui.messages import calmly, say
from interview_app.ui.supervisor.status import (
    StatusLine,
    buddy,
    compact_combo,
    fill_row,
    local_time,
    py_date,
    qdate,
    table,
)


class AuditPage(QtWidgets.QWidget):
    def __init__(self, session: SupervisorSession, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.viewer = AuditViewer(session)
        today = session.clock().astimezone().date()
        self.date_from = QtWidgets.QDateEdit(qdate(today - dt.timedelta(days=7)))
        self.date_to = QtWidgets.QDateEdit(qdate(today))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd-MM-yyyy")
        self.all_dates = QtWidgets.QCheckBox(self.tr("Semua &tanggal"))
        self.action = QtWidgets.QComboBox()
        self.action.addItem(self.tr("— semua —"), None)
        try:
            for action in self.viewer.actions():
                self.action.addItem(action, action)
        except KnownError:
            pass  # the refusal shows in refresh()
        self.actor = QtWidgets.QLineEdit()
        self.actor.setPlaceholderText(self.tr("mis. officer:2"))
        show = QtWidgets.QPushButton(self.tr("Tampi&lkan"))
        show.clicked.connect(self.refresh)
        self.check_button = QtWidgets.QPushButton(self.tr("&Periksa rantai"))
        self.check_button.setObjectName("primary")
        self.check_button.clicked.connect(self.check_chain)
        self.chain_result = QtWidgets.QLabel()
        self.chain_result.setObjectName("chainResult")
        self.chain_result.setWordWrap(True)
        compact_combo(self.action)
        # Two rows: on a 1366x768 screen at 150% the tools window is about 900 pixels wide.
        filters = QtWidgets.QGridLayout()
        for row, widgets in enumerate(
            (
                (buddy(self.tr("&Dari"), self.date_from), self.date_from),
                (buddy(self.tr("&Sampai"), self.date_to), self.date_to),
                (self.all_dates,),
            ),
        ):
            for column, widget in enumerate(widgets):
                filters.addWidget(widget, 0, row * 2 + column)
        filters.addWidget(buddy(self.tr("T&indakan"), self.action), 1, 0)
        filters.addWidget(self.action, 1, 1)
        filters.addWidget(buddy(self.tr("P&elaku"), self.actor), 1, 2)
        filters.addWidget(self.actor, 1, 3)
        filters.addWidget(show, 1, 4)
        filters.setColumnStretch(5, 1)
        self.table = table(
            [
                self.tr("No."),
                self.tr("Waktu"),
                self.tr("Pelaku"),
                self.tr("Tindakan"),
                self.tr("Objek"),
                self.tr("Rincian"),
            ]
        )
        self.table.setObjectName("auditTable")
        self.status = StatusLine()
        chain = QtWidgets.QHBoxLayout()
        chain.addWidget(self.check_button)
        chain.addWidget(self.chain_result, 1)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(chain)
        layout.addWidget(self.status)
        self.refresh()

    def filters(self) -> AuditFilter:
        every = self.all_dates.isChecked()
        return AuditFilter(
            date_from=None if every else py_date(self.date_from.date()),
            date_to=None if every else py_date(self.date_to.date()),
            action=self.action.currentData(),
            actor=self.actor.text().strip() or None,
        )

    def refresh(self) -> None:
        with calmly(self.status.error) as attempt:
            rows = self.viewer.list(self.filters())
        if attempt.failed:
            return
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            entry = row.entry
            target = f"{entry.object_type or ''} {entry.object_id or ''}".strip()
            fill_row(
                self.table,
                index,
                [
                    str(entry.seq),
                    local_time(entry.at),
                    row.actor_name,
                    entry.action,
                    target,
                    row.details_text,
                ],
                str(entry.seq),
            )
        self.table.resizeColumnsToContents()
        self.status.ok(self.tr("%1 entri").replace("%1", str(len(rows))))

    def check_chain(self) -> bool:
        """Walk the whole chain and say in words whether it is intact."""
        with calmly(self.status.error) as attempt:
            result = self.viewer.check()
        if attempt.failed:
            return False
        colour = "#1d6b2f" if result.ok else "#a11b1b"
        self.chain_result.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.chain_result.setText(say(result.message))
        return result.ok
