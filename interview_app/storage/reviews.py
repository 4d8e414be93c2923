"""Supervisors' review marks on completed interviews, and the review list's look-ups."""

from __future__ import annotations

import json
import sqlite3
import uuid as uuid_module
from dataclasses import dataclass
from typing import Any

from interview_app.storage.database import Database
from interview_app.storage.officer_names import OfficerKey
from interview_app.storage.rows import named_rows
from interview_app.storage.sync_records import ReviewMark

# Review states a completed interview can have, by its newest mark.
UNREVIEWED = "unreviewed"
REVIEWED = "reviewed"
RETURNED = "returned"
CORRECTED = "corrected"  # returned, then corrected by the officer (a newer revision)
REVIEW_STATES = (UNREVIEWED, REVIEWED, RETURNED, CORRECTED)

# The newest mark on interview `i`: marks of a later revision come after those of an earlier
# one; within a revision, by time made, then by arrival here. Marks come from several
# workstations by sync packages, so the local row number alone is no order.
_NEWEST_REVIEW_ID = (
    "(SELECT r2.id FROM reviews r2 WHERE r2.interview_uuid = i.uuid"
    " ORDER BY r2.revision DESC, r2.at DESC, r2.id DESC LIMIT 1)"
)

_LIST_SQL = (
    "SELECT i.uuid, i.ref_no, i.created_at, i.completed_at, i.workstation_id, i.officer_id,"
    " i.full_name, coalesce(i.chosen_outcome, i.suggested_outcome) AS outcome, i.score,"
    " i.hard_flag,"
    " (SELECT a.value FROM answers a WHERE a.interview_uuid = i.uuid AND a.question_id = ?)"
    " AS destination,"
    " (SELECT count(*) FROM flags f WHERE f.interview_uuid = i.uuid) AS flag_count,"
    " i.revision, r.action AS review_action, r.revision AS reviewed_revision,"
    " r.comment AS review_comment"
    " FROM interviews i"
    f" LEFT JOIN reviews r ON r.id = {_NEWEST_REVIEW_ID}"
    " WHERE i.status = 'completed'"
)

# SQL for each review state over the joined newest mark `r`; constant strings only.
_STATE_SQL = {
    UNREVIEWED: "r.id IS NULL",
    REVIEWED: "r.action = 'reviewed'",
    RETURNED: "r.action = 'returned' AND r.revision = i.revision",
    CORRECTED: "r.action = 'returned' AND r.revision < i.revision",
}


def review_state(action: str | None, reviewed_revision: int | None, revision: int) -> str:
    if action is None:
        return UNREVIEWED
    if action == REVIEWED:
        return REVIEWED
    return RETURNED if reviewed_revision == revision else CORRECTED


@dataclass(frozen=True)
class CompletedQuery:
    """Which completed interviews the review list shows: stored-time bounds on `created_at`
    ([start, end)), and the answer that holds the destination."""

    destination_question: str
    start: str | None = None
    end: str | None = None
    officer: OfficerKey | None = None
    outcome: str | None = None
    flag_rule_id: str | None = None
    destination: str | None = None
    review_state: str | None = None
    limit: int = 500


@dataclass(frozen=True)
class CompletedInterview:
    """A completed interview as the review list shows it, with its newest mark."""

    uuid: str
    ref_no: str
    created_at: str
    completed_at: str | None
    workstation_id: str
    officer_id: int | None
    full_name: str | None
    outcome: str | None
    score: float | None
    hard_flag: bool
    destination: str | None
    flag_count: int
    revision: int
    review_action: str | None
    reviewed_revision: int | None
    review_comment: str | None

    @property
    def review_state(self) -> str:
        return review_state(self.review_action, self.reviewed_revision, self.revision)


@dataclass(frozen=True)
class ReturnedMark:
    """A completed interview whose newest mark returns its current revision."""

    uuid: str
    ref_no: str
    created_at: str
    comment: str
    at: str
    workstation_id: str
    by_officer: int


@dataclass(frozen=True)
class FiredRule:
    """A rule that flagged completed interviews, with its reason in both languages."""

    rule_id: str
    reason_id: str
    reason_en: str


def _decoded(value: str | None) -> str | None:
    return None if value is None else str(json.loads(value))


class ReviewMarks:
    """The `reviews` table, and the completed interviews as the review desk lists them."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def add(
        self,
        *,
        interview_uuid: str,
        revision: int,
        action: str,
        comment: str | None,
        workstation_id: str,
        by_officer: int,
        at: str,
    ) -> ReviewMark:
        """A new mark (in the caller's transaction when one is open); never changed later."""
        mark = ReviewMark(
            str(uuid_module.uuid4()),
            interview_uuid,
            revision,
            action,
            comment,
            workstation_id,
            by_officer,
            at,
        )
        with self._database.transaction() as conn:
            conn.execute(
                "INSERT INTO reviews (uuid, interview_uuid, revision, action, comment,"
                " workstation_id, by_officer, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    mark.uuid,
                    mark.interview_uuid,
                    mark.revision,
                    mark.action,
                    mark.comment,
                    mark.workstation_id,
                    mark.by_officer,
                    mark.at,
                ),
            )
        return mark

    def by_uuid(self, mark_uuid: str) -> ReviewMark | None:
        rows = list(
            named_rows(
                self._database.conn,
                "SELECT uuid, interview_uuid, revision, action, comment, workstation_id,"
                " by_officer, at FROM reviews WHERE uuid = ?",
                (mark_uuid,),
            )
        )
        return _mark(rows[0]) if rows else None

    def of_interview(self, interview_uuid: str) -> list[ReviewMark]:
        """Oldest first: by revision, time made, arrival here."""
        rows = named_rows(
            self._database.conn,
            "SELECT uuid, interview_uuid, revision, action, comment, workstation_id,"
            " by_officer, at FROM reviews WHERE interview_uuid = ? ORDER BY revision, at, id",
            (interview_uuid,),
        )
        return [_mark(row) for row in rows]

    def completed(self, query: CompletedQuery) -> list[CompletedInterview]:
        """Completed interviews, newest first, with their newest mark."""
        sql = _LIST_SQL
        params: list[Any] = [query.destination_question]
        if query.start is not None:
            sql += " AND i.created_at >= ?"
            params.append(query.start)
        if query.end is not None:
            sql += " AND i.created_at < ?"
            params.append(query.end)
        if query.officer is not None:
            sql += " AND i.workstation_id = ? AND i.officer_id = ?"
            params += [query.officer.workstation_id, query.officer.officer_id]
        if query.outcome:
            sql += " AND coalesce(i.chosen_outcome, i.suggested_outcome) = ?"
            params.append(query.outcome)
        if query.flag_rule_id:
            sql += (
                " AND EXISTS (SELECT 1 FROM flags f WHERE f.interview_uuid = i.uuid"
                " AND f.rule_id = ?)"
            )
            params.append(query.flag_rule_id)
        if query.destination:
            sql += (
                " AND EXISTS (SELECT 1 FROM answers d WHERE d.interview_uuid = i.uuid"
                " AND d.question_id = ? AND d.value = ?)"
            )
            params += [query.destination_question, json.dumps(query.destination)]
        if query.review_state:
            if query.review_state not in _STATE_SQL:
                raise ValueError(f"unknown review state {query.review_state!r}")
            sql += " AND " + _STATE_SQL[query.review_state]
        sql += " ORDER BY i.created_at DESC LIMIT ?"
        params.append(int(query.limit))
        return [
            CompletedInterview(
                uuid=row["uuid"],
                ref_no=row["ref_no"],
                created_at=row["created_at"],
                completed_at=row["completed_at"],
                workstation_id=row["workstation_id"],
                officer_id=row["officer_id"],
                full_name=row["full_name"],
                outcome=row["outcome"],
                score=row["score"],
                hard_flag=bool(row["hard_flag"]),
                destination=_decoded(row["destination"]),
                flag_count=int(row["flag_count"]),
                revision=int(row["revision"]),
                review_action=row["review_action"],
                reviewed_revision=row["reviewed_revision"],
                review_comment=row["review_comment"],
            )
            for row in named_rows(self._database.conn, sql, params)
        ]

    def returned(self, officer_id: int, workstation_id: str) -> list[ReturnedMark]:
        """The interviews of `officer_id` taken at `workstation_id` whose newest mark returns
        their current revision (not corrected yet), newest return first."""
        rows = named_rows(
            self._database.conn,
            "SELECT i.uuid, i.ref_no, i.created_at, r.comment, r.at, r.workstation_id,"
            f" r.by_officer FROM interviews i JOIN reviews r ON r.id = {_NEWEST_REVIEW_ID}"
            " WHERE i.status = 'completed' AND i.officer_id = ? AND i.workstation_id = ?"
            " AND r.action = 'returned' AND r.revision = i.revision"
            " ORDER BY r.at DESC, r.id DESC",
            (int(officer_id), workstation_id),
        )
        return [
            ReturnedMark(
                uuid=row["uuid"],
                ref_no=row["ref_no"],
                created_at=row["created_at"],
                comment=row["comment"] or "",
                at=row["at"],
                workstation_id=row["workstation_id"],
                by_officer=int(row["by_officer"]),
            )
            for row in rows
        ]

    def completed_officers(self) -> list[OfficerKey]:
        """The officers who completed interviews (as stored here)."""
        rows = named_rows(
            self._database.conn,
            "SELECT DISTINCT workstation_id, officer_id FROM interviews"
            " WHERE status = 'completed' AND officer_id IS NOT NULL",
        )
        return [OfficerKey(str(row["workstation_id"]), int(row["officer_id"])) for row in rows]

    def completed_flag_rules(self) -> list[FiredRule]:
        """The rules that flagged completed interviews, by rule id."""
        rows = named_rows(
            self._database.conn,
            "SELECT f.rule_id, max(f.reason_id) AS reason_id, max(f.reason_en) AS reason_en"
            " FROM flags f JOIN interviews i ON i.uuid = f.interview_uuid"
            " WHERE i.status = 'completed' GROUP BY f.rule_id ORDER BY f.rule_id",
        )
        return [
            FiredRule(str(row["rule_id"]), str(row["reason_id"]), str(row["reason_en"]))
            for row in rows
        ]

    def completed_answers(self, question_id: str) -> set[str]:
        """The distinct answers to `question_id` (a single value: a destination) among the
        completed interviews."""
        rows = named_rows(
            self._database.conn,
            "SELECT DISTINCT a.value FROM answers a JOIN interviews i ON i.uuid = a.interview_uuid"
            " WHERE a.question_id = ? AND i.status = 'completed'",
            (question_id,),
        )
        return {str(json.loads(row["value"])) for row in rows}


def _mark(row: sqlite3.Row) -> ReviewMark:
    return ReviewMark(
        uuid=row["uuid"],
        interview_uuid=row["interview_uuid"],
        revision=int(row["revision"]),
        action=row["action"],
        comment=row["comment"],
        workstation_id=row["workstation_id"],
        by_officer=int(row["by_officer"]),
        at=row["at"],
    )
