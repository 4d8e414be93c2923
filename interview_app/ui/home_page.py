"""Home: today's interviews here, unfinished ones to resume, and search while typing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets

if TYPE_CHECKING:
    from interview_app.storage.interviews import InterviewSummary
    from interview_app.workflow.views import HomeView

STATUS = {"draft": "belum selesai", "completed": "selesai", "voided": "batal"}


def _line(row: InterviewSummary) -> str:
    when = row.created_at[:16].replace("T", " ")
    name = row.full_name or "—"
    flags = f" · ⚑{row.flag_count}" if row.flag_count else ""
    state = (
        STATUS["draft"]
        if row.status == "draft"
        else (row.outcome or STATUS.get(row.status, row.status))
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

    def _list(self, name: str, signal: QtCore.SignalInstance) -> QtWidgets.QListWidget:
        widget = QtWidgets.QListWidget()
        widget.setObjectName(name)
        widget.itemActivated.connect(
            lambda item: signal.emit(item.data(QtCore.Qt.ItemDataRole.UserRole))
        )
        return widget

    def show_home(self, greeting: str, home: HomeView, language: str = "id") -> None:
        self.greeting.setText(greeting)
        self.reminder.setText(
            "⚠ " + home.reminder.text(language) if home.reminder is not None else ""
        )
        self.reminder.setVisible(home.reminder is not None)
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
            item = QtWidgets.QListWidgetItem(_line(row))
            item.setData(QtCore.Qt.ItemDataRole.UserRole, row.uuid)
            widget.addItem(item)
        if not rows and empty:
            item = QtWidgets.QListWidgetItem(empty)
            item.setFlags(QtCore.Qt.ItemFlag.NoItemFlags)
            widget.addItem(item)
