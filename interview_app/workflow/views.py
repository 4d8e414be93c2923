"""Typed results the workflow hands to the UI: what the officer sees after each operation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from interview_app.text import Message

if TYPE_CHECKING:
    from interview_app.interview.engine import Suggestion
    from interview_app.storage.interviews import InterviewSummary


@dataclass(frozen=True)
class OfficeInfo:
    """The office this data folder belongs to; `configured` is false before first-run setup."""

    configured: bool
    office_code: str
    office_name: str
    workstation_name: str


@dataclass(frozen=True)
class SignedIn:
    officer_id: int
    username: str
    full_name: str
    role: str
    # A supervisor reset the password: it is changed before anything else opens.
    must_change_password: bool = False

    @property
    def is_supervisor(self) -> bool:
        return self.role == "supervisor"


@dataclass(frozen=True)
class ReturnedView:
    """An interview a supervisor returned to this officer, with what to correct."""

    uuid: str
    ref_no: str
    comment: str
    returned_at: str
    returned_by: str


@dataclass(frozen=True)
class HomeView:
    today: tuple[InterviewSummary, ...]
    drafts: tuple[InterviewSummary, ...]
    returned: tuple[ReturnedView, ...] = ()
    # Interviews past the retention period: a reminder until a supervisor purges them.
    reminder: Message | None = None
    # Corrections a crash left unsaved (resumed like drafts).
    corrections: tuple[InterviewSummary, ...] = ()
    # For a supervisor: referrals past the office's deadline with no receipt back yet.
    overdue_referrals: tuple[Message, ...] = ()


@dataclass(frozen=True)
class FlagView:
    rule_id: str
    weight: float
    hard: bool
    reason: Message


@dataclass(frozen=True)
class RiskView:
    """The live side panel: every fired flag, the running score and the suggested outcome."""

    flags: tuple[FlagView, ...]
    score: float
    hard_flag: bool
    suggestion: Suggestion


@dataclass(frozen=True)
class AnswerOutcome:
    """What one answer did. `saved` false: an error blocks it, or a warning waits for the
    officer's confirmation. `layout_changed`: the visible questions or sections changed."""

    question_id: str
    saved: bool
    errors: tuple[Message, ...] = ()
    warnings: tuple[Message, ...] = ()
    needs_confirmation: bool = False
    layout_changed: bool = False
    risk_changed: bool = False


@dataclass(frozen=True)
class Position:
    """Where the interview stands: a question in a section, or the review (question None)."""

    section_id: str | None
    question_id: str | None
    index: int
    total: int

    @property
    def at_review(self) -> bool:
        return self.question_id is None


@dataclass(frozen=True)
class ReviewItem:
    question_id: str
    label: str
    shown_value: str
    flagged: bool
    missing: bool
    errors: tuple[Message, ...] = ()


@dataclass(frozen=True)
class ReviewSection:
    section_id: str
    title: str
    items: tuple[ReviewItem, ...]


@dataclass(frozen=True)
class OutcomeOption:
    code: str
    label: Message
    refers_bp3mi: bool


@dataclass(frozen=True)
class SuspectedOption:
    id: str  # a suspected purpose of the script, or AS_STATED
    label: Message


@dataclass(frozen=True)
class SuspectedView:
    """The suspected purpose the officer confirms or changes at review (printed on the slip):
    "as stated" first, then the script's suspected purposes; `suggested` is what the script's
    strong red flags point to."""

    options: tuple[SuspectedOption, ...]
    suggested: str


@dataclass(frozen=True)
class ReviewView:
    sections: tuple[ReviewSection, ...]
    risk: RiskView
    outcomes: tuple[OutcomeOption, ...]
    missing: tuple[str, ...]  # ids of required questions without an answer
    problems: tuple[str, ...]  # ids of answers with hard errors
    # None when the script declares no suspected purposes.
    suspected: SuspectedView | None = None

    @property
    def ready(self) -> bool:
        return not self.missing and not self.problems


@dataclass(frozen=True)
class CompletedView:
    uuid: str
    ref_no: str
    chosen_outcome: str
    refers_bp3mi: bool


@dataclass(frozen=True)
class RecordView:
    """A stored interview opened read-only (the view is audit-logged)."""

    uuid: str
    ref_no: str
    status: str
    created_at: str
    office_code: str
    full_name: str | None
    outcome: str | None
    score: float | None
    flags: tuple[FlagView, ...]
    sections: tuple[ReviewSection, ...] = field(default_factory=tuple)
    # Completed here: the officer may correct it (a new revision with a reason).
    correctable: bool = False
