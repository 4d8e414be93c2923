"""The interview page: one section at a time, progress, section list, live checks and side panels."""

from __future__ import annotations

import difflib
from functools import partial
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets

from interview_app.ui.fields import (
    MAX_KEYED_CHOICES,
    ChoiceField,
    FieldFrame,
    NoteField,
    TextField,
    choice_rows,
)
from interview_app.ui.labels import outcome_text
from interview_app.ui.messages import calmly
from interview_app.ui.side_panels import NotesPanel, RecruiterPanel, RepeatPanel, RiskPanel

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from interview_app.questionnaire.model import Question
    from interview_app.text import Message
    from interview_app.workflow.interview import InterviewController

PROGRESS_STEPS = 1000
# Interview uuid -> the furthest progress shown, for this run of the app (a page rebuilt for a
# change of display language keeps it).
FURTHEST: dict[str, int] = {}
FORM_MARGIN = 6
FIELD_OVERHEAD = 16  # a field's margins and the choice list's border
# The date placeholder follows the display language (HH-BB-TTTT / DD-MM-YYYY).
PLACEHOLDERS = {
    "date": str(QtCore.QT_TRANSLATE_NOOP("InterviewPage", "HH-BB-TTTT")),
    "phone": "08xx xxxx xxxx",
    "integer": "0",
    "decimal": "0",
}
# The identity answers a returning applicant's earlier interview offers (each shown for the
# officer's confirmation: Enter keeps it, typing replaces it).
TAKE_OVER = (
    "full_name",
    "birth_place",
    "birth_date",
    "sex",
    "phone",
    "address",
    "home_regency",
    "emergency_contact",
)
# Yes and no follow the script's language, with the questions (Ctrl+L), not the display's.
YES_NO = {"id": ("Ya", "Tidak"), "en": ("Yes", "No")}


class InterviewPage(QtWidgets.QWidget):
    """Shows the controller's state and sends the officer's input back to it. Signals:
    `review_requested` when the officer goes on after the last question (or Ctrl+R);
    `open_record(uuid)` for an earlier interview in the repeat panel."""

    review_requested = QtCore.Signal()
    open_record = QtCore.Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.controller: InterviewController | None = None
        self.fields: dict[str, FieldFrame] = {}
        self.section_id: str | None = None
        self._pending_confirm: tuple[str, str] | None = None
        outer = QtWidgets.QHBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)

        left = QtWidgets.QVBoxLayout()
        self.sections = QtWidgets.QListWidget()
        self.sections.setObjectName("sectionList")
        self.sections.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        self.sections.setMaximumWidth(230)
        self.sections.itemClicked.connect(
            lambda item: self.jump_to_section(item.data(QtCore.Qt.ItemDataRole.UserRole))
        )
        self.progress = QtWidgets.QProgressBar()
        self.progress.setMaximumWidth(230)
        self.progress_label = QtWidgets.QLabel()
        self.progress_label.setObjectName("progressLabel")
        left.addWidget(self.progress_label)
        left.addWidget(self.progress)
        left.addWidget(self.sections, 1)
        keys = QtWidgets.QLabel(
            self.tr(
                "Tombol: angka/huruf memilih · Enter lanjut · Alt+← kembali · Ctrl+PgUp/PgDn bagian · Ctrl+R tinjau · Ctrl+L bahasa"
            )
        )
        keys.setWordWrap(True)
        keys.setObjectName("keyHelp")
        keys.setMaximumWidth(230)
        left.addWidget(keys)
        outer.addLayout(left)

        middle = QtWidgets.QVBoxLayout()
        self.header = QtWidgets.QLabel()
        self.header.setObjectName("sectionTitle")
        self.header.setWordWrap(True)
        middle.addWidget(self.header)
        self.scroll_area = QtWidgets.QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        # One host for the section forms: an old form is hidden and deleted while still a child
        # here (a form taken out of the scroll area would become a window of its own for a
        # moment and take the window's activation, and the keyboard, with it).
        self.form_host = QtWidgets.QWidget()
        self.form_layout = QtWidgets.QVBoxLayout(self.form_host)
        self.form_layout.setContentsMargins(0, 0, 0, 0)
        self.form: QtWidgets.QWidget | None = None
        self.scroll_area.setWidget(self.form_host)
        self.scroll_area.viewport().installEventFilter(self)  # choices re-flow to the width
        middle.addWidget(self.scroll_area, 1)
        buttons = QtWidgets.QHBoxLayout()
        self.back_button = QtWidgets.QPushButton(self.tr("← Kembali (Alt+←)"))
        self.back_button.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        self.back_button.clicked.connect(self.go_back)
        self.review_button = QtWidgets.QPushButton(self.tr("Tinjau dan putuskan (Ctrl+R)"))
        self.review_button.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        self.review_button.clicked.connect(self.request_review)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.review_button)
        middle.addLayout(buttons)
        outer.addLayout(middle, 3)

        right = QtWidgets.QVBoxLayout()
        self.outcomes: Mapping[str, Message] = {}  # the office's outcome labels (MainWindow)
        # An earlier interview's stored answers by uuid (MainWindow: read and audit-logged).
        self.earlier_answers: Callable[[str], dict[str, object]] = lambda uuid: {}
        self.offered: dict[str, object] = {}  # question id -> an earlier answer to confirm

        def describe(ids: tuple[str, ...]) -> list[str]:
            return self.controller.flag_reasons(ids) if self.controller else list(ids)

        self.repeat = RepeatPanel(
            self.open_record.emit,
            describe,
            lambda code: outcome_text(code, self.outcomes),
            lambda uuid: self.controller.referral_status(uuid) if self.controller else "",
        )
        self.recruiter = RecruiterPanel(
            self.open_record.emit, describe, lambda code: outcome_text(code, self.outcomes)
        )
        self.risk = RiskPanel()
        self.notes = NotesPanel(self._save_notes)
        right.addWidget(self.repeat, 2)
        right.addWidget(self.recruiter, 2)
        right.addWidget(self.risk, 3)
        right.addWidget(self.notes)
        right.setContentsMargins(0, 0, 0, 0)
        self.repeat.list.setMinimumHeight(60)
        self.risk.flags.setMinimumHeight(60)
        side = QtWidgets.QWidget()
        side.setLayout(right)
        # The panels scroll up and down when the screen is short (1366x768 at 150%) rather
        # than squeezing the score and suggestion over each other.
        panels = QtWidgets.QScrollArea()
        panels.setObjectName("sidePanels")
        panels.setWidgetResizable(True)
        panels.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        panels.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        panels.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        panels.setWidget(side)
        panels.setMaximumWidth(360)
        panels.setMinimumWidth(260)
        outer.addWidget(panels, 2)

        for sequence, slot in (
            ("Alt+Left", self.go_back),
            ("Ctrl+B", self.go_back),
            ("Ctrl+R", self.request_review),
            ("Ctrl+PgUp", lambda: self.step_section(-1)),
            ("Ctrl+PgDown", lambda: self.step_section(1)),
            ("Ctrl+K", lambda: self.notes.edit.setFocus()),
            ("Ctrl+J", self.take_over),
        ):
            shortcut = QtGui.QShortcut(QtGui.QKeySequence(sequence), self)
            shortcut.setContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # -- loading ----------------------------------------------------------------------------
    def load(self, controller: InterviewController) -> None:
        if controller is not self.controller:
            self.offered = {}
        self.controller = controller
        self.notes.load(controller.notes)
        current = controller.current
        if current is None:
            first = controller.next_from(None)
            current = first.id if first else None
        section = controller.questionnaire.section_of(current).id if current else None
        self.show_section(section, current)

    @property
    def language(self) -> str:
        return self.controller.language if self.controller else "id"

    def refresh_side(self) -> None:
        assert self.controller is not None
        self.risk.show_risk(self.controller.risk(), self.language)
        self.recruiter.show_matches(self.controller.recruiter_matches())

    def _refresh_sections(self) -> None:
        assert self.controller is not None
        self.sections.clear()
        for section in self.controller.sections():
            item = QtWidgets.QListWidgetItem(section.title.text(self.language))
            item.setData(QtCore.Qt.ItemDataRole.UserRole, section.id)
            self.sections.addItem(item)
            if section.id == self.section_id:
                item.setSelected(True)
                self.sections.setCurrentItem(item)

    def _refresh_progress(self) -> None:
        """The bar shows the furthest point reached: questions that become relevant later (a
        work plan opens section C) add to the total, but the bar never moves back; the label
        says exactly where the officer is."""
        assert self.controller is not None
        position = self.controller.position()
        reached = PROGRESS_STEPS * position.index // max(1, position.total)
        uuid = self.controller.uuid
        FURTHEST[uuid] = max(FURTHEST.get(uuid, 0), reached)
        self.progress.setMaximum(PROGRESS_STEPS)
        self.progress.setValue(FURTHEST[uuid])
        self.progress_label.setText(
            self.tr("Pertanyaan %1 dari %2")
            .replace("%1", str(position.index))
            .replace("%2", str(position.total))
        )

    def show_section(self, section_id: str | None, focus_question: str | None) -> None:
        """Build the form of one section with its visible questions; focus one of them."""
        controller = self.controller
        assert controller is not None
        if section_id is None:
            self.request_review()
            return
        self.section_id = section_id
        section = next(s for s in controller.questionnaire.sections if s.id == section_id)
        correcting = self.tr("KOREKSI") + " · " if controller.correction is not None else ""
        self.header.setText(
            f"{correcting}{controller.ref_no} · {section.title.text(self.language)}"
        )
        container = QtWidgets.QWidget()
        container.setObjectName("form")
        form = QtWidgets.QVBoxLayout(container)
        form.setContentsMargins(FORM_MARGIN, FORM_MARGIN, FORM_MARGIN, FORM_MARGIN)
        form.setSpacing(4)
        self.fields = {}
        for question in controller.questions(section_id):
            field = self._make_field(question)
            self.fields[question.id] = field
            form.addWidget(field)
        form.addStretch(1)
        old = self.form
        if old is not None:
            self.form_layout.removeWidget(old)
            old.hide()
            old.deleteLater()
        self.form = container
        self._arrange_choices()
        self.form_layout.addWidget(container)
        for field in self.fields.values():
            if field.input is not None:
                field.input.installEventFilter(self)  # Tab: the next question (tab_between)
        identity = controller.is_identity_section(section_id)
        self.repeat.setVisible(identity)
        if identity:
            self.repeat.show_results(controller.repeat_applicants())
        self._refresh_sections()
        self.refresh_side()
        self.focus_question(
            focus_question or next((q for q in self.fields if self.fields[q].input), None)
        )

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802
        if event.type() == QtCore.QEvent.Type.Resize and watched is self.scroll_area.viewport():
            self._arrange_choices()
        elif (
            event.type() == QtCore.QEvent.Type.KeyPress
            and isinstance(event, QtGui.QKeyEvent)
            and isinstance(watched, QtWidgets.QWidget)
        ):
            key = event.key()
            if key in (QtCore.Qt.Key.Key_Tab, QtCore.Qt.Key.Key_Backtab):
                backwards = key == QtCore.Qt.Key.Key_Backtab or bool(
                    event.modifiers() & QtCore.Qt.KeyboardModifier.ShiftModifier
                )
                return self.tab_between(watched, backwards)
        return False

    def tab_between(self, current: QtWidgets.QWidget, backwards: bool) -> bool:
        """Tab and Shift+Tab go from one question's input to the next one's, each input (a
        date too) one stop; past the last question the window's own order takes over."""
        inputs = [f.input for f in self.fields.values() if f.input is not None]
        if current not in inputs:
            return False
        index = inputs.index(current) + (-1 if backwards else 1)
        if not 0 <= index < len(inputs):
            return False
        target = inputs[index]
        target.setFocus(
            QtCore.Qt.FocusReason.BacktabFocusReason
            if backwards
            else QtCore.Qt.FocusReason.TabFocusReason
        )
        self.scroll_area.ensureWidgetVisible(target, 0, 40)
        return True

    def _arrange_choices(self) -> None:
        """Choices take as many columns as the form's width holds, so the form never needs
        scrolling sideways (1366x768 at 150% leaves about 400 pixels for it)."""
        width = self.scroll_area.viewport().width() - 2 * FORM_MARGIN - FIELD_OVERHEAD
        for field in self.fields.values():
            if isinstance(field, ChoiceField):
                field.picker.arrange(width)

    def _make_field(self, question: Question) -> FieldFrame:
        controller = self.controller
        assert controller is not None
        label = controller.text(question.label)
        hint = controller.text(question.hint)
        required = question.takes_answer and controller.is_required(question)
        if question.type == "note":
            return NoteField(question, label, hint)
        choices = (
            choice_rows(controller.choices(question.id), self.language) if question.choices else []
        )
        if question.type in ("single", "multiple", "yes_no") and len(choices) <= MAX_KEYED_CHOICES:
            if question.type == "yes_no":
                yes, no = YES_NO.get(self.language, YES_NO["id"])
                choices = [("true", yes), ("false", no)]
                raw = controller.raw_answer(question.id)
                selected: object = None if raw is None else ("true" if raw else "false")
            else:
                selected = controller.raw_answer(question.id)
                if selected is None and question.id in self.offered:
                    selected = self.offered[question.id]  # Enter keeps it
            picker = ChoiceField(question, label, hint, required, choices, selected, self.commit)
            if question.id in self.offered and controller.raw_answer(question.id) is None:
                picker.show_messages((), (), self.language, self._offer_note())
            return picker
        completions = [f"{value} — {text}" for value, text in choices]
        typed = controller.typed_text(question.id)
        offered = (
            typed is None
            and question.id in self.offered
            and controller.raw_answer(question.id) is None
        )
        if typed is not None:
            initial = typed
        elif offered:  # shown, not saved: Enter confirms it
            initial = self._offered_text(question, self.offered[question.id])
        else:
            initial = controller.answer_text(question.id)
        field = TextField(
            question,
            label,
            hint,
            required,
            initial,
            self.commit,
            completions,
            self.tr(PLACEHOLDERS.get(question.type, ""))
            if question.type == "date"
            else PLACEHOLDERS.get(question.type, ""),
        )
        if typed is not None:
            field.mark_unsaved()
        elif offered:
            field.show_messages((), (), self.language, self._offer_note())
        if question.check in ("nik", "kk", "passport") or question.identity in ("birth_date",):
            field.live_check = partial(self._live_check, field)
        return field

    def _offer_note(self) -> str:
        return self.tr("Dari wawancara sebelumnya: Enter memakainya, atau ketik yang baru.")

    @staticmethod
    def _offered_text(question: Question, value: object) -> str:
        text = str(value)
        if question.type == "date" and len(text) == 10 and text[4] == "-":
            return f"{text[8:10]}-{text[5:7]}-{text[0:4]}"  # stored ISO, typed DD-MM-YYYY
        return text

    def take_over(self) -> None:
        """A returning applicant (the NIK matched an earlier interview): the earlier identity
        answers are put in their fields, each for the officer to confirm with Enter or to
        change; nothing is saved until confirmed."""
        controller = self.controller
        if controller is None or not self.repeat.isVisible():
            return
        earlier = controller.repeat_applicants()
        if not earlier:
            return
        answers = self.earlier_answers(earlier[0].uuid)
        questions = controller.questionnaire.questions
        self.offered = {
            qid: value
            for qid, question in questions.items()
            if question.identity in TAKE_OVER
            and (value := answers.get(qid)) not in (None, "")
            and controller.raw_answer(qid) is None
        }
        if not self.offered:
            return
        first = next(q for q in controller.questions(self.section_id or "") if q.id in self.offered)
        self.show_section(self.section_id, first.id)

    def focus_question(self, question_id: str | None) -> None:
        assert self.controller is not None
        for qid, each in self.fields.items():
            each.set_current(qid == question_id)
        field = self.fields.get(question_id or "")
        if field is None:
            return
        if field.input is None:  # a note: the next question takes the focus
            following = self.controller.next_from(question_id)
            if following is not None and following.id in self.fields:
                self.focus_question(following.id)
                return
        self.controller.go_to(question_id)
        field.focus_input()
        self.scroll_area.ensureWidgetVisible(field, 0, 40)
        self._refresh_progress()

    # -- input ------------------------------------------------------------------------------
    def _live_check(self, field: TextField, text: str) -> None:
        """Checks shown while typing, once the value is long enough to judge."""
        assert self.controller is not None
        question = field.question
        digits = "".join(ch for ch in text if ch.isdigit())
        if question.check in ("nik", "kk") and len(digits) < 16:
            field.show_messages((), (), self.language)
            return
        errors, warnings = self.controller.validate(question.id, text)
        field.show_messages(errors, warnings, self.language)
        if question.check == "nik" and not errors and self.repeat.isVisible():
            self.repeat.show_results(self.controller.repeat_applicants(digits))

    def commit(self, question_id: str, raw: object, advance: bool, quiet: bool) -> None:
        controller = self.controller
        if controller is None or controller.completed is not None:
            return
        field = self.fields.get(question_id)
        if isinstance(raw, str) and raw and question_id in controller.questionnaire.questions:
            question = controller.questionnaire.questions[question_id]
            if question.type == "yes_no":
                raw = raw == "true" if raw in ("true", "false") else raw
            elif question.type in ("country", "single") and " — " in raw:
                raw = raw.split(" — ", 1)[0]
            elif question.type in ("country", "single"):
                raw = self._choice_by_label(question, raw)
        key = (question_id, repr(raw))
        confirm = self._pending_confirm == key
        with calmly(self) as attempt:
            outcome = controller.answer(
                question_id, raw, confirm_warnings=confirm, moving_on=advance
            )
        if attempt.failed:
            if isinstance(field, TextField):
                field.mark_unsaved()
            return
        if not outcome.saved:
            if quiet:
                if isinstance(raw, str) and raw.strip():
                    self._keep_typing(question_id, raw)
                return
            if isinstance(field, TextField):
                field.mark_unsaved()
            extra = ""
            asked = controller.questionnaire.questions.get(question_id)
            if (
                asked is not None
                and asked.type in ("country", "single")
                and isinstance(raw, str)
                and outcome.errors
            ):
                near = self.close_matches(question_id, raw)
                if near:
                    extra = self.tr("Mungkin maksud Anda: %1").replace("%1", ", ".join(near))
            if outcome.needs_confirmation:
                self._pending_confirm = key
                extra = self.tr("Tekan Enter sekali lagi untuk mengonfirmasi dan lanjut.")
            if field is not None:
                field.show_messages(outcome.errors, outcome.warnings, self.language, extra)
            return
        self._pending_confirm = None
        self.offered.pop(question_id, None)
        if field is not None:
            field.show_messages((), outcome.warnings, self.language)
        if outcome.risk_changed:
            self.refresh_side()
        if (
            question_id in ("nik",)
            or controller.questionnaire.questions[question_id].identity == "passport_no"
        ):
            self.repeat.show_results(controller.repeat_applicants())
        if outcome.layout_changed and not quiet:
            self._rebuild_keeping(question_id)
        if advance:
            self.go_forward_from(question_id)

    def _keep_typing(self, question_id: str, text: str) -> None:
        assert self.controller is not None
        with calmly(self):
            self.controller.keep_typing(question_id, text)

    def _choice_by_label(self, question: Question, raw: str) -> str:
        """A typed choice: its value, its label in either language, or the start of exactly
        one label ("Malay" is Malaysia); else the text as typed (refused with close matches)."""
        wanted = raw.strip().casefold()
        assert self.controller is not None
        choices = self.controller.choices(question.id) or question.choices
        for choice in choices:
            if wanted in (
                choice.value.casefold(),
                choice.label.id.casefold(),
                choice.label.en.casefold(),
            ):
                return choice.value
        starting = {
            choice.value
            for choice in choices
            if choice.label.id.casefold().startswith(wanted)
            or choice.label.en.casefold().startswith(wanted)
        }
        if wanted and len(starting) == 1:
            return starting.pop()
        return raw

    def close_matches(self, question_id: str, raw: str) -> list[str]:
        """Choices close to a refused text, in the script's language: those whose name starts
        with it or holds it, then those spelled alike."""
        assert self.controller is not None
        wanted = raw.strip().casefold()
        if not wanted:
            return []
        labels = [c.label.text(self.language) for c in self.controller.choices(question_id)]
        near = [label for label in labels if label.casefold().startswith(wanted)]
        near += [label for label in labels if wanted in label.casefold() and label not in near]
        folded = {label.casefold(): label for label in labels}
        near += [
            folded[match]
            for match in difflib.get_close_matches(wanted, list(folded), n=5, cutoff=0.6)
            if folded[match] not in near
        ]
        return near[:5]

    def _rebuild_keeping(self, question_id: str) -> None:
        """The visible questions changed: rebuild the section, keeping the officer's place."""
        focused = QtWidgets.QApplication.focusWidget()
        keep = next((qid for qid, f in self.fields.items() if f.input is focused), question_id)
        self.show_section(self.section_id, keep)

    def go_forward_from(self, question_id: str) -> None:
        assert self.controller is not None
        following = self.controller.next_from(question_id)
        while following is not None and not following.takes_answer:
            following = self.controller.next_from(following.id)
        if following is None:
            self.request_review()
            return
        if following.section_id != self.section_id:
            self.show_section(following.section_id, following.id)
        else:
            self.focus_question(following.id)

    def go_back(self) -> None:
        controller = self.controller
        if controller is None:
            return
        self.flush_pending()
        current = controller.current
        previous = controller.previous_from(current)
        while previous is not None and not previous.takes_answer:
            previous = controller.previous_from(previous.id)
        if previous is None:
            return
        if previous.section_id != self.section_id:
            self.show_section(previous.section_id, previous.id)
        else:
            self.focus_question(previous.id)

    def step_section(self, step: int) -> None:
        assert self.controller is not None
        ids = [s.id for s in self.controller.sections()]
        if self.section_id not in ids:
            return
        index = ids.index(self.section_id) + step
        if 0 <= index < len(ids):
            self.jump_to_section(ids[index])

    def jump_to_section(self, section_id: str) -> None:
        assert self.controller is not None
        self.flush_pending()
        first = self.controller.first_of_section(section_id)
        self.show_section(section_id, first.id if first else None)

    def jump_to_question(self, question_id: str) -> None:
        assert self.controller is not None
        section = self.controller.questionnaire.section_of(question_id).id
        self.show_section(section, question_id)

    def request_review(self) -> None:
        self.flush_pending()
        self.review_requested.emit()

    def flush_pending(self) -> None:
        """Save what is typed but not saved yet (before a lock, a jump or the review)."""
        for field in list(self.fields.values()):
            pending = field.pending()
            if pending is not None and isinstance(field, TextField):
                field.timer.stop()
                field._saved_text = field.text()
                self.commit(field.question.id, pending, False, True)
        if (
            self.controller is not None
            and self.controller.completed is None
            and self.notes.timer.isActive()
        ):
            self.notes.flush()

    def _save_notes(self, text: str) -> None:
        if self.controller is None or self.controller.completed is not None:
            return
        with calmly(self):
            self.controller.save_notes(text)

    def set_language(self, language: str) -> None:
        controller = self.controller
        if controller is None:
            return
        self.flush_pending()
        with calmly(self) as attempt:
            controller.set_language(language)
        if attempt.failed:
            return
        self.show_section(self.section_id, controller.current)
