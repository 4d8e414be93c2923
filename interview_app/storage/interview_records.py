"""What an interview is as stored: its record, flags, summaries and revisions, and the
columns and content hash they rest on."""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from interview_app.storage.audit import canonical_json

IDENTITY_FIELDS: tuple[str, ...] = (
    "nik",
    "kk",
    "passport_no",
    "passport_application_no",
    "full_name",
    "birth_date",
    "birth_place",
    "sex",
    "home_regency",
    "phone",
    "address",
    "emergency_contact",
)


# Look-up keys kept beside the identity columns, not part of the record (nor of its content
# hash): written with the answers that give them, read only by look-ups.
RECRUITER_KEY_COLUMNS: tuple[str, ...] = ("recruiter_phone_key", "recruiter_name_key")


INTERVIEW_COLUMNS: tuple[str, ...] = (
    "uuid",
    "ref_no",
    "office_code",
    "workstation_id",
    "questionnaire_id",
    "questionnaire_version",
    "questionnaire_hash",
    "officer_id",
    "status",
    "revision",
    "created_at",
    "updated_at",
    "completed_at",
    "language",
    "current_question",
    *IDENTITY_FIELDS,
    "score",
    "hard_flag",
    "suggested_outcome",
    "chosen_outcome",
    "override_reason",
    "suspected_purpose",
    "notes",
    "consent_bp3mi",
    "content_hash",
    "voided_at",
    "void_reason",
)


@dataclass(frozen=True)
class FlagRecord:
    rule_id: str
    weight: float
    hard: bool
    reason_id: str
    reason_en: str


@dataclass(frozen=True)
class InterviewRecord:
    uuid: str
    ref_no: str
    office_code: str
    workstation_id: str
    questionnaire_id: str
    questionnaire_version: int
    questionnaire_hash: str
    officer_id: int | None
    status: str
    revision: int
    created_at: str
    updated_at: str
    completed_at: str | None
    language: str
    current_question: str | None
    nik: str | None = None
    kk: str | None = None
    passport_no: str | None = None
    passport_application_no: str | None = None
    full_name: str | None = None
    birth_date: str | None = None
    birth_place: str | None = None
    sex: str | None = None
    home_regency: str | None = None
    phone: str | None = None
    address: str | None = None
    emergency_contact: str | None = None
    score: float | None = None
    hard_flag: bool | None = None
    suggested_outcome: str | None = None
    chosen_outcome: str | None = None
    override_reason: str | None = None
    # The suspected purpose the officer confirmed at review: a suspected-purpose id of the
    # script, or AS_STATED; None when not recorded (earlier interviews and scripts).
    suspected_purpose: str | None = None
    notes: str | None = None
    consent_bp3mi: bool | None = None
    content_hash: str | None = None
    voided_at: str | None = None
    void_reason: str | None = None
    answers: dict[str, Any] = field(default_factory=dict)
    flags: list[FlagRecord] = field(default_factory=list)

    @property
    def outcome(self) -> str | None:
        return self.chosen_outcome or self.suggested_outcome

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (revision snapshots, content hashes, sync). A suspected purpose
        that was never recorded is left out, so records sealed before the column existed keep
        their content hash."""
        data = dataclasses.asdict(self)
        if data["suspected_purpose"] is None:
            del data["suspected_purpose"]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> InterviewRecord:
        values = dict(data)
        values["flags"] = [FlagRecord(**flag) for flag in values.get("flags", [])]
        return cls(**values)


class InterviewSummary(NamedTuple):
    """One line of a result list (search, repeat applicants, drafts). A named tuple rather than
    a dataclass: lists of these are built on every keystroke of a search, and a tuple is
    several times cheaper to make."""

    uuid: str
    ref_no: str
    created_at: str
    status: str
    full_name: str | None
    nik: str | None
    passport_no: str | None
    office_code: str
    workstation_id: str
    outcome: str | None
    score: float | None
    hard_flag: bool | None
    revision: int
    flag_rule_ids: tuple[str, ...]

    @property
    def flag_count(self) -> int:
        return len(self.flag_rule_ids)


@dataclass(frozen=True)
class RecruiterMatches:
    """The office's other interviews that name the same recruiter (voided ones left out):
    how many, by which key, since when, and the newest of them."""

    count: int
    by_phone: int
    by_name: int
    first_at: str | None  # created_at of the earliest
    recent: tuple[InterviewSummary, ...]


NO_RECRUITER_MATCHES = RecruiterMatches(0, 0, 0, None, ())


@dataclass(frozen=True)
class RevisionInfo:
    """Revision `revision` was replaced at `revised_at` by `revised_by` because of `reason`."""

    revision: int
    reason: str
    revised_by: int | None
    revised_at: str


def content_hash(record: InterviewRecord) -> str:
    """SHA-256 of the canonical JSON of the record without its own content_hash."""
    data = record.to_dict()
    data.pop("content_hash", None)
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()
