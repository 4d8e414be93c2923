"""One interview as a state machine: relevance, navigation, validation, flags, score, outcome."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from interview_app.interview import identity
from interview_app.interview.values import ValueProblem, coerce, from_json, to_json
from interview_app.questionnaire.expression_runtime import Env
from interview_app.questionnaire.model import (
    Choice,
    OutcomeCode,
    Question,
    Questionnaire,
    Section,
    SuspectedPurpose,
)
from interview_app.questionnaire.office_settings import setting_values
from interview_app.text import Message

REQUIRED = Message("wajib diisi", "an answer is required")


@dataclass(frozen=True)
class FiredFlag:
    rule_id: str
    weight: float
    hard: bool
    reason: Message


@dataclass(frozen=True)
class Suggestion:
    code: str
    label: Message
    explain: Message | None
    refers_bp3mi: bool


@dataclass(frozen=True)
class AnswerResult:
    """What happened to an answer. `saved` is false when an error blocks it, or when a warning
    waits for the officer's confirmation (`needs_confirmation`)."""

    question_id: str
    saved: bool
    value: Any = None
    errors: tuple[Message, ...] = ()
    warnings: tuple[Message, ...] = ()
    needs_confirmation: bool = False


@dataclass
class _State:
    relevant: set[str] = field(default_factory=set)
    values: dict[str, Any] = field(
        default_factory=dict
    )  # effective: relevant answers + calculations
    flags: list[FiredFlag] = field(default_factory=list)
    score: float = 0.0
    hard_flag: bool = False
    suggestion: Suggestion | None = None
    suspected: SuspectedPurpose | None = None
    fired: dict[str, bool] = field(default_factory=dict)


class InterviewSession:
    """The engine for one interview. It holds every answer ever given (answers to questions that
    became irrelevant are kept, but neither scored nor shown) and recomputes relevance,
    calculations, flags, score and the suggested outcome after every change."""

    def __init__(
        self,
        questionnaire: Questionnaire,
        answers: Mapping[str, Any] | None = None,
        *,
        today: dt.date,
        office_province: str | None = None,
        office_settings: Mapping[str, Any] | None = None,
    ) -> None:
        self.questionnaire = questionnaire
        self.today = today
        self.office_province = office_province
        # The office settings the script reads (e.g. whether a Disnaker recommendation is
        # required), fixed for the session like the constants.
        self.office_settings = setting_values(questionnaire.office_settings, office_settings)
        self.answers: dict[str, Any] = {}
        self._asked = [q for s in questionnaire.sections for q in s.questions if q.asked]
        self._asked_index = {q.id: i for i, q in enumerate(self._asked)}
        self._state = _State()
        self._sections = {section.id: section for section in questionnaire.sections}
        # What each item's relevance or calculation reads (its section's condition included).
        self._depends: dict[str, frozenset[str]] = {}
        for question in questionnaire.questions.values():
            names: set[str] = set()
            for expr in (
                question.relevant,
                question.calculate,
                self._sections[question.section_id].relevant,
            ):
                if expr is not None:
                    names |= expr.names
            self._depends[question.id] = frozenset(names)
        for question_id, value in (answers or {}).items():
            given = questionnaire.questions.get(question_id)
            if given is not None and given.takes_answer and value is not None:
                self.answers[question_id] = value
        self._recompute()

    @classmethod
    def from_stored(
        cls,
        questionnaire: Questionnaire,
        stored: Mapping[str, Any],
        *,
        today: dt.date,
        office_province: str | None = None,
        office_settings: Mapping[str, Any] | None = None,
    ) -> InterviewSession:
        """Rebuild a session from answers as storage keeps them (JSON values)."""
        typed = {}
        for question_id, value in stored.items():
            question = questionnaire.questions.get(question_id)
            if question is not None:
                typed[question_id] = from_json(question, value)
        return cls(
            questionnaire,
            typed,
            today=today,
            office_province=office_province,
            office_settings=office_settings,
        )

    # -- state ------------------------------------------------------------------------------
    def _recompute(self, changed: str | None = None) -> None:
        """Bring relevance, calculations, flags, score and the suggestion up to date. With
        `changed` (the one answer that changed) only what depends on it, directly or through
        relevance and calculations, is evaluated again; the result is the same as a full pass."""
        questionnaire = self.questionnaire
        previous = (
            self._state if changed is not None and self._state.suggestion is not None else None
        )
        state = _State()
        values = state.values
        if previous is None:
            values.update(questionnaire.constants)
            values.update(self.office_settings)
            state.relevant = set()
            dirty: set[str] | None = None
        else:
            values.update(previous.values)
            state.relevant = set(previous.relevant)
            dirty = {changed} if changed is not None else set()
        env = Env(values=values, today=self.today)
        section_relevance: dict[str, bool] = {}
        depends = self._depends
        for question_id in questionnaire.evaluation_order:
            if (
                dirty is not None
                and question_id not in dirty
                and dirty.isdisjoint(depends[question_id])
            ):
                continue
            question = questionnaire.questions[question_id]
            section_id = question.section_id
            relevant = section_relevance.get(section_id)
            if relevant is None:
                section = self._sections[section_id]
                relevant = section.relevant is None or section.relevant.truthy(env)
                section_relevance[section_id] = relevant
            if relevant and question.relevant is not None:
                relevant = question.relevant.truthy(env)
            was_relevant = question_id in state.relevant
            old_value = values.get(question_id)
            if relevant:
                state.relevant.add(question_id)
                if question.calculate is not None:
                    values[question_id] = question.calculate.evaluate(env)
                elif question_id in self.answers:
                    values[question_id] = self.answers[question_id]
                else:
                    values.pop(question_id, None)
            else:
                state.relevant.discard(question_id)
                values.pop(question_id, None)
            if dirty is not None and (
                was_relevant != relevant or values.get(question_id) != old_value
            ):
                dirty.add(question_id)
        fired: dict[str, bool] = {}
        for rule in questionnaire.risk_rules:
            if dirty is None or previous is None or not dirty.isdisjoint(rule.when.names):
                fired[rule.id] = rule.when.truthy(env)
            else:
                fired[rule.id] = previous.fired[rule.id]
            if fired[rule.id]:
                state.flags.append(FiredFlag(rule.id, rule.weight, rule.hard, rule.reason))
                state.score += rule.weight
                state.hard_flag = state.hard_flag or rule.hard
        state.fired = fired
        outcome_env = Env(
            values=values,
            today=self.today,
            score=state.score,
            hard_flag=state.hard_flag,
            flags=frozenset(f.rule_id for f in state.flags),
        )
        for outcome_rule in questionnaire.outcome_rules:
            if outcome_rule.when is None or outcome_rule.when.truthy(outcome_env):
                code = questionnaire.outcome_code(outcome_rule.outcome)
                assert code is not None
                state.suggestion = Suggestion(
                    code.code, code.label, outcome_rule.explain, code.refers_bp3mi
                )
                break
        for purpose in questionnaire.suspected_purposes:
            if purpose.when.truthy(outcome_env):
                state.suspected = purpose
                break
        self._state = state

    @property
    def flags(self) -> list[FiredFlag]:
        return list(self._state.flags)

    @property
    def score(self) -> float:
        return self._state.score

    @property
    def hard_flag(self) -> bool:
        return self._state.hard_flag

    @property
    def suggestion(self) -> Suggestion:
        assert self._state.suggestion is not None
        return self._state.suggestion

    @property
    def suspected_purpose(self) -> SuspectedPurpose | None:
        """What the strong flags suggest the trip is for; None: as stated."""
        return self._state.suspected

    def is_relevant(self, question_id: str) -> bool:
        return question_id in self._state.relevant

    def value(self, question_id: str) -> Any:
        """The effective value: the answer (or calculation) when relevant, else None."""
        return self._state.values.get(question_id) if question_id in self._state.relevant else None

    def effective_answers(self) -> dict[str, Any]:
        """Answers of relevant questions (typed), in script order."""
        return {
            q.id: self.answers[q.id]
            for q in self._asked
            if q.id in self.answers and q.id in self._state.relevant
        }

    def stored_answers(self) -> dict[str, Any]:
        """Every answer given (relevant or not) in its JSON form, as storage keeps it."""
        return {qid: to_json(value) for qid, value in self.answers.items()}

    # -- navigation -------------------------------------------------------------------------
    def visible_questions(self, section_id: str | None = None) -> list[Question]:
        return [
            q
            for q in self._asked
            if q.id in self._state.relevant and (section_id is None or q.section_id == section_id)
        ]

    def visible_sections(self) -> list[Section]:
        relevant_sections = {
            self.questionnaire.questions[q].section_id for q in self._state.relevant
        }
        return [
            s
            for s in self.questionnaire.sections
            if s.id in relevant_sections and any(q.asked for q in s.questions)
        ]

    def first_question(self) -> Question | None:
        return self.next_question(None)

    def next_question(self, after: str | None) -> Question | None:
        start = 0 if after is None else self._asked_index[after] + 1
        for question in self._asked[start:]:
            if question.id in self._state.relevant:
                return question
        return None

    def previous_question(self, before: str) -> Question | None:
        for question in reversed(self._asked[: self._asked_index[before]]):
            if question.id in self._state.relevant:
                return question
        return None

    def resume_point(self) -> Question | None:
        """Where an interrupted interview goes on when no position was saved: the first relevant
        question without an answer, else the last visible question."""
        visible = self.visible_questions()
        for question in visible:
            if question.takes_answer and question.id not in self.answers:
                return question
        return visible[-1] if visible else None

    def progress(self, current: str | None) -> tuple[int, int]:
        """(position of `current` among the visible questions, 1-based; their number)."""
        visible = self.visible_questions()
        ids = [q.id for q in visible]
        position = ids.index(current) + 1 if current in ids else 0
        return position, len(ids)

    def choices_for(self, question_id: str) -> tuple[Choice, ...]:
        question = self.questionnaire.questions[question_id]
        if question.choice_filter is None:
            return question.choices
        result = []
        for choice in question.choices:
            env = Env(
                values=self._state.values,
                today=self.today,
                choice_value=choice.value,
                choice_group=choice.group,
            )
            if question.choice_filter.truthy(env):
                result.append(choice)
        return tuple(result)

    # -- answering --------------------------------------------------------------------------
    def is_required(self, question: Question) -> bool:
        if question.required_if is not None:
            return question.required_if.truthy(Env(values=self._state.values, today=self.today))
        return question.required

    def validate(self, question_id: str, raw: Any) -> AnswerResult:
        """Check an answer without keeping it."""
        question = self.questionnaire.questions[question_id]
        try:
            value = coerce(question, raw)
        except ValueProblem as problem:
            return AnswerResult(question_id, False, None, (problem.message,))
        errors: list[Message] = []
        warnings: list[Message] = []
        if value is None:
            if self.is_required(question):
                errors.append(REQUIRED)
            return AnswerResult(question_id, False, None, tuple(errors))
        if question.type in ("single", "multiple") and question.choice_filter is not None:
            allowed = {c.value for c in self.choices_for(question_id)}
            picked = value if isinstance(value, list) else [value]
            if any(v not in allowed for v in picked):
                errors.append(
                    Message(
                        "pilihan ini tidak tersedia di sini", "this choice is not available here"
                    )
                )
        env = Env(values=self._state.values, today=self.today, self_value=value)
        if question.constraint is not None and not question.constraint.truthy(env):
            assert question.constraint_message is not None
            errors.append(question.constraint_message)
        if question.warning is not None and not question.warning.truthy(env):
            assert question.warning_message is not None
            warnings.append(question.warning_message)
        for issue in self._identity_issues_for(question, value):
            (errors if issue.severity == "error" else warnings).append(issue.message)
        return AnswerResult(question_id, False, value, tuple(errors), tuple(warnings))

    def answer(self, question_id: str, raw: Any, *, confirm_warnings: bool = False) -> AnswerResult:
        """Validate and keep an answer. An empty answer clears it (unless required)."""
        question = self.questionnaire.questions.get(question_id)
        if question is None or not question.takes_answer:
            raise KeyError(question_id)
        result = self.validate(question_id, raw)
        if result.errors:
            return result
        if result.warnings and not confirm_warnings:
            return AnswerResult(
                question_id, False, result.value, (), result.warnings, needs_confirmation=True
            )
        if result.value is None:
            self.answers.pop(question_id, None)
        else:
            self.answers[question_id] = result.value
        self._recompute(question_id)
        return AnswerResult(question_id, True, result.value, (), result.warnings)

    def missing_required(self) -> list[Question]:
        return [
            q
            for q in self.visible_questions()
            if q.takes_answer and q.id not in self.answers and self.is_required(q)
        ]

    def errors_in_answers(self) -> dict[str, tuple[Message, ...]]:
        """Hard errors of the kept, relevant answers (they can appear when an earlier answer
        changes, e.g. a corrected birth date that no longer agrees with the NIK)."""
        problems = {}
        for question_id, value in self.effective_answers().items():
            result = self.validate(question_id, value)
            if result.errors:
                problems[question_id] = result.errors
        return problems

    # -- identity ---------------------------------------------------------------------------
    def identity_fields(self) -> dict[str, Any]:
        """The identity columns the counter searches on, from relevant answers (JSON-ready)."""
        result: dict[str, Any] = {}
        for question in self._asked:
            if (
                question.identity
                and question.id in self._state.relevant
                and question.id in self.answers
            ):
                result[question.identity] = to_json(self.answers[question.id])
        return result

    def identity_issues(self) -> list[identity.IdentityIssue]:
        """Every identity finding for the answers as they stand (shown live next to the fields)."""
        issues: list[identity.IdentityIssue] = []
        for question in self._asked:
            value = self.answers.get(question.id)
            if value is not None and question.id in self._state.relevant:
                issues.extend(self._identity_issues_for(question, value))
        return issues

    def _identity_answer(self, field_name: str) -> Any:
        question = self.questionnaire.identity_question(field_name)
        if question is None or question.id not in self._state.relevant:
            return None
        return self.answers.get(question.id)

    def _identity_issues_for(self, question: Question, value: Any) -> list[identity.IdentityIssue]:
        if question.check == "nik":
            return identity.check_nik(
                value,
                birth_date=self._identity_answer("birth_date"),
                sex=self._identity_answer("sex"),
                office_province=self.office_province,
                today=self.today,
            )
        if question.check == "kk":
            return identity.check_kk(value, office_province=self.office_province)
        if question.check == "passport":
            return identity.check_passport(value)
        if question.type == "phone":
            return [i for i in identity.check_phone(value) if i.severity == "warning"]
        if question.identity in ("birth_date", "sex"):
            nik = self._identity_answer("nik")
            if nik is None:
                return []
            kwargs = {
                "birth_date": self._identity_answer("birth_date"),
                "sex": self._identity_answer("sex"),
            }
            kwargs[question.identity] = value
            return [
                i
                for i in identity.check_nik(nik, today=self.today, **kwargs)
                if i.field == question.identity
            ]
        return []

    def outcome_code(self, code: str) -> OutcomeCode | None:
        return self.questionnaire.outcome_code(code)
