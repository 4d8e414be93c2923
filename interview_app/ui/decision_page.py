"""Review and decision: answers by section with flags highlighted, the suggestion, the officer's outcome."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets

from interview_app.ui.messages import calmly, show_known_error

if TYPE_CHECKING:
    from interview_app.workflow.interview import Correction, InterviewController
    from interview_app.workflow.views import CompletedView, ReviewView


class ReviewPage(QtWidgets.QWidget):
    """Signals: `edit_question(id)` to jump back and change an answer; `completed(view)`."""

    edit_question = QtCore.Signal(str)
    completed = QtCore.Signal(object)
    back = QtCore.Signal()

    def __init__(self) -> None:
        super().__init__()
        self.controller: InterviewController | None = None
        layout = QtWidgets.QHBoxLayout(self)
        left = QtWidgets.QVBoxLayout()
        self.title = QtWidgets.QLabel()
        self.title.setObjectName("sectionTitle")
        left.addWidget(self.title)
        self.tree = QtWidgets.QTreeWidget()
        self.tree.setObjectName("reviewTree")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Pertanyaan"), self.tr("Jawaban")])
        self.tree.setWordWrap(True)
        self.tree.header().setSectionResizeMode(0, QtWidgets.QHeaderView.ResizeMode.Interactive)
        self.tree.header().setStretchLastSection(True)
        self.tree.setColumnWidth(0, 430)
        self.tree.installEventFilter(self)  # the question column keeps half the width
        self.tree.itemActivated.connect(self._activated)
        left.addWidget(self.tree, 1)
        hint = QtWidgets.QLabel(
            self.tr("Enter pada jawaban: ubah jawaban itu · Alt+← kembali ke pertanyaan")
        )
        hint.setObjectName("keyHelp")
        left.addWidget(hint)
        layout.addLayout(left, 3)

        right = QtWidgets.QVBoxLayout()
        box = QtWidgets.QGroupBox(self.tr("Keputusan"))
        form = QtWidgets.QVBoxLayout(box)
        self.score = QtWidgets.QLabel()
        self.score.setObjectName("score")
        self.score.setWordWrap(True)
        self.suggestion = QtWidgets.QLabel()
        self.suggestion.setObjectName("suggestion")
        self.suggestion.setWordWrap(True)
        self.flags = QtWidgets.QListWidget()
        self.flags.setWordWrap(True)
        self.flags.setObjectName("flagSummary")
        self.flags.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        self.outcome = QtWidgets.QComboBox()
        self.outcome.setObjectName("outcome")
        self.outcome.setSizeAdjustPolicy(
            QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.outcome.setMinimumContentsLength(16)
        self.outcome.currentIndexChanged.connect(self._outcome_changed)
        # The suspected purpose printed on the slip: the script's suggestion, which the officer
        # confirms or changes.
        self.suspected_label = QtWidgets.QLabel(self.tr("Dugaan tujuan (dicetak pada slip):"))
        self.suspected = QtWidgets.QComboBox()
        self.suspected.setObjectName("suspectedPurpose")
        self.suspected_label.setBuddy(self.suspected)
        self.reason_label = QtWidgets.QLabel()
        self.reason = QtWidgets.QPlainTextEdit()
        self.reason.setObjectName("overrideReason")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(70)
        self.consent = QtWidgets.QCheckBox(self.tr("Pemohon setuju datanya diteruskan ke BP3MI"))
        # A correction of a completed interview: why it is corrected (kept with the revision).
        self.correction_label = QtWidgets.QLabel(self.tr("Alasan koreksi (WAJIB):"))
        self.correction_label.setProperty("required", True)
        self.correction_reason = QtWidgets.QPlainTextEdit()
        self.correction_reason.setObjectName("correctionReason")
        self.correction_reason.setTabChangesFocus(True)
        self.correction_reason.setFixedHeight(60)
        self.error = QtWidgets.QLabel()
        self.error.setObjectName("fieldMessage")
        self.error.setProperty("level", "error")
        self.error.setWordWrap(True)
        self.complete_button = QtWidgets.QPushButton(self.tr("Selesaikan wawancara (Ctrl+Enter)"))
        self.complete_button.setObjectName("completeButton")
        self.complete_button.clicked.connect(self.complete)
        for widget in (
            self.score,
            self.suggestion,
            self.flags,
            QtWidgets.QLabel(self.tr("Keputusan petugas:")),
            self.outcome,
            self.suspected_label,
            self.suspected,
            self.reason_label,
            self.reason,
            self.consent,
            self.correction_label,
            self.correction_reason,
            self.error,
            self.complete_button,
        ):
            form.addWidget(widget)
        form.setStretchFactor(self.flags, 1)
        self.flags.setMinimumHeight(90)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(box)
        side = QtWidgets.QWidget()
        side.setLayout(right)
        # On a small or highly scaled screen (1366x768 at 150%) the decision scrolls up and
        # down instead of squeezing its texts over each other.
        self.side = QtWidgets.QScrollArea()
        self.side.setObjectName("decisionScroll")
        self.side.setWidgetResizable(True)
        self.side.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.side.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.side.setWidget(side)
        self.side.setMaximumWidth(440)
        self.side.setMinimumWidth(370)  # the consent line and the button in full
        layout.addWidget(self.side, 2)
        for sequence, slot in (
            ("Ctrl+Return", self.complete),
            ("Ctrl+Enter", self.complete),
            ("Alt+Left", self.back.emit),
            ("Ctrl+B", self.back.emit),
        ):
            shortcut = QtGui.QShortcut(QtGui.QKeySequence(sequence), self)
            shortcut.setContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        QtWidgets.QWidget.setTabOrder(self.tree, self.outcome)
        QtWidgets.QWidget.setTabOrder(self.outcome, self.suspected)
        QtWidgets.QWidget.setTabOrder(self.suspected, self.reason)
        QtWidgets.QWidget.setTabOrder(self.reason, self.consent)
        QtWidgets.QWidget.setTabOrder(self.consent, self.correction_reason)
        QtWidgets.QWidget.setTabOrder(self.correction_reason, self.complete_button)

    def load(self, controller: InterviewController) -> None:
        same = self.controller is controller
        self.controller = controller
        language = controller.language
        review = controller.review()
        correction = controller.correction
        self.title.setText(
            (self.tr("Koreksi · %1") if correction else self.tr("Tinjauan · %1")).replace(
                "%1", controller.ref_no
            )
        )
        self.tree.clear()
        bold = QtGui.QFont()
        bold.setBold(True)
        for section in review.sections:
            top = QtWidgets.QTreeWidgetItem([section.title, ""])
            top.setFont(0, bold)
            for item in section.items:
                mark = "⚑ " if item.flagged else ""
                shown = item.shown_value
                if item.missing:
                    shown = self.tr("(wajib, belum dijawab)")
                elif item.errors:
                    shown += "  ✖ " + "; ".join(m.text(language) for m in item.errors)
                child = QtWidgets.QTreeWidgetItem([mark + item.label, shown])
                child.setData(0, QtCore.Qt.ItemDataRole.UserRole, item.question_id)
                child.setToolTip(1, shown)
                if item.flagged or item.missing or item.errors:
                    for column in (0, 1):
                        child.setForeground(column, QtGui.QBrush(QtGui.QColor("#a11b1b")))
                        child.setFont(column, bold)
                top.addChild(child)
            self.tree.addTopLevelItem(top)
        self.tree.expandAll()
        risk = review.risk
        self.score.setText(
            self.tr("Skor risiko: %1").replace("%1", f"{risk.score:g}")
            + ("  ·  " + self.tr("TANDA BAHAYA BERAT") if risk.hard_flag else "")
        )
        explain = risk.suggestion.explain.text(language) if risk.suggestion.explain else ""
        self.suggestion.setText(
            self.tr("Saran sistem: %1").replace("%1", risk.suggestion.label.text(language))
            + (f"\n{explain}" if explain else "")
        )
        self.flags.clear()
        hard = self.tr("berat")
        for flag in risk.flags:
            weight = hard if flag.hard else f"+{flag.weight:g}"
            if not flag.hard and not flag.weight:  # advisory, outside the score
                weight = self.tr("info")
            self.flags.addItem(f"⚑ {flag.reason.text(language)} [{weight}]")
        if not risk.flags:
            self.flags.addItem(self.tr("Tidak ada tanda bahaya."))
        self.outcome.blockSignals(True)
        self.outcome.clear()
        for option in review.outcomes:
            self.outcome.addItem(option.label.text(language), option.code)
        chosen = risk.suggestion.code
        if correction is not None and correction.chosen_outcome:
            chosen = correction.chosen_outcome  # a correction keeps the decision unless changed
        self.outcome.setCurrentIndex(max(0, self.outcome.findData(chosen)))
        self.outcome.blockSignals(False)
        self._load_suspected(review, correction)
        self.reason.setPlainText(correction.override_reason or "" if correction else "")
        self.consent.setChecked(bool(correction and correction.consent_bp3mi))
        for widget in (self.correction_label, self.correction_reason):
            widget.setVisible(correction is not None)
        if not same:
            self.correction_reason.clear()
        self.complete_button.setText(
            self.tr("Simpan koreksi (Ctrl+Enter)")
            if correction
            else self.tr("Selesaikan wawancara (Ctrl+Enter)")
        )
        self.error.clear()
        if not review.ready:
            self.error.setText(self.tr("Belum lengkap: jawab pertanyaan yang ditandai merah."))
        self._outcome_changed()
        first = self.tree.topLevelItem(0)
        first_answer = first.child(0) if first is not None and first.childCount() else None
        if first_answer is not None:
            self.tree.setCurrentItem(first_answer)
        self._focus(self.outcome)

    def _focus(self, widget: QtWidgets.QWidget) -> None:
        """Focus a decision field and scroll it into view (a short screen scrolls the side)."""
        widget.setFocus()
        self.side.ensureWidgetVisible(widget, 0, 30)

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802
        if watched is self.tree and event.type() == QtCore.QEvent.Type.Resize:
            self.tree.setColumnWidth(0, max(160, self.tree.viewport().width() * 11 // 20))
        return False

    def _load_suspected(self, review: ReviewView, correction: Correction | None) -> None:
        suspected = review.suspected
        for widget in (self.suspected_label, self.suspected):
            widget.setVisible(suspected is not None)
        self.suspected.clear()
        if suspected is None:
            return
        language = self.controller.language if self.controller else "id"
        for option in suspected.options:
            mark = self.tr(" (saran)") if option.id == suspected.suggested else ""
            self.suspected.addItem(option.label.text(language) + mark, option.id)
        chosen = suspected.suggested
        if correction is not None and correction.suspected_purpose:
            chosen = correction.suspected_purpose  # a correction keeps what was confirmed
        self.suspected.setCurrentIndex(max(0, self.suspected.findData(chosen)))

    def chosen_suspected(self) -> str | None:
        return str(self.suspected.currentData()) if self.suspected.count() else None

    def flag_texts(self) -> str:
        return "\n".join(self.flags.item(i).text() for i in range(self.flags.count()))

    def chosen(self) -> str:
        return str(self.outcome.currentData())

    def _outcome_changed(self, *_: object) -> None:
        if self.controller is None:
            return
        suggested = self.controller.risk().suggestion.code
        differs = self.chosen() != suggested
        self.reason_label.setText(
            self.tr("Alasan (WAJIB: keputusan berbeda dari saran):")
            if differs
            else self.tr("Alasan (tidak wajib):")
        )
        self.reason_label.setProperty("required", differs)
        self.reason_label.style().unpolish(self.reason_label)
        self.reason_label.style().polish(self.reason_label)
        code = self.controller.questionnaire.outcome_code(self.chosen())
        self.consent.setVisible(bool(code and code.refers_bp3mi))

    def _activated(self, item: QtWidgets.QTreeWidgetItem, column: int) -> None:
        question_id = item.data(0, QtCore.Qt.ItemDataRole.UserRole)
        if question_id:
            self.edit_question.emit(question_id)

    def complete(self) -> None:
        controller = self.controller
        if controller is None or controller.completed is not None:
            return
        with calmly(self.error.setText) as attempt:
            done: CompletedView = controller.complete(
                self.chosen(),
                self.reason.toPlainText(),
                consent_bp3mi=self.consent.isChecked(),
                correction_reason=self.correction_reason.toPlainText(),
                suspected_purpose=self.chosen_suspected(),
            )
        if attempt.error is not None:
            # a missing reason takes the officer to its field; anything else also in a box
            refused = attempt.error.message.id.lower()
            if "alasan koreksi" in refused:
                self._focus(self.correction_reason)
            elif "alasan" in refused:
                self._focus(self.reason)
            else:
                show_known_error(self, attempt.error)
            return
        self.error.clear()
        self.completed.emit(done)
