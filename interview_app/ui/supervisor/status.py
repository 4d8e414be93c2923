"""The line under each supervisor page that says what happened, and shared text helpers."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from PySide6 import QtCore, QtWidgets

from interview_app.errors import KnownError
from interview_app.ui.messages import show_refusal


def qdate(value: date) -> QtCore.QDate:
    return QtCore.QDate(value.year, value.month, value.day)


def py_date(value: QtCore.QDate) -> date:
    return date(value.year(), value.month(), value.day())


def buddy(text: str, field: QtWidgets.QWidget) -> QtWidgets.QLabel:
    """A label whose Alt key (the letter after '&') moves to `field`."""
    label = QtWidgets.QLabel(text)
    label.setBuddy(field)
    return label


def local_time(stored: str | None, with_time: bool = True) -> str:
    """A stored UTC time as this computer's local date (and time)."""
    if not stored:
        return ""
    moment = datetime.fromisoformat(stored).astimezone()
    return moment.strftime("%d-%m-%Y %H:%M" if with_time else "%d-%m-%Y")


class StatusLine(QtWidgets.QLabel):
    """Results and refusals in words on the page itself: no dialog to dismiss, nothing hidden
    behind a modal box, and the text stays until the next action."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusLine")
        self.setWordWrap(True)
        self.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.level = ""

    def ok(self, text: str) -> None:
        self.level = "ok"
        self.setStyleSheet("color: #1d6b2f;")
        self.setText(text)

    def refused(self, error: KnownError) -> None:
        """A refusal in the display language, with its problems listed below."""
        show_refusal(self.error, error)

    def error(self, text: str, details: Iterable[str] = ()) -> None:
        self.level = "error"
        self.setStyleSheet("color: #a11b1b;")
        lines = [text, *details]
        self.setText("\n".join(lines))


def compact_combo(combo: QtWidgets.QComboBox, characters: int = 14) -> None:
    """A filter's drop-down no wider than `characters`: long choices (a flag's reason) show in
    full in the open list, and the window keeps to the screen's width."""
    combo.setSizeAdjustPolicy(
        QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
    )
    combo.setMinimumContentsLength(characters)
    combo.view().setTextElideMode(QtCore.Qt.TextElideMode.ElideNone)


def table(headers: list[str]) -> QtWidgets.QTableWidget:
    """A read-only, row-selecting table with the given column headers."""
    widget = QtWidgets.QTableWidget(0, len(headers))
    widget.setHorizontalHeaderLabels(headers)
    widget.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
    widget.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
    widget.verticalHeader().setVisible(False)
    widget.horizontalHeader().setStretchLastSection(True)
    widget.setAlternatingRowColors(True)
    return widget


def fill_row(widget: QtWidgets.QTableWidget, row: int, values: list[str], key: str) -> None:
    """Put `values` in `row`; the row's key is kept on its first cell (UserRole)."""
    for column, value in enumerate(values):
        item = QtWidgets.QTableWidgetItem(value)
        if column == 0:
            item.setData(QtCore.Qt.ItemDataRole.UserRole, key)
        widget.setItem(row, column, item)


def selected_key(widget: QtWidgets.QTableWidget) -> str | None:
    rows = widget.selectionModel().selectedRows()
    if not rows:
        return None
    item = widget.item(rows[0].row(), 0)
    return None if item is None else str(item.data(QtCore.Qt.ItemDataRole.UserRole))
