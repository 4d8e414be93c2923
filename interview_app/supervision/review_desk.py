"""Supervisor review of completed interviews: filtered list, read-only view, reviewed/returned."""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from interview_app.errors import KnownError
from interview_app.questionnaire.loader import QuestionnaireError, load_text
from interview_app.questionnaire.model import Questionnaire
from interview_app.reference import DESTINATION_QUESTION
from interview_app.storage.clock import to_iso
from interview_app.storage.database import Database
from interview_app.storage.errors import InvalidState
from interview_app.storage.interviews import InterviewRecord, InterviewRepository, RevisionInfo
from interview_app.storage.officer_names import OfficerKey, OfficerNames
from interview_app.storage.questionnaires import QuestionnaireStore
from interview_app.storage.reviews import (
    CORRECTED,
    RETURNED,
    REVIEW_STATES,
    REVIEWED,
    UNREVIEWED,
    CompletedQuery,
    ReviewMarks,
)
from interview_app.supervision.session import SupervisorSession

__all__ = [
    "CORRECTED",
    "DESTINATION_QUESTION",
    "RETURNED",
    "REVIEWED",
    "REVIEW_STATES",
    "REVIEW_STATE_TEXT",
    "UNREVIEWED",
    "InterviewView",
    "OfficerChoice",
    "OfficerKey",
    "ReturnedInterview",
    "ReviewDesk",
    "ReviewEntry",
    "ReviewFilter",
    "ReviewRow",
    "local_bounds",
    "returned_interviews",
]

REVIEW_STATE_TEXT = {
    UNREVIEWED: "belum ditinjau / not reviewed",
    REVIEWED: "sudah ditinjau / reviewed",
    RETURNED: "dikembalikan / returned",
    CORRECTED: "dikoreksi setelah dikembalikan / corrected after return",
}


def local_bounds(
    date_from: date | None, date_to: date | None, tz: tzinfo | None = None
) -> tuple[str | None, str | None]:
    """Stored-time bounds [from 00:00, day after `date_to` 00:00) of local calendar days."""
    zone = tz or datetime.now().astimezone().tzinfo
    start = to_iso(datetime.combine(date_from, time(0), tzinfo=zone)) if date_from else None
    end = (
        to_iso(datetime.combine(date_to + timedelta(days=1), time(0), tzinfo=zone))
        if date_to
        else None
    )
    return start, end


@dataclass(frozen=True)
class OfficerChoice:
    key: OfficerKey
    name: str


@dataclass(frozen=True)
class ReviewFilter:
    date_from: date | None = None
    date_to: date | None = None
    officer: OfficerKey | None = None
    outcome: str | None = None
    flag_rule_id: str | None = None
    destination: str | None = None
    review_state: str | None = None
    limit: int = 500


@dataclass(frozen=True)
class ReviewRow:
    uuid: str
    ref_no: str
    created_at: str
    completed_at: str | None
    officer_name: str
    full_name: str | None
    outcome: str | None
    score: float | None
    hard_flag: bool
    destination: str | None
    flag_count: int
    revision: int
    review_state: str
    review_comment: str | None


@dataclass(frozen=True)
class ReviewEntry:
    action: str
    revision: int
    comment: str | None
    by_name: str
    at: str


@dataclass(frozen=True)
class InterviewView:
    """An interview opened read-only, with the script it was taken with."""

    record: InterviewRecord
    questionnaire: Questionnaire | None
    revisions: list[RevisionInfo]
    reviews: list[ReviewEntry]
    officer_name: str


@dataclass(frozen=True)
class ReturnedInterview:
    """A returned interview the officer's home screen shows."""

    uuid: str
    ref_no: str
    created_at: str
    comment: str
    returned_at: str
    returned_by: str


def _name(names: dict[OfficerKey, str], workstation: str, officer_id: int | None) -> str:
    if officer_id is None:
        return "-"
    return names.get(OfficerKey(workstation, int(officer_id)), f"#{officer_id}")


class ReviewDesk:
    def __init__(self, session: SupervisorSession, tz: tzinfo | None = None) -> None:
        self._session = session
        self._tz = tz
        session.require()
        self._interviews = InterviewRepository(session.database, session.audit, session.clock)
        self._marks = ReviewMarks(session.database)
        self._names = OfficerNames(session.database)

    def officers(self) -> list[OfficerChoice]:
        """The officers who completed interviews here, for the filter."""
        self._session.require()
        names = self._names.all()
        choices = [
            OfficerChoice(key, _name(names, key.workstation_id, key.officer_id))
            for key in self._marks.completed_officers()
        ]
        return sorted(choices, key=lambda c: c.name.casefold())

    def flag_rules(self) -> list[tuple[str, str, str]]:
        """(rule id, reason id, reason en) of flags that fired in completed interviews."""
        self._session.require()
        return [(r.rule_id, r.reason_id, r.reason_en) for r in self._marks.completed_flag_rules()]

    def destinations(self) -> list[str]:
        self._session.require()
        return sorted(self._marks.completed_answers(DESTINATION_QUESTION))

    def list(self, filters: ReviewFilter | None = None) -> list[ReviewRow]:
        """Completed interviews, newest first, with their latest review state."""
        self._session.require()
        f = filters or ReviewFilter()
        start, end = local_bounds(f.date_from, f.date_to, self._tz)
        query = CompletedQuery(
            DESTINATION_QUESTION,
            start=start,
            end=end,
            officer=f.officer,
            outcome=f.outcome,
            flag_rule_id=f.flag_rule_id,
            destination=f.destination,
            review_state=f.review_state,
            limit=f.limit,
        )
        names = self._names.all()
        return [
            ReviewRow(
                row.uuid,
                row.ref_no,
                row.created_at,
                row.completed_at,
                _name(names, row.workstation_id, row.officer_id),
                row.full_name,
                row.outcome,
                row.score,
                row.hard_flag,
                row.destination,
                row.flag_count,
                row.revision,
                row.review_state,
                row.review_comment,
            )
            for row in self._marks.completed(query)
        ]

    def history(self, uuid: str) -> builtins.list[ReviewEntry]:
        self._session.require()
        names = self._names.all()
        return [
            ReviewEntry(
                mark.action,
                mark.revision,
                mark.comment,
                _name(names, mark.workstation_id, mark.by_officer),
                mark.at,
            )
            for mark in self._marks.of_interview(uuid)
        ]

    def open(self, uuid_or_ref: str) -> InterviewView:
        """The interview read-only; the view is written to the audit log."""
        self._session.require()
        record = self._interviews.get(uuid_or_ref)
        self._interviews.record_view(record.uuid, self._session.officer_id)
        questionnaire: Questionnaire | None = None
        try:
            source = QuestionnaireStore(self._session.database).get(record.questionnaire_hash)
            questionnaire = load_text(source, f"{record.questionnaire_hash[:12]}.yaml")
        except (KnownError, QuestionnaireError):
            questionnaire = None  # shown with question ids only
        names = self._names.all()
        return InterviewView(
            record,
            questionnaire,
            self._interviews.revisions(record.uuid),
            self.history(record.uuid),
            _name(names, record.workstation_id, record.officer_id),
        )

    def _add(self, uuid_or_ref: str, action: str, comment: str | None) -> InterviewRecord:
        record = self._interviews.get(uuid_or_ref)
        if record.status != "completed":
            raise InvalidState(
                f"Hanya wawancara yang selesai yang dapat ditinjau; {record.ref_no} berstatus "
                f"'{record.status}'.",
                f"Only completed interviews can be reviewed; {record.ref_no} is '{record.status}'.",
            )
        with self._session.database.transaction():
            self._marks.add(
                interview_uuid=record.uuid,
                revision=record.revision,
                action=action,
                comment=comment,
                workstation_id=self._names.local_workstation(),
                by_officer=self._session.officer_id,
                at=to_iso(self._session.clock()),
            )
            # The comment may name the applicant: it stays out of the log.
            self._session.audit.append(
                self._session.actor,
                f"interview.{action}",
                "interview",
                record.uuid,
                {"ref_no": record.ref_no, "revision": record.revision},
            )
        return record

    def mark_reviewed(self, uuid_or_ref: str) -> None:
        self._session.require()
        self._add(uuid_or_ref, "reviewed", None)

    def return_to_officer(self, uuid_or_ref: str, comment: str) -> None:
        """Back to the officer who took it, with what to correct; the officer's home screen
        lists it until a correction (a new revision) is saved."""
        self._session.require()
        comment = comment.strip()
        if not comment:
            raise KnownError(
                "Tulis alasan pengembalian untuk petugas.",
                "Write what the officer should correct.",
            )
        self._add(uuid_or_ref, "returned", comment)


def returned_interviews(database: Database, officer_id: int) -> list[ReturnedInterview]:
    """This workstation's interviews of `officer_id` that a supervisor returned and that are not
    corrected yet, newest return first. For the officer's own home screen."""
    officer_names = OfficerNames(database)
    names = officer_names.all()
    return [
        ReturnedInterview(
            mark.uuid,
            mark.ref_no,
            mark.created_at,
            mark.comment,
            mark.at,
            _name(names, mark.workstation_id, mark.by_officer),
        )
        for mark in ReviewMarks(database).returned(officer_id, officer_names.local_workstation())
    ]
