"""The running interview: engine answers saved in one call each, navigation, language, notes, decision."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from interview_app.errors import KnownError
from interview_app.interview.engine import InterviewSession
from interview_app.interview.recruiters import recruiter_keys
from interview_app.interview.values import display, to_json
from interview_app.questionnaire.model import Choice, Question, Questionnaire, Section
from interview_app.storage.interviews import (
    InterviewRepository,
    InterviewSummary,
    RecruiterMatches,
)
from interview_app.text import Message
from interview_app.workflow.decision_view import build_review, flagged_questions, risk_view
from interview_app.workflow.recruiter import (
    RecruiterLookup,
    RecruiterSignal,
    flags_to_keep,
    recruiter_signal,
)
from interview_app.workflow.views import (
    AnswerOutcome,
    CompletedView,
    Position,
    ReviewView,
    RiskView,
)

REASON_REQUIRED = KnownError(
    "Keputusan berbeda dari saran sistem: tuliskan alasannya.",
    "The decision differs from the suggestion: give the reason.",
)
CORRECTION_REASON_REQUIRED = KnownError(
    "Koreksi wawancara yang sudah selesai: tuliskan alasan koreksinya.",
    "Correcting a completed interview: give the reason for the correction.",
)


@dataclass(frozen=True)
class Correction:
    """A completed interview opened for correction: the decision it had. Its answers change
    only in memory until the correction is saved as one new revision with a reason."""

    chosen_outcome: str | None
    override_reason: str | None
    consent_bp3mi: bool
    suspected_purpose: str | None = None


class TypingStore(Protocol):
    def load(self, uuid: str) -> tuple[str, str] | None: ...
    def save(self, uuid: str, question_id: str, text: str) -> None: ...
    def clear(self, uuid: str) -> None: ...


class CorrectionStore(Protocol):
    """A correction not saved yet, kept so that a crash does not lose it: the changed answers
    (stored form; None = cleared) and the notes when they changed."""

    def save(self, uuid: str, answers: dict[str, Any], notes: str | None) -> None: ...
    def clear(self, uuid: str) -> None: ...


class InterviewController:
    """One open draft: the engine's state plus the stored record it is saved into.

    Every answer goes through `answer()`, which asks the engine and, when the engine keeps it,
    commits it with the identity columns, score and suggestion in one storage call."""

    def __init__(
        self,
        *,
        session: InterviewSession,
        repository: InterviewRepository,
        uuid: str,
        ref_no: str,
        officer_id: int,
        language: str,
        current_question: str | None,
        notes: str = "",
        repeat_lookup: Callable[[str | None, str | None, str], list[InterviewSummary]],
        typing_store: TypingStore | None = None,
        correction: Correction | None = None,
        correction_store: CorrectionStore | None = None,
        recruiter_lookup: RecruiterLookup | None = None,
        referral_lookup: Callable[[str], Message | None] | None = None,
    ) -> None:
        self.session = session
        self.correction = correction
        self._correction_store = correction_store
        self.changed: set[str] = set()  # questions answered anew in a correction
        self.questionnaire: Questionnaire = session.questionnaire
        self._repository = repository
        self.uuid = uuid
        self.ref_no = ref_no
        self.officer_id = officer_id
        self.language = language
        self.notes = notes
        self._repeat_lookup = repeat_lookup
        self._referral_lookup = referral_lookup
        self.completed: CompletedView | None = None
        self._typing_store = typing_store
        # Text typed into a field that is not a valid answer yet (half a phone number): kept
        # aside so that a crash does not lose it, and put back in the field on resume.
        self.typing: tuple[str, str] | None = (
            typing_store.load(uuid) if typing_store and correction is None else None
        )
        self.current: str | None = current_question
        self._identity_section = next(
            (s.id for s in self.questionnaire.sections if s.kind == "identity"), None
        )
        # The same recruiter in the office's other interviews: looked up when the recruiter's
        # answers change, not on every answer.
        self._recruiter_lookup = recruiter_lookup
        self._recruiter: RecruiterSignal = recruiter_signal(session, recruiter_lookup, uuid)

    # -- what is shown ----------------------------------------------------------------------
    def text(self, message: Message | None) -> str:
        return "" if message is None else message.text(self.language)

    def sections(self) -> list[Section]:
        return self.session.visible_sections()

    def questions(self, section_id: str) -> list[Question]:
        return self.session.visible_questions(section_id)

    def choices(self, question_id: str) -> tuple[Choice, ...]:
        return self.session.choices_for(question_id)

    def is_required(self, question: Question) -> bool:
        return self.session.is_required(question)

    def answer_text(self, question_id: str) -> str:
        """The kept answer as an editable text ('' when none); choices give their value."""
        value = self.session.answers.get(question_id)
        if value is None:
            return ""
        question = self.questionnaire.questions[question_id]
        if question.type == "date":
            return display(question, value, self.language)
        if question.type == "yes_no":
            return "ya" if value else "tidak"
        if isinstance(value, list):
            return ",".join(str(v) for v in value)
        return str(value)

    def raw_answer(self, question_id: str) -> Any:
        return self.session.answers.get(question_id)

    def is_identity_section(self, section_id: str | None) -> bool:
        return section_id is not None and section_id == self._identity_section

    def position(self) -> Position:
        if self.current is None:
            visible = self.session.visible_questions()
            return Position(None, None, len(visible), len(visible))
        index, total = self.session.progress(self.current)
        section_id = self.questionnaire.questions[self.current].section_id
        return Position(section_id, self.current, index, total)

    def risk(self) -> RiskView:
        """The script's flags, score and suggestion, with the same-recruiter flag (advisory:
        weight 0) when the recruiter appears in the office's other interviews."""
        view = risk_view(self.session)
        flag = self._recruiter.flag()
        if flag is None:
            return view
        return dataclasses.replace(view, flags=(*view.flags, flag))

    def recruiter_matches(self) -> RecruiterMatches:
        """The office's other interviews that name this interview's recruiter, newest first."""
        return self._recruiter.matches

    def flagged_question_ids(self) -> frozenset[str]:
        return flagged_questions(self.session)

    def validate(
        self, question_id: str, raw: Any
    ) -> tuple[tuple[Message, ...], tuple[Message, ...]]:
        """Errors and warnings for a value being typed, nothing kept (the live checks)."""
        result = self.session.validate(question_id, raw)
        return result.errors, result.warnings

    def flag_reasons(self, rule_ids: tuple[str, ...]) -> list[str]:
        """The script's reasons for flags stored by rule id (the repeat-applicant panel); an id
        this script does not know is shown as it is."""
        rules = {rule.id: rule for rule in self.questionnaire.risk_rules}
        return [rules[r].reason.text(self.language) if r in rules else r for r in rule_ids]

    def referral_status(self, interview_uuid: str) -> str:
        """An earlier interview's referral to BP3MI and where it stands ("" when none)."""
        if self._referral_lookup is None:
            return ""
        return self.text(self._referral_lookup(interview_uuid))

    def repeat_applicants(self, nik: str | None = None) -> list[InterviewSummary]:
        """Earlier interviews of this applicant (by NIK or passport number), newest first."""
        identity = self.session.identity_fields()
        nik = nik or identity.get("nik")
        passport = identity.get("passport_no")
        if not nik and not passport:
            return []
        return self._repeat_lookup(nik, passport, self.uuid)

    # -- answering: the per-answer autosave path --------------------------------------------
    def answer(
        self, question_id: str, raw: Any, *, confirm_warnings: bool = False, moving_on: bool = True
    ) -> AnswerOutcome:
        """Give the engine the answer; when it keeps it, commit it at once, with the position a
        restart resumes at: the next question when the officer moves on, this one while still
        typing (`moving_on` false, the debounced save of a text field). A KnownError from
        storage (database locked, disk full) leaves the engine as it was, so the answer can be
        given again."""
        self._require_draft()
        session = self.session
        before_answers = dict(session.answers)
        before_visible = self._visible_signature()
        before_score, before_flags = session.score, len(session.flags)
        result = session.answer(question_id, raw, confirm_warnings=confirm_warnings)
        if not result.saved:
            return AnswerOutcome(
                question_id,
                False,
                result.errors,
                result.warnings,
                result.needs_confirmation,
            )
        identity_name = self.questionnaire.questions[question_id].identity
        identity = session.identity_fields() if identity_name else None
        if identity is not None and identity_name is not None and identity_name not in identity:
            identity[identity_name] = None  # a cleared identity answer clears its column
        before_recruiter = self._recruiter
        recruiter = self._recruiter_after_answer()
        if recruiter.keys != before_recruiter.keys:
            identity = {**(identity or {}), **recruiter.keys.columns()}
        if moving_on:
            following = session.next_question(question_id)
            resume_at = following.id if following is not None else None
        else:
            resume_at = question_id
        if self.correction is not None:
            # Nothing is written until the correction is saved as a whole (a new revision).
            self.current = question_id
            if session.answers.get(question_id) != before_answers.get(question_id):
                self.changed.add(question_id)
                self._keep_correction()
            return AnswerOutcome(
                question_id,
                True,
                (),
                result.warnings,
                False,
                self._visible_signature() != before_visible,
                session.score != before_score
                or len(session.flags) != before_flags
                or recruiter.matches != before_recruiter.matches,
            )
        try:
            self._repository.save_answer(
                self.uuid,
                question_id,
                to_json(result.value) if result.value is not None else None,
                current_question=resume_at,
                identity=identity,
                score=session.score,
                hard_flag=session.hard_flag,
                suggested_outcome=session.suggestion.code,
            )
        except KnownError:
            # Not stored, so not kept: the engine goes back to what the database holds and the
            # officer's text stays in the form to retry (a rare path; a rebuild is fine here).
            self.session = InterviewSession(
                self.questionnaire,
                before_answers,
                today=session.today,
                office_province=session.office_province,
                office_settings=session.office_settings,
            )
            self._recruiter = before_recruiter
            raise
        self.current = question_id
        if self.typing is not None and self.typing[0] == question_id:
            self._clear_typing()
        layout_changed = self._visible_signature() != before_visible
        risk_changed = (
            session.score != before_score
            or len(session.flags) != before_flags
            or recruiter.matches != before_recruiter.matches
        )
        return AnswerOutcome(
            question_id,
            True,
            (),
            result.warnings,
            False,
            layout_changed,
            risk_changed,
        )

    def _recruiter_after_answer(self) -> RecruiterSignal:
        """The recruiter signal for the answers as they stand: looked up again only when the
        recruiter's keys changed (a recruiter answer given, changed, or hidden by relevance)."""
        keys = recruiter_keys(self.session)
        if keys != self._recruiter.keys:
            self._recruiter = recruiter_signal(self.session, self._recruiter_lookup, self.uuid)
        return self._recruiter

    def keep_typing(self, question_id: str, text: str) -> None:
        """Keep text that is not a valid answer yet (the debounced save of a text field);
        the position stays on this question."""
        self._require_draft()
        if (
            self._typing_store is None
            or self.correction is not None
            or self.typing == (question_id, text)
        ):
            return
        self._typing_store.save(self.uuid, question_id, text)
        self.typing = (question_id, text)

    def typed_text(self, question_id: str) -> str | None:
        return self.typing[1] if self.typing is not None and self.typing[0] == question_id else None

    def _clear_typing(self) -> None:
        if self._typing_store is not None:
            self._typing_store.clear(self.uuid)
        self.typing = None

    def _visible_signature(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.session.visible_questions())

    # -- moving -----------------------------------------------------------------------------
    def go_to(self, question_id: str | None) -> Position:
        """Move to a visible question (or the review with None)."""
        if question_id is not None and not self.session.is_relevant(question_id):
            raise KeyError(question_id)
        self.current = question_id
        return self.position()

    def next_from(self, question_id: str | None) -> Question | None:
        return self.session.next_question(question_id)

    def previous_from(self, question_id: str | None) -> Question | None:
        if question_id is None:
            visible = self.session.visible_questions()
            return visible[-1] if visible else None
        return self.session.previous_question(question_id)

    def go_forward(self) -> Position:
        """The next visible question after the current one, or the review after the last."""
        following = self.session.next_question(self.current) if self.current else None
        self.current = following.id if following is not None else None
        return self.position()

    def go_back(self) -> Position:
        previous = self.previous_from(self.current)
        if previous is not None:
            self.current = previous.id
        return self.position()

    def first_of_section(self, section_id: str) -> Question | None:
        questions = self.session.visible_questions(section_id)
        return questions[0] if questions else None

    # -- language and notes -----------------------------------------------------------------
    def set_language(self, language: str) -> None:
        """Switch the script's language; the stored answers do not change."""
        if language not in self.questionnaire.languages:
            raise KnownError(
                f"Naskah ini tidak tersedia dalam bahasa '{language}'.",
                f"This script is not available in '{language}'.",
            )
        if self.completed is None and self.correction is None:
            self._repository.set_language(self.uuid, language)
        self.language = language

    def save_notes(self, notes: str) -> None:
        self._require_draft()
        if notes != self.notes:
            self.notes = notes
            if self.correction is None:
                self._repository.save_notes(self.uuid, notes or None)
            else:
                self.changed.add("notes")
                self._keep_correction()

    # -- review and decision ----------------------------------------------------------------
    def review(self) -> ReviewView:
        review = build_review(self.session, self.language)
        return dataclasses.replace(review, risk=self.risk())

    def complete(
        self,
        chosen_outcome: str,
        override_reason: str | None = None,
        *,
        consent_bp3mi: bool = False,
        correction_reason: str | None = None,
        suspected_purpose: str | None = None,
    ) -> CompletedView:
        """Close the interview with the officer's decision. A decision other than the
        suggestion needs a reason; a missing required answer or a hard error refuses. In a
        correction, the whole correction is saved as one new revision with its reason.
        `suspected_purpose` is the officer's confirmed or changed suspected purpose (an id of
        the review's options); when not given, the script's suggestion is kept."""
        self._require_draft()
        review = self.review()
        if review.missing or review.problems:
            names = ", ".join((*review.missing, *review.problems))
            raise KnownError(
                f"Wawancara belum lengkap: periksa {names}.",
                f"The interview is not complete: check {names}.",
            )
        code = self.questionnaire.outcome_code(chosen_outcome)
        if code is None:
            raise KnownError(
                f"Kode keputusan '{chosen_outcome}' tidak dikenal.",
                f"Unknown outcome code '{chosen_outcome}'.",
            )
        suggestion = self.session.suggestion
        reason = (override_reason or "").strip() or None
        if chosen_outcome != suggestion.code and reason is None:
            raise REASON_REQUIRED
        if suspected_purpose is None and self.correction is not None:
            suspected_purpose = self.correction.suspected_purpose  # kept unless changed
        suspected = _confirmed_suspicion(review, suspected_purpose)
        flags = flags_to_keep(self.session, self._recruiter)
        if self.correction is not None:
            why = (correction_reason or "").strip()
            if not why:
                raise CORRECTION_REASON_REQUIRED
            identity = self.session.identity_fields()
            record = self._repository.correct(
                self.uuid,
                reason=why,
                officer_id=self.officer_id,
                answers=self.session.stored_answers(),
                flags=flags,
                score=self.session.score,
                hard_flag=self.session.hard_flag,
                suggested_outcome=suggestion.code,
                chosen_outcome=chosen_outcome,
                override_reason=reason if chosen_outcome != suggestion.code else None,
                identity={
                    **{k: identity.get(k) for k in identity_keys(self.questionnaire)},
                    **self._recruiter.keys.columns(),
                },
                consent_bp3mi=consent_bp3mi,
                notes=self.notes if "notes" in self.changed else None,
                suspected_purpose=suspected,
            )
            self.completed = CompletedView(
                record.uuid, record.ref_no, chosen_outcome, code.refers_bp3mi
            )
            if self._correction_store is not None:
                self._correction_store.clear(self.uuid)
            return self.completed
        record = self._repository.complete(
            self.uuid,
            chosen_outcome=chosen_outcome,
            override_reason=reason if chosen_outcome != suggestion.code else None,
            flags=flags,
            score=self.session.score,
            hard_flag=self.session.hard_flag,
            suggested_outcome=suggestion.code,
            consent_bp3mi=consent_bp3mi,
            officer_id=self.officer_id,
            suspected_purpose=suspected,
        )
        self.completed = CompletedView(
            record.uuid, record.ref_no, chosen_outcome, code.refers_bp3mi
        )
        if self.typing is not None:
            self._clear_typing()
        return self.completed

    def _keep_correction(self) -> None:
        """The correction so far, kept aside (not in the interview) until it is saved."""
        if self._correction_store is None:
            return
        answers = {
            question_id: to_json(self.session.answers[question_id])
            if self.session.answers.get(question_id) is not None
            else None
            for question_id in self.changed
            if question_id != "notes"
        }
        notes = self.notes if "notes" in self.changed else None
        self._correction_store.save(self.uuid, answers, notes)

    def discard_correction(self) -> None:
        """The officer leaves the correction: the changes kept aside are dropped."""
        if self.correction is not None and self.completed is None:
            self.changed.clear()
            if self._correction_store is not None:
                self._correction_store.clear(self.uuid)

    def _require_draft(self) -> None:
        if self.completed is not None:
            raise KnownError(
                f"Wawancara {self.ref_no} sudah selesai; koreksi dibuat sebagai revisi baru.",
                f"Interview {self.ref_no} is completed; a correction is made as a new revision.",
            )


def _confirmed_suspicion(review: ReviewView, chosen: str | None) -> str | None:
    if review.suspected is None:
        return None
    if chosen is None:
        return review.suspected.suggested
    if chosen not in {option.id for option in review.suspected.options}:
        raise KnownError(
            f"Dugaan tujuan '{chosen}' tidak dikenal naskah ini.",
            f"Suspected purpose '{chosen}' is not known to this script.",
        )
    return chosen


def identity_keys(questionnaire: Questionnaire) -> list[str]:
    """The identity columns this script's questions fill."""
    return [q.identity for q in questionnaire.questions.values() if q.identity]
