"""Supervisor review of completed interviews: filtered list, read-only view, reviewed/returned."""

from __future__ import annotations

import builtins
import json
import sqlite3
import uuid as uuid_module
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from interview_app.errors import KnownError
from interview_app.questionnaire.loader import QuestionnaireError, load_text
from interview_app.questionnaire.model import Questionnaire
from interview_app.storage.clock import to_iso
from interview_app.storage.database import Database
from interview_app.storage.errors import InvalidState
from interview_app.storage.interviews import InterviewRecord, InterviewRepository, RevisionInfo
from interview_app.storage.questionnaires import QuestionnaireStore
from interview_app.storage.settings import WORKSTATION_ID
from interview_app.supervision.session import SupervisorSession

DESTINATION_QUESTION = "destination"  # the script's question id for the destination country

# Review states a list row can have.
UNREVIEWED = "unreviewed"
REVIEWED = "reviewed"
RETURNED = "returned"
CORRECTED = "corrected"  # returned, then corrected by the officer (a newer revision)
REVIEW_STATES = (UNREVIEWED, REVIEWED, RETURNED, CORRECTED)
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
class OfficerKey:
    """Officer ids are numbered per workstation; with the workstation they name one person."""

    workstation_id: str
    officer_id: int


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


def officer_names(conn: sqlite3.Connection) -> dict[OfficerKey, str]:
    """Names of this workstation's accounts and of other workstations' officers that synced
    packages named."""
    local = local_workstation(conn)
    names = {
        OfficerKey(local, int(officer_id)): str(name)
        for officer_id, name in conn.execute("SELECT id, full_name FROM officers")
    }
    if conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_officers'"
    ).fetchone():
        for workstation, officer_id, name in conn.execute(
            "SELECT workstation_id, officer_id, full_name FROM sync_officers"
        ):
            names.setdefault(OfficerKey(str(workstation), int(officer_id)), str(name))
    return names


def local_workstation(conn: sqlite3.Connection) -> str:
    """This workstation's id (officer ids in `officers` are numbered here)."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (WORKSTATION_ID,)).fetchone()
    return str(json.loads(row[0])) if row else ""


def _name(names: dict[OfficerKey, str], workstation: str, officer_id: int | None) -> str:
    if officer_id is None:
        return "-"
    return names.get(OfficerKey(workstation, int(officer_id)), f"#{officer_id}")


# The newest mark on interview `i`: marks of a later revision come after those of an earlier
# one; within a revision, by time made, then by arrival here. Marks come from several
# workstations by sync packages, so the local row number alone is no order.
NEWEST_REVIEW_ID = (
    "(SELECT r2.id FROM reviews r2 WHERE r2.interview_uuid = i.uuid"
    " ORDER BY r2.revision DESC, r2.at DESC, r2.id DESC LIMIT 1)"
)

_LIST_SQL = (
    "SELECT i.uuid, i.ref_no, i.created_at, i.completed_at, i.workstation_id, i.officer_id,"
    " i.full_name, coalesce(i.chosen_outcome, i.suggested_outcome), i.score, i.hard_flag,"
    " (SELECT a.value FROM answers a WHERE a.interview_uuid = i.uuid AND a.question_id = ?),"
    " (SELECT count(*) FROM flags f WHERE f.interview_uuid = i.uuid),"
    " i.revision, r.action, r.revision, r.comment"
    " FROM interviews i"
    f" LEFT JOIN reviews r ON r.id = {NEWEST_REVIEW_ID}"
    " WHERE i.status = 'completed'"
)

# SQL for each review state over the joined latest review `r`; constant strings only.
_STATE_SQL = {
    UNREVIEWED: "r.id IS NULL",
    REVIEWED: "r.action = 'reviewed'",
    RETURNED: "r.action = 'returned' AND r.revision = i.revision",
    CORRECTED: "r.action = 'returned' AND r.revision < i.revision",
}


def _state(action: str | None, reviewed_revision: int | None, revision: int) -> str:
    if action is None:
        return UNREVIEWED
    if action == "reviewed":
        return REVIEWED
    return RETURNED if reviewed_revision == revision else CORRECTED


class ReviewDesk:
    def __init__(self, session: SupervisorSession, tz: tzinfo | None = None) -> None:
        self._session = session
        self._tz = tz
        session.require()
        self._interviews = InterviewRepository(session.database, session.audit, session.clock)

    def officers(self) -> list[OfficerChoice]:
        """The officers who completed interviews here, for the filter."""
        self._session.require()
        conn = self._session.database.conn
        names = officer_names(conn)
        rows = conn.execute(
            "SELECT DISTINCT workstation_id, officer_id FROM interviews"
            " WHERE status = 'completed' AND officer_id IS NOT NULL"
        )
        choices = [OfficerChoice(OfficerKey(w, int(o)), _name(names, w, int(o))) for w, o in rows]
        return sorted(choices, key=lambda c: c.name.casefold())

    def flag_rules(self) -> list[tuple[str, str, str]]:
        """(rule id, reason id, reason en) of flags that fired in completed interviews."""
        self._session.require()
        return [
            (str(r), str(i), str(e))
            for r, i, e in self._session.database.conn.execute(
                "SELECT f.rule_id, max(f.reason_id), max(f.reason_en) FROM flags f"
                " JOIN interviews i ON i.uuid = f.interview_uuid WHERE i.status = 'completed'"
                " GROUP BY f.rule_id ORDER BY f.rule_id"
            )
        ]

    def destinations(self) -> list[str]:
        self._session.require()
        rows = self._session.database.conn.execute(
            "SELECT DISTINCT a.value FROM answers a JOIN interviews i ON i.uuid = a.interview_uuid"
            " WHERE a.question_id = ? AND i.status = 'completed'",
            (DESTINATION_QUESTION,),
        )
        return sorted({str(json.loads(value)) for (value,) in rows})

    def list(self, filters: ReviewFilter | None = None) -> list[ReviewRow]:
        """Completed interviews, newest first, with their latest review state."""
        self._session.require()
        f = filters or ReviewFilter()
        sql = _LIST_SQL
        params: list[Any] = [DESTINATION_QUESTION]
        start, end = local_bounds(f.date_from, f.date_to, self._tz)
        if start is not None:
            sql += " AND i.created_at >= ?"
            params.append(start)
        if end is not None:
            sql += " AND i.created_at < ?"
            params.append(end)
        if f.officer is not None:
            sql += " AND i.workstation_id = ? AND i.officer_id = ?"
            params += [f.officer.workstation_id, f.officer.officer_id]
        if f.outcome:
            sql += " AND coalesce(i.chosen_outcome, i.suggested_outcome) = ?"
            params.append(f.outcome)
        if f.flag_rule_id:
            sql += " AND EXISTS (SELECT 1 FROM flags f WHERE f.interview_uuid = i.uuid AND f.rule_id = ?)"
            params.append(f.flag_rule_id)
        if f.destination:
            sql += (
                " AND EXISTS (SELECT 1 FROM answers d WHERE d.interview_uuid = i.uuid"
                " AND d.question_id = ? AND d.value = ?)"
            )
            params += [DESTINATION_QUESTION, json.dumps(f.destination)]
        if f.review_state:
            if f.review_state not in _STATE_SQL:
                raise ValueError(f"unknown review state {f.review_state!r}")
            sql += " AND " + _STATE_SQL[f.review_state]
        sql += " ORDER BY i.created_at DESC LIMIT ?"
        params.append(int(f.limit))
        conn = self._session.database.conn
        names = officer_names(conn)
        rows = []
        for (
            uuid,
            ref_no,
            created,
            completed,
            workstation,
            officer_id,
            full_name,
            outcome,
            score,
            hard,
            destination,
            flag_count,
            revision,
            action,
            reviewed_rev,
            comment,
        ) in conn.execute(sql, params):
            rows.append(
                ReviewRow(
                    uuid,
                    ref_no,
                    created,
                    completed,
                    _name(names, workstation, officer_id),
                    full_name,
                    outcome,
                    score,
                    bool(hard),
                    None if destination is None else str(json.loads(destination)),
                    int(flag_count),
                    int(revision),
                    _state(action, reviewed_rev, revision),
                    comment,
                )
            )
        return rows

    def history(self, uuid: str) -> builtins.list[ReviewEntry]:
        self._session.require()
        conn = self._session.database.conn
        names = officer_names(conn)
        return [
            ReviewEntry(action, int(revision), comment, _name(names, workstation, by), at)
            for action, revision, comment, workstation, by, at in conn.execute(
                "SELECT action, revision, comment, workstation_id, by_officer, at FROM reviews"
                " WHERE interview_uuid = ? ORDER BY revision, at, id",
                (uuid,),
            )
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
        names = officer_names(self._session.database.conn)
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
        with self._session.database.transaction() as conn:
            conn.execute(
                "INSERT INTO reviews (uuid, interview_uuid, revision, action, comment,"
                " workstation_id, by_officer, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    str(uuid_module.uuid4()),
                    record.uuid,
                    record.revision,
                    action,
                    comment,
                    local_workstation(conn),
                    self._session.officer_id,
                    to_iso(self._session.clock()),
                ),
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
    conn = database.conn
    local = local_workstation(conn)
    names = officer_names(conn)
    rows = conn.execute(
        "SELECT i.uuid, i.ref_no, i.created_at, r.comment, r.at, r.workstation_id, r.by_officer"
        f" FROM interviews i JOIN reviews r ON r.id = {NEWEST_REVIEW_ID}"
        " WHERE i.status = 'completed' AND i.officer_id = ? AND i.workstation_id = ?"
        " AND r.action = 'returned' AND r.revision = i.revision"
        " ORDER BY r.at DESC, r.id DESC",
        (int(officer_id), local),
    )
    return [
        ReturnedInterview(uuid, ref_no, created, comment or "", at, _name(names, station, by))
        for uuid, ref_no, created, comment, at, station, by in rows
    ]
