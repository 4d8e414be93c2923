"""The loaded, checked interview script: immutable dataclasses the engine and the UI read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from interview_app.questionnaire.expression_runtime import Expression
from interview_app.questionnaire.valuetypes import Symbol, ValueType
from interview_app.text import Message

QUESTION_TYPES = (
    "yes_no",
    "single",
    "multiple",
    "text",
    "long_text",
    "integer",
    "decimal",
    "date",
    "country",
    "phone",
    "note",
    "calculate",
)
CHOICE_TYPES = ("single", "multiple")
IDENTITY_FIELDS = (
    "nik",
    "kk",
    "full_name",
    "birth_date",
    "birth_place",
    "sex",
    "home_regency",
    "phone",
    "passport_no",
    "passport_application_no",
    "address",
    "emergency_contact",
)
TEXT_CHECKS = ("nik", "kk", "passport")
# `recruiter: name` / `recruiter: phone` marks the answers that identify the recruiter: the
# counter looks them up across the office's other interviews ("the same recruiter").
RECRUITER_FIELDS = ("name", "phone")

# The officer's answer at review that the trip is what the applicant says it is (stored where a
# suspected purpose id would be; no script may use it as an id).
AS_STATED = "as_stated"

VALUE_TYPES: dict[str, ValueType] = {
    "yes_no": ValueType.BOOL,
    "single": ValueType.CHOICE,
    "multiple": ValueType.CHOICES,
    "text": ValueType.TEXT,
    "long_text": ValueType.TEXT,
    "integer": ValueType.NUMBER,
    "decimal": ValueType.NUMBER,
    "date": ValueType.DATE,
    "country": ValueType.CHOICE,
    "phone": ValueType.TEXT,
}


@dataclass(frozen=True)
class Choice:
    value: str
    label: Message
    group: str | None = None


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    section_id: str
    line: int
    label: Message | None = None
    hint: Message | None = None
    required: bool = False
    required_if: Expression | None = None
    relevant: Expression | None = None
    constraint: Expression | None = None
    constraint_message: Message | None = None
    warning: Expression | None = None
    warning_message: Message | None = None
    choices: tuple[Choice, ...] = ()
    choice_filter: Expression | None = None
    calculate: Expression | None = None
    identity: str | None = None
    check: str | None = None
    recruiter: str | None = None  # one of RECRUITER_FIELDS

    @property
    def asked(self) -> bool:
        """True for questions the officer sees (notes included); false for calculations."""
        return self.type != "calculate"

    @property
    def takes_answer(self) -> bool:
        return self.type not in ("note", "calculate")

    def choice(self, value: str) -> Choice | None:
        for choice in self.choices:
            if choice.value == value:
                return choice
        return None


@dataclass(frozen=True)
class Section:
    id: str
    title: Message
    line: int
    kind: str | None = None
    relevant: Expression | None = None
    questions: tuple[Question, ...] = ()


@dataclass(frozen=True)
class RiskRule:
    id: str
    when: Expression
    reason: Message
    line: int
    weight: float = 0
    hard: bool = False


@dataclass(frozen=True)
class OutcomeRule:
    outcome: str
    line: int
    when: Expression | None = None
    explain: Message | None = None


@dataclass(frozen=True)
class SuspectedPurpose:
    """What the strong flags suggest the trip is really for; first match wins, none: as stated.
    `work` marks a purpose that is (non-prosedural) work, which the slip's requested actions use."""

    id: str
    when: Expression
    label: Message
    line: int
    work: bool = False


@dataclass(frozen=True)
class OutcomeCode:
    code: str
    label: Message
    refers_bp3mi: bool = False


@dataclass(frozen=True)
class Questionnaire:
    id: str
    version: int
    title: Message
    languages: tuple[str, ...]
    sections: tuple[Section, ...]
    risk_rules: tuple[RiskRule, ...]
    outcome_rules: tuple[OutcomeRule, ...]
    outcome_codes: tuple[OutcomeCode, ...]
    constants: dict[str, Any]
    content_hash: str
    source: str
    path: str
    # Every question (calculations too) by id, in document order.
    questions: dict[str, Question] = field(default_factory=dict)
    # Question ids in an order where everything an item's relevance or calculation reads comes
    # before it, so one pass computes the interview's state exactly.
    evaluation_order: tuple[str, ...] = ()
    symbols: dict[str, Symbol] = field(default_factory=dict)
    # Office settings the script reads by name (keys of office_settings.SCRIPT_SETTINGS).
    office_settings: tuple[str, ...] = ()
    suspected_purposes: tuple[SuspectedPurpose, ...] = ()

    def section_of(self, question_id: str) -> Section:
        section_id = self.questions[question_id].section_id
        return next(s for s in self.sections if s.id == section_id)

    def outcome_code(self, code: str) -> OutcomeCode | None:
        return next((c for c in self.outcome_codes if c.code == code), None)

    def suspected_purpose(self, purpose_id: str) -> SuspectedPurpose | None:
        return next((p for p in self.suspected_purposes if p.id == purpose_id), None)

    def identity_question(self, field_name: str) -> Question | None:
        return next((q for q in self.questions.values() if q.identity == field_name), None)

    def recruiter_question(self, field_name: str) -> Question | None:
        """The question that holds the recruiter's `name` or `phone`, if the script says so."""
        return next((q for q in self.questions.values() if q.recruiter == field_name), None)
