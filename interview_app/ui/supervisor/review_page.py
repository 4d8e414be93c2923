"""The review page: completed interviews by filter, read-only view, reviewed or returned."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6 import QtCore, QtWidgets

from interview_app.errors import KnownError
from interview_app.interview.identity import load_countries
from interview_app.supervision.office_settings import OfficeSettings
from interview_app.supervision.review import (
    REVIEW_STATE_TEXT,
    REVIEW_STATES,
    ReviewDesk,
    ReviewFilter,
    ReviewRow,
)
from interview_app.supervision.session import SupervisorSession
from interview_app.ui.supervisor.interview_view import InterviewViewDialog
from interview_app.ui.supervisor.status import (
    StatusLine,
    compact_combo,
    fill_row,
    local_time,
    py_date,
    qdate,
    selected_key,
    table,
)

ALL = "— semua / all —"


def ask_return_comment(parent: QtWidgets.QWidget, ref_no: str) -> str | None:
    text, ok = QtWidgets.QInputDialog.getMultiLineText(
        parent,
        "Kembalikan ke petugas / Return to officer",
        f"Apa yang perlu dikoreksi pada {ref_no}?\nWhat should be corrected in {ref_no}?",
    )
    return text if ok and text.strip() else None


class ReviewPage(QtWidgets.QWidget):
    HEADERS = [
        "No. referensi / Ref.",
        "Tanggal / Date",
        "Petugas / Officer",
        "Pemohon / Applicant",
        "Hasil / Outcome",
        "Skor / Score",
        "Bendera / Flags",
        "Tujuan / Destination",
        "Tinjauan / Review",
    ]

    def __init__(self, session: SupervisorSession, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = ReviewDesk(session)
        self.ask_comment: Callable[[QtWidgets.QWidget, str], str | None] = ask_return_comment
        self.rows: dict[str, ReviewRow] = {}
        self.last_view: InterviewViewDialog | None = None
        today = session.clock().astimezone().date()
        self.date_from = QtWidgets.QDateEdit(qdate(today - dt.timedelta(days=30)))
        self.date_to = QtWidgets.QDateEdit(qdate(today))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd-MM-yyyy")
        self.all_dates = QtWidgets.QCheckBox("Semua tanggal / All dates")
        self.officer = QtWidgets.QComboBox()
        self.outcome = QtWidgets.QComboBox()
        self.flag = QtWidgets.QComboBox()
        self.destination = QtWidgets.QComboBox()
        self.state = QtWidgets.QComboBox()
        self._fill_choices(session)
        for combo in (self.officer, self.outcome, self.flag, self.destination, self.state):
            compact_combo(combo)
        show = QtWidgets.QPushButton("Tampilkan / Show")
        show.setObjectName("primary")
        show.clicked.connect(self.refresh)
        # Label and field pairs, two to a row: the tools window is about 900 pixels wide on a
        # 1366x768 screen at 150%.
        filters = QtWidgets.QGridLayout()
        pairs: list[tuple[QtWidgets.QWidget | None, QtWidgets.QWidget]] = [
            (QtWidgets.QLabel("Dari / From"), self.date_from),
            (QtWidgets.QLabel("Sampai / To"), self.date_to),
            (QtWidgets.QLabel("Petugas / Officer"), self.officer),
            (QtWidgets.QLabel("Hasil / Outcome"), self.outcome),
            (QtWidgets.QLabel("Tanda bahaya / Flag"), self.flag),
            (QtWidgets.QLabel("Tujuan / Destination"), self.destination),
            (QtWidgets.QLabel("Tinjauan / Review"), self.state),
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
        self.table = table(self.HEADERS)
        self.table.setObjectName("reviewTable")
        self.table.doubleClicked.connect(lambda _: self.open_selected())
        buttons = QtWidgets.QHBoxLayout()
        for text, slot in (
            ("Buka (hanya baca) / Open (read-only)", self.open_selected),
            ("Tandai sudah ditinjau / Mark reviewed", self.mark_reviewed),
            ("Kembalikan ke petugas… / Return to officer…", self.return_selected),
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
        self.officer.addItem(ALL, None)
        for choice in self.desk.officers():
            self.officer.addItem(choice.name, choice.key)
        self.outcome.addItem(ALL, None)
        for label in OfficeSettings(session.database).outcome_labels():
            self.outcome.addItem(f"{label.code} — {label.label.id}", label.code)
        self.flag.addItem(ALL, None)
        for rule_id, reason_id, _ in self.desk.flag_rules():
            self.flag.addItem(f"{reason_id} ({rule_id})", rule_id)
        countries = {c.code: c for c in load_countries()}
        self.destination.addItem(ALL, None)
        for code in self.desk.destinations():
            name = countries[code].id if code in countries else code
            self.destination.addItem(f"{name} ({code})", code)
        self.state.addItem(ALL, None)
        for state in REVIEW_STATES:
            self.state.addItem(REVIEW_STATE_TEXT[state], state)

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
        try:
            rows = self.desk.list(self.filters())
        except KnownError as error:
            self.status.known(error)
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
                    row.outcome or "",
                    "" if row.score is None else f"{row.score:g}" + (" !" if row.hard_flag else ""),
                    str(row.flag_count),
                    row.destination or "",
                    REVIEW_STATE_TEXT[row.review_state],
                ],
                row.uuid,
            )
        self.table.resizeColumnsToContents()
        if len(rows) >= ReviewFilter().limit:
            self.status.ok(
                f"{len(rows)} wawancara terbaru; persempit saringan untuk yang lain / the "
                f"{len(rows)} newest interviews; narrow the filters to see others"
            )
        else:
            self.status.ok(f"{len(rows)} wawancara / interviews")

    def _selected(self) -> ReviewRow | None:
        key = selected_key(self.table)
        if key is None:
            self.status.error("Pilih wawancara dulu. / Choose an interview first.")
            return None
        return self.rows.get(key)

    def open_selected(self) -> None:
        row = self._selected()
        if row is None:
            return
        try:
            view = self.desk.open(row.uuid)
        except KnownError as error:
            self.status.known(error)
            return
        dialog = InterviewViewDialog(view, self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.last_view = dialog

    def mark_reviewed(self) -> None:
        row = self._selected()
        if row is None:
            return
        try:
            self.desk.mark_reviewed(row.uuid)
        except KnownError as error:
            self.status.known(error)
            return
        self.refresh()
        self.status.ok(f"{row.ref_no}: sudah ditinjau / reviewed")

    def return_selected(self) -> None:
        row = self._selected()
        if row is None:
            return
        comment = self.ask_comment(self, row.ref_no)
        if comment is None:
            return
        try:
            self.desk.return_to_officer(row.uuid, comment)
        except KnownError as error:
            self.status.known(error)
            return
        self.refresh()
        self.status.ok(
            f"{row.ref_no} dikembalikan ke {row.officer_name}. / {row.ref_no} returned to "
            f"{row.officer_name}."
        )

    def select(self, ref_no: str) -> None:
        for index in range(self.table.rowCount()):
            item = self.table.item(index, 0)
            if item is not None and item.text() == ref_no:
                self.table.selectRow(index)
                return
