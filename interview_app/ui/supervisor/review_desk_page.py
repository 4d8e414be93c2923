"""The review page: completed interviews by filter, read-only view, reviewed or returned."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6 import QtCore, QtWidgets

from interview_app.reference import load_countries
from interview_app.supervision.review_desk import (
    CORRECTED,
    RETURNED,
    REVIEW_STATES,
    REVIEWED,
    UNREVIEWED,
    ReviewDesk,
    ReviewFilter,
    ReviewRow,
)
from interview_app.supervision.session import SupervisorSession
from interview_app.ui.i18n import current_language
from interview_app.ui.labels import outcome_text
from interview_app.ui.messages import calmly
from interview_app.ui.supervisor.interview_view import InterviewViewDialog
from interview_app.ui.supervisor.status import (
    StatusLine,
    buddy,
    compact_combo,
    fill_row,
    local_time,
    py_date,
    qdate,
    selected_key,
    table,
)


def ask_return_comment(parent: QtWidgets.QWidget, ref_no: str) -> str | None:
    text, ok = QtWidgets.QInputDialog.getMultiLineText(
        parent,
        QtCore.QCoreApplication.translate("ReviewPage", "Kembalikan ke petugas"),
        QtCore.QCoreApplication.translate(
            "ReviewPage", "Apa yang perlu dikoreksi pada %1?"
        ).replace("%1", ref_no),
    )
    return text if ok and text.strip() else None


class ReviewPage(QtWidgets.QWidget):
    """Completed interviews by filter; outcomes by their label (codes only in exports)."""

    def __init__(self, session: SupervisorSession, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = ReviewDesk(session)
        self.ask_comment: Callable[[QtWidgets.QWidget, str], str | None] = ask_return_comment
        self.rows: dict[str, ReviewRow] = {}
        self.last_view: InterviewViewDialog | None = None
        self.countries = {c.code: c for c in load_countries()}
        today = session.clock().astimezone().date()
        self.date_from = QtWidgets.QDateEdit(qdate(today - dt.timedelta(days=30)))
        self.date_to = QtWidgets.QDateEdit(qdate(today))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd-MM-yyyy")
        self.all_dates = QtWidgets.QCheckBox(self.tr("Semua t&anggal"))
        self.officer = QtWidgets.QComboBox()
        self.outcome = QtWidgets.QComboBox()
        self.flag = QtWidgets.QComboBox()
        self.destination = QtWidgets.QComboBox()
        self.state = QtWidgets.QComboBox()
        self._fill_choices(session)
        for combo in (self.officer, self.outcome, self.flag, self.destination, self.state):
            compact_combo(combo)
        show = QtWidgets.QPushButton(self.tr("Tampi&lkan"))
        show.setObjectName("primary")
        show.clicked.connect(self.refresh)
        # Label and field pairs, two to a row: the tools window is about 900 pixels wide on a
        # 1366x768 screen at 150%.
        filters = QtWidgets.QGridLayout()
        pairs: list[tuple[QtWidgets.QWidget | None, QtWidgets.QWidget]] = [
            (buddy(self.tr("&Dari"), self.date_from), self.date_from),
            (buddy(self.tr("&Sampai"), self.date_to), self.date_to),
            (buddy(self.tr("&Petugas"), self.officer), self.officer),
            (buddy(self.tr("&Hasil"), self.outcome), self.outcome),
            (buddy(self.tr("Tanda &bahaya"), self.flag), self.flag),
            (buddy(self.tr("T&ujuan"), self.destination), self.destination),
            (buddy(self.tr("Tinjaua&n"), self.state), self.state),
            (None, self.all_dates),
        ]
        for index, (label, field) in enumerate(pairs):
            row, column = divmod(index, 2)
            if label is not None:
                filters.addWidget(label, row, column * 2)
            filters.addWidget(field, row, column * 2 + 1)
        filters.addWidget(show, len(pairs) // 2, 3)
        filters.setColumnStretch(1, 1)
        filters.setColumnStretch(3, 1)
        self.table = table(
            [
                self.tr("No. referensi"),
                self.tr("Tanggal"),
                self.tr("Petugas"),
                self.tr("Pemohon"),
                self.tr("Hasil"),
                self.tr("Skor"),
                self.tr("Tanda bahaya"),
                self.tr("Tujuan"),
                self.tr("Tinjauan"),
            ]
        )
        self.table.setObjectName("reviewTable")
        self.table.doubleClicked.connect(lambda _: self.open_selected())
        buttons = QtWidgets.QHBoxLayout()
        for text, slot in (
            (self.tr("&Buka (hanya baca)"), self.open_selected),
            (self.tr("Tandai sudah di&tinjau"), self.mark_reviewed),
            (self.tr("&Kembalikan ke petugas…"), self.return_selected),
        ):
            button = QtWidgets.QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.status = StatusLine()
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.refresh()

    def _fill_choices(self, session: SupervisorSession) -> None:
        language = current_language()
        every = self.tr("— semua —")
        self.officer.addItem(every, None)
        for choice in self.desk.officers():
            self.officer.addItem(choice.name, choice.key)
        self.outcome.addItem(every, None)
        self.outcome_labels = {
            label.code: label.label for label in session.settings.outcome_labels()
        }
        for code, label in self.outcome_labels.items():
            self.outcome.addItem(label.text(language), code)
        self.flag.addItem(every, None)
        for rule_id, reason_id, reason_en in self.desk.flag_rules():
            self.flag.addItem(reason_en if language == "en" else reason_id, rule_id)
        self.destination.addItem(every, None)
        for code in self.desk.destinations():
            self.destination.addItem(self.country_name(code), code)
        self.state.addItem(every, None)
        for state in REVIEW_STATES:
            self.state.addItem(self.state_text(state), state)

    def country_name(self, code: str | None) -> str:
        if not code:
            return ""
        country = self.countries.get(code)
        return country.name(current_language()) if country is not None else code

    def state_text(self, state: str) -> str:
        return {
            UNREVIEWED: self.tr("belum ditinjau"),
            REVIEWED: self.tr("sudah ditinjau"),
            RETURNED: self.tr("dikembalikan"),
            CORRECTED: self.tr("dikoreksi setelah dikembalikan"),
        }.get(state, state)

    def filters(self) -> ReviewFilter:
        every = self.all_dates.isChecked()
        return ReviewFilter(
            date_from=None if every else py_date(self.date_from.date()),
            date_to=None if every else py_date(self.date_to.date()),
            officer=self.officer.currentData(),
            outcome=self.outcome.currentData(),
            flag_rule_id=self.flag.currentData(),
            destination=self.destination.currentData(),
            review_state=self.state.currentData(),
        )

    def refresh(self) -> None:
        with calmly(self.status.error) as attempt:
            rows = self.desk.list(self.filters())
        if attempt.failed:
            return
        self.rows = {row.uuid: row for row in rows}
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            fill_row(
                self.table,
                index,
                [
                    row.ref_no,
                    local_time(row.created_at),
                    row.officer_name,
                    row.full_name or "",
                    outcome_text(row.outcome, self.outcome_labels),
                    "" if row.score is None else f"{row.score:g}" + (" !" if row.hard_flag else ""),
                    str(row.flag_count),
                    self.country_name(row.destination),
                    self.state_text(row.review_state),
                ],
                row.uuid,
            )
        self.table.resizeColumnsToContents()
        if len(rows) >= ReviewFilter().limit:
            self.status.ok(
                self.tr("%1 wawancara terbaru; persempit saringan untuk yang lain").replace(
                    "%1", str(len(rows))
                )
            )
        else:
            self.status.ok(self.tr("%1 wawancara").replace("%1", str(len(rows))))

    def _selected(self) -> ReviewRow | None:
        key = selected_key(self.table)
        if key is None:
            self.status.error(self.tr("Pilih wawancara dulu."))
            return None
        return self.rows.get(key)

    def open_selected(self) -> None:
        row = self._selected()
        if row is None:
            return
        with calmly(self.status.error) as attempt:
            view = self.desk.open(row.uuid)
        if attempt.failed:
            return
        dialog = InterviewViewDialog(view, self, self.outcome_labels)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.last_view = dialog

    def mark_reviewed(self) -> None:
        row = self._selected()
        if row is None:
            return
        with calmly(self.status.error) as attempt:
            self.desk.mark_reviewed(row.uuid)
        if attempt.failed:
            return
        self.refresh()
        self.status.ok(self.tr("%1: sudah ditinjau").replace("%1", row.ref_no))

    def return_selected(self) -> None:
        row = self._selected()
        if row is None:
            return
        comment = self.ask_comment(self, row.ref_no)
        if comment is None:
            return
        with calmly(self.status.error) as attempt:
            self.desk.return_to_officer(row.uuid, comment)
        if attempt.failed:
            return
        self.refresh()
        self.status.ok(
            self.tr("%1 dikembalikan ke %2.")
            .replace("%1", row.ref_no)
            .replace("%2", row.officer_name)
        )

    def select(self, ref_no: str) -> None:
        for index in range(self.table.rowCount()):
            item = self.table.item(index, 0)
            if item is not None and item.text() == ref_no:
                self.table.selectRow(index)
                return
