"""Home: today's interviews here, unfinished ones to resume, and search while typing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets

from interview_app.ui.labels import outcome_text, status_text

if TYPE_CHECKING:
    from interview_app.storage.interviews import InterviewSummary
    from interview_app.text import Message
    from interview_app.workflow.views import HomeView


def _line(row: InterviewSummary, outcomes: Mapping[str, Message]) -> str:
    """One interview in a list: its outcome by label, never by code."""
    when = row.created_at[:16].replace("T", " ")
    name = row.full_name or "—"
    flags = f" · ⚑{row.flag_count}" if row.flag_count else ""
    state = (
        outcome_text(row.outcome, outcomes)
        if row.status == "completed" and row.outcome
        else status_text(row.status)
    )
    return f"{row.ref_no} · {name} · {when} · {state}{flags}"


class HomePage(QtWidgets.QWidget):
    """Signals: `new_interview`, `resume(uuid)`, `open_record(uuid)`, `search_changed(text)`."""

    new_interview = QtCore.Signal()
    resume = QtCore.Signal(str)
    open_record = QtCore.Signal(str)
    search_changed = QtCore.Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.outcomes: Mapping[str, Message] = {}
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        top = QtWidgets.QHBoxLayout()
        self.greeting = QtWidgets.QLabel()
        self.greeting.setObjectName("pageTitle")
        self.new_button = QtWidgets.QPushButton(self.tr("Wawancara baru (Ctrl+N)"))
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(self.new_interview.emit)
        top.addWidget(self.greeting, 1)
        top.addWidget(self.new_button)
        layout.addLayout(top)
        # Interviews past the retention period (a supervisor purges them).
        self.reminder = QtWidgets.QLabel()
        self.reminder.setObjectName("reminder")
        self.reminder.setWordWrap(True)
        self.reminder.setVisible(False)
        layout.addWidget(self.reminder)
        # For a supervisor: referrals nobody brought the receipt back for, past the deadline.
        self.overdue = QtWidgets.QLabel()
        self.overdue.setObjectName("overdueReferrals")
        self.overdue.setWordWrap(True)
        self.overdue.setVisible(False)
        layout.addWidget(self.overdue)
        # Sync conflicts waiting for a supervisor (Supervisor > Konflik sinkronisasi).
        self.conflicts = QtWidgets.QLabel()
        self.conflicts.setObjectName("reminder")
        self.conflicts.setWordWrap(True)
        self.conflicts.setVisible(False)
        layout.addWidget(self.conflicts)
        self.returned_box = QtWidgets.QGroupBox(
            self.tr("Dikembalikan supervisor untuk dikoreksi — Enter untuk membuka")
        )
        self.returned = self._list("returned", self.open_record)
        QtWidgets.QVBoxLayout(self.returned_box).addWidget(self.returned)
        self.returned_box.setVisible(False)
        layout.addWidget(self.returned_box)
        self.search = QtWidgets.QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Cari NIK, nomor paspor atau awal nama (Ctrl+F)"))
        self.search.textChanged.connect(self.search_changed.emit)
        self.search.installEventFilter(self)  # Down goes to the results, Enter opens one
        layout.addWidget(self.search)
        self.results = self._list("searchResults", self.open_record)
        layout.addWidget(self.results, 2)
        columns = QtWidgets.QHBoxLayout()
        drafts_box = QtWidgets.QGroupBox(self.tr("Belum selesai — Enter untuk melanjutkan"))
        QtWidgets.QVBoxLayout(drafts_box).addWidget(drafts := self._list("drafts", self.resume))
        self.drafts = drafts
        today_box = QtWidgets.QGroupBox(self.tr("Hari ini di loket ini"))
        QtWidgets.QVBoxLayout(today_box).addWidget(today := self._list("today", self.open_record))
        self.today = today
        columns.addWidget(drafts_box)
        columns.addWidget(today_box)
        layout.addLayout(columns, 3)
        for sequence, slot in (
            ("Ctrl+N", self.new_interview.emit),
            ("Ctrl+F", self.search.setFocus),
        ):
            shortcut = QtGui.QShortcut(QtGui.QKeySequence(sequence), self)
            shortcut.setContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802
        if watched is self.search and isinstance(event, QtGui.QKeyEvent):
            key = event.key()
            if key == QtCore.Qt.Key.Key_Down and self._first_result() >= 0:
                self.results.setFocus()
                self.results.setCurrentRow(self._first_result())
                return True
            if key in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter):
                row = self._first_result()
                if row >= 0:
                    self.results.setCurrentRow(row)
                    self.open_record.emit(
                        self.results.item(row).data(QtCore.Qt.ItemDataRole.UserRole)
                    )
                return True
        return False

    def _first_result(self) -> int:
        """The first openable result row (-1: none; "nothing found" is not openable)."""
        if not self.results.isVisible():
            return -1
        for row in range(self.results.count()):
            if self.results.item(row).data(QtCore.Qt.ItemDataRole.UserRole):
                return row
        return -1

    def _list(self, name: str, signal: QtCore.SignalInstance) -> QtWidgets.QListWidget:
        widget = QtWidgets.QListWidget()
        widget.setObjectName(name)
        # Long lines wrap rather than scrolling sideways (a narrow, highly scaled screen).
        widget.setWordWrap(True)
        widget.setResizeMode(QtWidgets.QListView.ResizeMode.Adjust)
        widget.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        widget.itemActivated.connect(
            lambda item: signal.emit(item.data(QtCore.Qt.ItemDataRole.UserRole))
        )
        return widget

    def _show_overdue(self, home: HomeView, language: str, most: int = 5) -> None:
        lines = [message.text(language) for message in home.overdue_referrals]
        if lines:
            head = self.tr("Rujukan lewat batas: %1 (Ctrl+Shift+R, lalu F3)").replace(
                "%1", str(len(lines))
            )
            more = ["…"] if len(lines) > most else []
            self.overdue.setText("\n".join(["⚠ " + head, *lines[:most], *more]))
        self.overdue.setVisible(bool(lines))

    def show_home(
        self,
        greeting: str,
        home: HomeView,
        language: str = "id",
        outcomes: Mapping[str, Message] | None = None,
    ) -> None:
        """`outcomes`: the office's outcome labels by code (lists show the label)."""
        if outcomes is not None:
            self.outcomes = outcomes
        self.greeting.setText(greeting)
        self.reminder.setText(
            "⚠ " + home.reminder.text(language) if home.reminder is not None else ""
        )
        self.reminder.setVisible(home.reminder is not None)
        self._show_overdue(home, language)
        self.returned.clear()
        for row in home.returned:
            item = QtWidgets.QListWidgetItem(
                f"{row.ref_no} · {row.returned_at[:10]} · {row.returned_by}: {row.comment}"
            )
            item.setData(QtCore.Qt.ItemDataRole.UserRole, row.uuid)
            item.setToolTip(row.comment)
            self.returned.addItem(item)
        self.returned_box.setVisible(bool(home.returned))
        rows = min(max(self.returned.count(), 1), 4)
        self.returned.setFixedHeight(self.returned.sizeHintForRow(0) * rows + 8)
        self._fill(
            self.drafts,
            (*home.corrections, *home.drafts),
            self.tr("Tidak ada wawancara yang belum selesai."),
        )
        for index in range(len(home.corrections)):  # corrections a crash left unsaved
            item = self.drafts.item(index)
            item.setText(self.tr("KOREKSI belum disimpan") + " · " + item.text())
        self._fill(self.today, home.today, self.tr("Belum ada wawancara hari ini."))
        if self.drafts.count() and self.drafts.item(0).data(QtCore.Qt.ItemDataRole.UserRole):
            self.drafts.setCurrentRow(0)

    def show_conflicts(self, waiting: int) -> None:
        self.conflicts.setText(
            self.tr(
                "⚠ %1 konflik sinkronisasi menunggu: Supervisor > Konflik sinkronisasi."
            ).replace("%1", str(waiting))
        )
        self.conflicts.setVisible(waiting > 0)

    def show_results(self, rows: Sequence[InterviewSummary], searched: bool) -> None:
        self._fill(self.results, rows, self.tr("Tidak ditemukan.") if searched else "")
        # Shown while searching; otherwise the day's lists get the room.
        self.results.setVisible(searched)

    def _fill(
        self, widget: QtWidgets.QListWidget, rows: Sequence[InterviewSummary], empty: str
    ) -> None:
        widget.clear()
        for row in rows:
            item = QtWidgets.QListWidgetItem(_line(row, self.outcomes))
            item.setData(QtCore.Qt.ItemDataRole.UserRole, row.uuid)
            widget.addItem(item)
        if not rows and empty:
            item = QtWidgets.QListWidgetItem(empty)
            item.setFlags(QtCore.Qt.ItemFlag.NoItemFlags)
            widget.addItem(item)
