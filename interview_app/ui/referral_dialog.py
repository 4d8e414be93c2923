"""Referral follow-up: find a referral (letter number, NIK, reference or QR text), record its
next step (receipt returned, applicant came back, passport continued or refused), list the
overdue ones. Keyboard first: type, Enter, pick, Alt+C records."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets

from interview_app.slip.followup import STATUS_LABELS, FollowUp
from interview_app.storage.referrals import (
    CAME_BACK,
    CONTINUED,
    RECEIPT,
    Receipt,
    Referral,
)
from interview_app.text import Message
from interview_app.ui.messages import calmly

if TYPE_CHECKING:
    from interview_app.workflow.counter import CounterSession


class ReferralDialog(QtWidgets.QDialog):
    """Works on the counter session's database through slip.followup (no SQL here)."""

    def __init__(self, counter: CounterSession, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("referralDialog")
        self.setWindowTitle(self.tr("Tindak lanjut rujukan BP3MI"))
        self.counter = counter
        self.follow = FollowUp.open(counter.database, counter.data_dir, counter.clock)
        self.english = counter.ui_language == "en"  # one language at a time, as the window
        self.results: list[Referral] = []
        self.resize(720, 520)
        layout = QtWidgets.QVBoxLayout(self)
        find_row = QtWidgets.QHBoxLayout()
        find_label = QtWidgets.QLabel(self.tr("&Cari:"))
        self.query = QtWidgets.QLineEdit()
        self.query.setObjectName("referralQuery")
        self.query.setPlaceholderText(
            self.tr("nomor surat, NIK, nomor wawancara, atau teks dari pemindai QR")
        )
        find_label.setBuddy(self.query)
        self.query.returnPressed.connect(self.search)
        self.overdue_button = QtWidgets.QPushButton(self.tr("&Lewat batas"))
        self.overdue_button.setObjectName("referralOverdue")
        self.overdue_button.clicked.connect(self.show_overdue)
        find_row.addWidget(find_label)
        find_row.addWidget(self.query, 1)
        find_row.addWidget(self.overdue_button)
        layout.addLayout(find_row)
        self.list = QtWidgets.QListWidget()
        self.list.setObjectName("referralList")
        self.list.currentRowChanged.connect(self._selected)
        layout.addWidget(self.list, 1)

        form = QtWidgets.QFormLayout()
        self.step = QtWidgets.QComboBox()
        self.step.setObjectName("referralStep")
        self.step.currentIndexChanged.connect(self._step_changed)
        form.addRow(self.tr("&Langkah berikut:"), self.step)
        self.counselling = QtWidgets.QCheckBox(self.tr("Konseling migrasi aman diberikan"))
        self.counselling.setObjectName("referralCounselling")
        self.siskop2mi = QtWidgets.QCheckBox(self.tr("Registrasi/perusahaan dicek di SISKOP2MI"))
        self.siskop2mi.setObjectName("referralSiskop2mi")
        self.complaint = QtWidgets.QLineEdit()
        self.complaint.setObjectName("referralComplaint")
        self.complaint.setMaxLength(60)
        form.addRow("", self.counselling)
        form.addRow("", self.siskop2mi)
        form.addRow(self.tr("No. &pengaduan:"), self.complaint)
        self.day = QtWidgets.QDateEdit()
        self.day.setObjectName("referralDate")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd-MM-yyyy")
        form.addRow(self.tr("&Tanggal:"), self.day)
        layout.addLayout(form)
        self.status = QtWidgets.QLabel()
        self.status.setObjectName("referralStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QtWidgets.QHBoxLayout()
        self.record_button = QtWidgets.QPushButton(self.tr("&Catat"))
        self.record_button.setObjectName("referralRecord")
        self.record_button.clicked.connect(self.record)
        close = QtWidgets.QPushButton(self.tr("Tutup"))
        close.clicked.connect(self.reject)
        # Ctrl+Enter records from wherever the cursor is (the &-mnemonics are not shown on
        # every platform); F3 lists the overdue referrals.
        for keys, slot in (
            ("Ctrl+Return", self.record),
            ("Ctrl+Enter", self.record),
            ("F3", self.show_overdue),
        ):
            shortcut = QtGui.QShortcut(QtGui.QKeySequence(keys), self)
            shortcut.activated.connect(slot)
        self.record_button.setToolTip(self.tr("Ctrl+Enter"))
        self.overdue_button.setToolTip(self.tr("F3"))
        buttons.addStretch(1)
        buttons.addWidget(self.record_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self._today()
        self._selected(-1)

    # -- finding -----------------------------------------------------------------------------
    def _today(self) -> None:
        today = self.follow.today
        self.day.setDate(QtCore.QDate(today.year, today.month, today.day))

    def _show(self, found: list[Referral], empty: str) -> None:
        self.results = found
        self.list.clear()
        for referral in found:
            self.list.addItem(self._text(self.follow.describe(referral)))
        if found:
            self.list.setCurrentRow(0)
            self.list.setFocus()
            self.status.setText("")
        else:
            self._selected(-1)
            self.status.setText(empty)

    def search(self) -> None:
        text = self.query.text()
        with calmly(lambda refusal: self._show([], refusal)) as attempt:
            found = self.follow.find(text)
        if attempt.failed:
            return
        self._show(found, self.tr("Tidak ada rujukan untuk teks ini."))

    def show_overdue(self) -> None:
        self._show(self.follow.overdue(), self.tr("Tidak ada rujukan yang lewat batas."))

    # -- recording ---------------------------------------------------------------------------
    def _current(self) -> Referral | None:
        row = self.list.currentRow()
        return self.results[row] if 0 <= row < len(self.results) else None

    def _selected(self, row: int) -> None:
        referral = self._current()
        self.step.clear()
        steps = referral.next_steps() if referral else ()
        for step in steps:
            self.step.addItem(self._step_label(step), step)
        self.step.setEnabled(bool(steps))
        self.record_button.setEnabled(bool(steps))
        self.day.setEnabled(bool(steps))
        self._step_changed()
        if referral is not None and not steps:
            self.status.setText(self._text(STATUS_LABELS[referral.status]))

    def _step_changed(self) -> None:
        receipt = self.step.currentData() == RECEIPT
        for widget in (self.counselling, self.siskop2mi, self.complaint):
            widget.setEnabled(receipt)

    def record(self) -> None:
        referral = self._current()
        step = self.step.currentData()
        if referral is None or not step:
            return
        date = self.day.date()
        on = dt.date(date.year(), date.month(), date.day())
        receipt = None
        if step == RECEIPT:
            receipt = Receipt(
                self.counselling.isChecked(),
                self.siskop2mi.isChecked(),
                self.complaint.text().strip() or None,
            )
        officer = self.counter.officer
        with calmly(self.status.setText) as attempt:
            done = self.follow.record(
                referral.letter_no or referral.ref_no,
                str(step),
                on_date=on,
                receipt=receipt,
                actor=officer.username if officer else "system",
                officer_id=officer.officer_id if officer else None,
            )
        if attempt.failed:
            return
        row = self.list.currentRow()
        self.results[row] = done
        self.list.item(row).setText(self._text(self.follow.describe(done)))
        self.counselling.setChecked(False)
        self.siskop2mi.setChecked(False)
        self.complaint.clear()
        self._selected(row)
        self.status.setText(self.tr("Tercatat: ") + self._text(STATUS_LABELS[done.status]))

    def _text(self, message: Message) -> str:
        return message.en if self.english else message.id

    def _step_label(self, step: str) -> str:
        if step == RECEIPT:
            return self.tr("Tanda terima kembali dari BP3MI")
        if step == CAME_BACK:
            return self.tr("Pemohon datang kembali")
        if step == CONTINUED:
            return self.tr("Paspor dilanjutkan")
        return self.tr("Paspor ditolak")
