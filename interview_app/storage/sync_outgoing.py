"""What an export sends (the selection, its size, its rows) and what each destination has."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from interview_app.storage.database import Database
from interview_app.storage.sqlerrors import translate_sqlite_errors
from interview_app.storage.sync_conflicts import RESOLUTION_FIELDS, Resolution
from interview_app.storage.sync_records import (
    CHAIN_ENTRY_FIELDS,
    FOLLOW_UP_STEP_FIELDS,
    REVIEW_MARK_FIELDS,
    ChainEntry,
    FollowUpStep,
    ReviewMark,
    columns_sql,
    named_records,
    quote_identifier,
    row_dicts,
    table_info,
)

EXPORTED_STATUSES = ("completed", "voided")  # drafts stay on the counter that is taking them
# Related rows as JSON built by SQLite: text and integers only, so nothing is rounded (flags
# carry a REAL weight and are read in Python instead). Named apart from any interview column.
_RELATED = (
    "(SELECT count(*) FROM answers a WHERE a.interview_uuid = i.uuid) AS sync_answer_count,"
    " (SELECT json_group_array(json_array(a.question_id, a.value, a.answered_at))"
    "  FROM answers a WHERE a.interview_uuid = i.uuid) AS sync_answers,"
    " (SELECT count(*) FROM flags f WHERE f.interview_uuid = i.uuid) AS sync_flag_count,"
    " (SELECT count(*) FROM interview_revisions r WHERE r.interview_uuid = i.uuid)"
    "  AS sync_revision_count,"
    " (SELECT json_group_array(json_array(r.revision, r.snapshot, r.reason, r.revised_by,"
    "  r.revised_at)) FROM interview_revisions r WHERE r.interview_uuid = i.uuid)"
    "  AS sync_revisions"
)
_RELATED_NAMES = (
    "sync_answer_count",
    "sync_answers",
    "sync_flag_count",
    "sync_revision_count",
    "sync_revisions",
)
# A flag travels as this list, in this order.
_FLAGS = (
    "SELECT rule_id, position, weight, hard, reason_id, reason_en FROM flags"
    " WHERE interview_uuid = ? ORDER BY position"
)


@dataclass(frozen=True)
class Part:
    """The WHERE clause (over this module's own table alias) and its parameters."""

    where: str
    params: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Selection:
    """What goes out: completed and voided interviews, review marks, referral follow-up steps
    and conflict settlements; for an incremental export only what `destination` lacks."""

    interviews: Part
    reviews: Part
    referrals: Part
    resolutions: Part


@dataclass(frozen=True)
class PartSize:
    count: int
    max_body_bytes: int  # an upper estimate of the lines before compression


@dataclass(frozen=True)
class SelectionSize:
    interviews: PartSize
    reviews: PartSize
    referrals: PartSize
    resolutions: PartSize

    @property
    def empty(self) -> bool:
        parts = (self.interviews, self.reviews, self.referrals, self.resolutions)
        return not any(part.count for part in parts)

    @property
    def max_body_bytes(self) -> int:
        parts = (self.interviews, self.reviews, self.referrals, self.resolutions)
        return sum(part.max_body_bytes for part in parts)


# A review mark's, follow-up step's and settlement's line at most, from the stored lengths.
_PART_SIZE_SQL = {
    "reviews": "SELECT count(*) AS count, total(coalesce(length(CAST(r.comment AS BLOB)), 4)"
    " * 2 + length(CAST(r.workstation_id AS BLOB)) + 400) AS bytes FROM reviews r",
    "referrals": "SELECT count(*) AS count, total(coalesce(length(CAST(f.complaint_no AS BLOB)),"
    " 4) * 2 + length(CAST(f.workstation_id AS BLOB)) + 400) AS bytes FROM referral_steps f",
    "resolutions": "SELECT count(*) AS count, total(length(CAST(c.kept_version AS BLOB)) * 2"
    " + length(CAST(c.reason AS BLOB)) * 2 + 600) AS bytes FROM sync_resolutions c",
}


@dataclass(frozen=True, slots=True)
class OutgoingInterview:
    """One interview with what travels with it. Answers and revisions come as the JSON text
    SQLite builds ([question id, value, answered at] and [revision, snapshot, reason, revised
    by, revised at] lists); a flag as [rule id, position, weight, hard, reason id, reason en]."""

    row: dict[str, Any]
    answer_count: int
    answers_json: str
    flags: list[list[Any]]
    revision_count: int
    revisions_json: str
    slips: list[dict[str, Any]]


@dataclass(frozen=True)
class ScriptSource:
    hash: str
    id: str
    version: int
    source: str


@dataclass(frozen=True)
class OfficerName:
    username: str
    full_name: str
    nip: str | None
    role: str


class Outgoing:
    """Reads for an export (run them inside read_snapshot()); remember_sent() afterwards."""

    def __init__(self, database: Database) -> None:
        self._database = database

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._database.conn

    @contextmanager
    def read_snapshot(self) -> Iterator[None]:
        """One read transaction for everything that goes into a package; nothing is written."""
        conn = self._conn
        with translate_sqlite_errors():
            conn.execute("BEGIN")
            try:
                yield
            finally:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")

    def _columns(self, table: str) -> list[str]:
        return [str(column["name"]) for column in table_info(self._conn, table)]

    # -- the selection and its size ---------------------------------------------------------

    def select(self, destination: str | None) -> Selection:
        """Everything (`destination` None), or what `destination` has not got yet: interviews
        not sent there with the same content, marks, steps and settlements not sent there."""
        interviews = Part(
            "i.status IN (?, ?) AND i.content_hash IS NOT NULL", tuple(EXPORTED_STATUSES)
        )
        if destination is None:
            return Selection(interviews, Part("1"), Part("1"), Part("1"))
        return Selection(
            Part(
                interviews.where + " AND NOT EXISTS (SELECT 1 FROM sync_sent s"
                " WHERE s.destination = ? AND s.uuid = i.uuid"
                " AND s.content_hash = i.content_hash)",
                (*interviews.params, destination),
            ),
            Part(
                "NOT EXISTS (SELECT 1 FROM sync_sent_reviews s WHERE s.destination = ?"
                " AND s.review_uuid = r.uuid)",
                (destination,),
            ),
            Part(
                "NOT EXISTS (SELECT 1 FROM sync_sent_referrals s WHERE s.destination = ?"
                " AND s.step_uuid = f.uuid)",
                (destination,),
            ),
            Part(
                "NOT EXISTS (SELECT 1 FROM sync_sent_resolutions s WHERE s.destination = ?"
                " AND s.resolution_uuid = c.uuid)",
                (destination,),
            ),
        )

    def size(self, selection: Selection) -> SelectionSize:
        """How many of each part go out, and an upper estimate of their lines' bytes."""
        return SelectionSize(
            self._interviews_size(selection.interviews),
            *(
                self._size(f"{_PART_SIZE_SQL[name]} WHERE {part.where}", part.params)
                for name, part in (
                    ("reviews", selection.reviews),
                    ("referrals", selection.referrals),
                    ("resolutions", selection.resolutions),
                )
            ),
        )

    def _interviews_size(self, part: Part) -> PartSize:
        """From the stored byte lengths: the interviews' columns, their answers, flags,
        revisions, audit entries and slips."""
        where, params = part.where, list(part.params)
        row_bytes = " + ".join(
            f"coalesce(length(CAST(i.{quote_identifier(c)} AS BLOB)), 4) + 8"
            for c in self._columns("interviews")
        )
        own = self._size(
            f"SELECT count(*) AS count, total({row_bytes}) AS bytes FROM interviews i"
            f" WHERE {where}",
            params,
        )
        related = self._size(
            "SELECT 0 AS count,"
            " (SELECT total(length(CAST(a.question_id AS BLOB)) + length(CAST(a.value AS BLOB))"
            "  + 48) FROM answers a JOIN interviews i ON i.uuid = a.interview_uuid"
            f"  WHERE {where})"
            " + (SELECT total(length(CAST(f.rule_id AS BLOB)) + length(CAST(f.reason_id AS BLOB))"
            "  + length(CAST(f.reason_en AS BLOB)) + 64) FROM flags f"
            f"  JOIN interviews i ON i.uuid = f.interview_uuid WHERE {where})"
            " + (SELECT total(length(CAST(r.snapshot AS BLOB)) + length(CAST(r.reason AS BLOB))"
            "  + 64) FROM interview_revisions r JOIN interviews i ON i.uuid = r.interview_uuid"
            f"  WHERE {where})"
            " + (SELECT total(length(CAST(details AS BLOB)) + 400) FROM audit_log"
            "  WHERE object_type = 'interview') AS bytes",
            params * 3,
        )
        total = float(own.max_body_bytes) + float(related.max_body_bytes)
        slip_columns = self._columns("slips")
        if slip_columns:
            slip_bytes = " + ".join(
                f"coalesce(length(CAST({quote_identifier(c)} AS BLOB)), 4) * 2 + 8"
                for c in slip_columns
            )
            slips = self._size(f"SELECT 0 AS count, total({slip_bytes}) AS bytes FROM slips")
            total += float(slips.max_body_bytes)
        # JSON text inside JSON strings (answer values, snapshots) gains escapes; keep a margin.
        return PartSize(own.count, int(total * 1.3) + 64 * own.count + 64 * 1024)

    def _size(self, sql: str, params: Sequence[Any] = ()) -> PartSize:
        """A query's `count` and `bytes` columns (bytes summed with total(): a float)."""
        row = next(row_dicts(self._conn.execute(sql, params)))
        return PartSize(int(row["count"]), int(row["bytes"]))

    # -- the rows ---------------------------------------------------------------------------

    def interviews(self, selection: Selection) -> Iterator[OutgoingInterview]:
        """The selected interviews in the order they were stored here."""
        part = selection.interviews
        return self._interviews(part.where, part.params, self._slips())

    def interview(self, uuid: str) -> OutgoingInterview | None:
        """One interview (any status) as an export would send it."""
        return next(self._interviews("i.uuid = ?", (uuid,), self._slips(uuid)), None)

    def _interviews(
        self, where: str, params: tuple[Any, ...], slips: dict[str, list[dict[str, Any]]]
    ) -> Iterator[OutgoingInterview]:
        conn = self._conn
        cursor = conn.execute(
            f"SELECT i.*, {_RELATED} FROM interviews i WHERE {where} ORDER BY i.rowid", params
        )
        names = [column[0] for column in cursor.description]
        width = names.index(_RELATED_NAMES[0])
        interview_names = names[:width]
        at = {name: names.index(name) for name in _RELATED_NAMES}
        answer_count, answers, flag_count, revision_count, revisions = (
            at[name] for name in _RELATED_NAMES
        )
        for row in cursor:
            interview = dict(zip(interview_names, row[:width], strict=True))
            uuid = interview["uuid"]
            flags = [list(f) for f in conn.execute(_FLAGS, (uuid,))] if row[flag_count] else []
            yield OutgoingInterview(
                row=interview,
                answer_count=row[answer_count],
                answers_json=row[answers],
                flags=flags,
                revision_count=row[revision_count],
                revisions_json=row[revisions],
                slips=slips.get(uuid, []),
            )

    def _slips(self, uuid: str | None = None) -> dict[str, list[dict[str, Any]]]:
        """Slip rows by interview (of one interview, or all), when the slips table has them."""
        by_uuid: dict[str, list[dict[str, Any]]] = {}
        if "interview_uuid" not in self._columns("slips"):
            return by_uuid
        if uuid is None:
            cursor = self._conn.execute("SELECT * FROM slips")
        else:
            cursor = self._conn.execute("SELECT * FROM slips WHERE interview_uuid = ?", (uuid,))
        for record in row_dicts(cursor):
            by_uuid.setdefault(str(record["interview_uuid"]), []).append(record)
        return by_uuid

    def reviews(self, selection: Selection) -> Iterator[ReviewMark]:
        """The selected review marks, made here or relayed, in the order they were stored."""
        part = selection.reviews
        cursor = self._conn.execute(
            f"SELECT {columns_sql(REVIEW_MARK_FIELDS, 'r')} FROM reviews r WHERE {part.where}"
            " ORDER BY r.id",
            part.params,
        )
        return named_records(cursor, ReviewMark)

    def referral_steps(self, selection: Selection) -> Iterator[FollowUpStep]:
        """The selected follow-up steps, recorded here or relayed, in the order stored."""
        part = selection.referrals
        cursor = self._conn.execute(
            f"SELECT {columns_sql(FOLLOW_UP_STEP_FIELDS, 'f')} FROM referral_steps f"
            f" WHERE {part.where} ORDER BY f.id",
            part.params,
        )
        return named_records(cursor, FollowUpStep)

    def resolutions(self, selection: Selection) -> Iterator[Resolution]:
        """The selected settlements, made here or relayed, oldest first."""
        part = selection.resolutions
        cursor = self._conn.execute(
            f"SELECT {columns_sql(RESOLUTION_FIELDS, 'c')} FROM sync_resolutions c"
            f" WHERE {part.where} ORDER BY c.at, c.uuid",
            part.params,
        )
        return named_records(cursor, Resolution)

    def script(self, digest: str) -> ScriptSource | None:
        cursor = self._conn.execute(
            "SELECT hash, id, version, source FROM questionnaires WHERE hash = ?", (digest,)
        )
        return next(named_records(cursor, ScriptSource), None)

    def referenced_officers(self, selection: Selection) -> set[tuple[str, int]]:
        """(workstation id, officer id) of the deciding officer and of every reviser of the
        selected interviews."""
        part = selection.interviews
        cursor = self._conn.execute(
            f"SELECT i.workstation_id AS workstation, i.officer_id AS officer"
            f" FROM interviews i WHERE {part.where} AND i.officer_id IS NOT NULL"
            " UNION SELECT i.workstation_id, r.revised_by FROM interview_revisions r"
            f" JOIN interviews i ON i.uuid = r.interview_uuid WHERE {part.where}"
            " AND r.revised_by IS NOT NULL",
            part.params * 2,
        )
        return {(str(r["workstation"]), int(r["officer"])) for r in row_dicts(cursor)}

    def officer(self, officer_id: int) -> OfficerName | None:
        """An officer of this workstation, by the names that travel (never the password)."""
        cursor = self._conn.execute(
            "SELECT username, full_name, nip, role FROM officers WHERE id = ?", (officer_id,)
        )
        return next(named_records(cursor, OfficerName), None)

    def audit_about_interviews(self) -> Iterator[ChainEntry]:
        """This workstation's audit entries about interviews, in chain order."""
        cursor = self._conn.execute(
            f"SELECT {columns_sql(CHAIN_ENTRY_FIELDS)} FROM audit_log"
            " WHERE object_type = 'interview' ORDER BY seq"
        )
        return named_records(cursor, ChainEntry)

    # -- after the package is in place ------------------------------------------------------

    def remember_sent(
        self,
        destination: str,
        *,
        interviews: Sequence[tuple[str, str]],
        reviews: Sequence[tuple[str, str]] = (),
        referrals: Sequence[tuple[str, str]] = (),
        resolutions: Sequence[tuple[str, str]] = (),
    ) -> None:
        """What `destination` now has: interviews as (uuid, content hash); marks, steps and
        settlements as (uuid, interview uuid). Joins the caller's transaction."""
        conn = self._conn
        conn.executemany(
            "INSERT INTO sync_sent (destination, uuid, content_hash) VALUES (?, ?, ?)"
            " ON CONFLICT (destination, uuid) DO UPDATE SET content_hash = excluded.content_hash",
            [(destination, uuid, digest) for uuid, digest in interviews],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO sync_sent_reviews (destination, review_uuid, interview_uuid)"
            " VALUES (?, ?, ?)",
            [(destination, review, interview) for review, interview in reviews],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO sync_sent_referrals (destination, step_uuid, interview_uuid)"
            " VALUES (?, ?, ?)",
            [(destination, step, interview) for step, interview in referrals],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO sync_sent_resolutions (destination, resolution_uuid,"
            " interview_uuid) VALUES (?, ?, ?)",
            [(destination, uuid, interview) for uuid, interview in resolutions],
        )
