"""What an import writes: other workstations' interviews with their answers, flags, revisions
and slips, review marks, referral follow-up steps, scripts, and the reference counters."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from interview_app.storage.database import Database
from interview_app.storage.sqlerrors import INTEGRITY_ERRORS, INTERFACE_ERRORS, PROGRAMMING_ERRORS
from interview_app.storage.sync_records import (
    FOLLOW_UP_STEP_FIELDS,
    REVIEW_MARK_FIELDS,
    FollowUpStep,
    ReviewMark,
    columns_sql,
    named_records,
    quote_identifier,
    row_dicts,
    table_info,
)

_REVIEW_COLUMNS = columns_sql(REVIEW_MARK_FIELDS)
_REVIEW_MARKS = ", ".join("?" for _ in REVIEW_MARK_FIELDS)
_REVIEW_SETS = ", ".join(f"{name} = ?" for name in REVIEW_MARK_FIELDS[1:])
_STEP_COLUMNS = columns_sql(FOLLOW_UP_STEP_FIELDS)
_STEP_MARKS = ", ".join("?" for _ in FOLLOW_UP_STEP_FIELDS)
_HELD = "SELECT uuid, revision, content_hash, workstation_id, ref_no FROM interviews"


class RowRefused(Exception):
    """SQLite refused a row from a package (a constraint, a type, a number out of range).
    The package passed authentication with the office key, so it was made wrongly or forged:
    the caller refuses the whole package."""


# What SQLite (or the driver) raises for a row it cannot take: a constraint, a value of a type
# it does not bind, an integer out of range.
# Either driver's (sqlcipher3 on an encrypted database).
_REFUSALS = INTEGRITY_ERRORS + PROGRAMMING_ERRORS + INTERFACE_ERRORS + (OverflowError,)


@dataclass(frozen=True, slots=True)
class HeldInterview:
    """The version of an interview held here."""

    uuid: str
    revision: int
    content_hash: str | None
    workstation_id: str
    ref_no: str


@dataclass(frozen=True)
class InterviewVersion:
    """An interview as held here with its answers ([question id, value, answered at]) and flags
    ([rule id, position, weight, hard, reason id, reason en], by position)."""

    row: dict[str, Any]
    answers: list[list[Any]]
    flags: list[list[Any]]


class IncomingRecords:
    """Look-ups an import decides by, and its writes (inside the import's transaction)."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self._sql: dict[tuple[str, tuple[str, ...]], str] = {}

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._database.conn

    @cached_property
    def interview_columns(self) -> frozenset[str]:
        return frozenset(str(c["name"]) for c in table_info(self._conn, "interviews"))

    @cached_property
    def slip_columns(self) -> frozenset[str]:
        """The slips columns worth copying: all but an INTEGER PRIMARY KEY (a local row
        number); empty when there is no slips table."""
        info = table_info(self._conn, "slips")
        keys = [c for c in info if c["pk"]]
        alias = None
        if len(keys) == 1 and str(keys[0]["type"]).upper() == "INTEGER":
            alias = keys[0]["name"]
        return frozenset(str(c["name"]) for c in info if c["name"] != alias)

    # -- look-ups ---------------------------------------------------------------------------

    def held(self, uuid: str) -> HeldInterview | None:
        cursor = self._conn.execute(f"{_HELD} WHERE uuid = ?", (uuid,))
        return next(named_records(cursor, HeldInterview), None)

    def ref_no_holder(self, ref_no: str, other_than: str) -> HeldInterview | None:
        """Another interview here with this reference number."""
        cursor = self._conn.execute(f"{_HELD} WHERE ref_no = ? AND uuid <> ?", (ref_no, other_than))
        return next(named_records(cursor, HeldInterview), None)

    def interview_here(self, uuid: str) -> bool:
        row = self._conn.execute("SELECT 1 FROM interviews WHERE uuid = ?", (uuid,)).fetchone()
        return row is not None

    def version(self, uuid: str) -> InterviewVersion | None:
        cursor = self._conn.execute("SELECT * FROM interviews WHERE uuid = ?", (uuid,))
        row = next(row_dicts(cursor), None)
        if row is None:
            return None
        answers = self._conn.execute(
            "SELECT question_id, value, answered_at FROM answers WHERE interview_uuid = ?",
            (uuid,),
        )
        flags = self._conn.execute(
            "SELECT rule_id, position, weight, hard, reason_id, reason_en FROM flags"
            " WHERE interview_uuid = ? ORDER BY position",
            (uuid,),
        )
        return InterviewVersion(row, [list(a) for a in answers], [list(f) for f in flags])

    def review_mark(self, uuid: str) -> ReviewMark | None:
        cursor = self._conn.execute(
            f"SELECT {_REVIEW_COLUMNS} FROM reviews WHERE uuid = ?", (uuid,)
        )
        return next(named_records(cursor, ReviewMark), None)

    def step_recorded(self, uuid: str, interview_uuid: str, step: str) -> bool:
        """This step (by its uuid, or the same step of the same referral) is here already."""
        row = self._conn.execute(
            "SELECT 1 FROM referral_steps WHERE uuid = ? OR (interview_uuid = ? AND step = ?)",
            (uuid, interview_uuid, step),
        ).fetchone()
        return row is not None

    # -- writes -----------------------------------------------------------------------------

    def _shaped(self, kind: str, names: tuple[str, ...]) -> str:
        sql = self._sql.get((kind, names))
        if sql is None:  # built once per shape, from columns checked against the schema
            unknown = set(names) - self.interview_columns
            if unknown:
                raise RowRefused(f"unknown interview columns {sorted(unknown)}")
            if kind == "insert":
                columns = ", ".join(quote_identifier(n) for n in names)
                marks = ", ".join("?" for _ in names)
                sql = f"INSERT INTO interviews ({columns}) VALUES ({marks})"
            else:
                sets = ", ".join(f"{quote_identifier(n)} = ?" for n in names)
                sql = f"UPDATE interviews SET {sets} WHERE uuid = ?"
            self._sql[(kind, names)] = sql
        return sql

    def add_interview(self, row: Mapping[str, Any]) -> None:
        """A new interview row (its columns must be this database's)."""
        try:
            self._conn.execute(self._shaped("insert", tuple(row)), list(row.values()))
        except _REFUSALS as exc:
            raise RowRefused(str(exc)) from exc

    def replace_interview(self, row: Mapping[str, Any]) -> None:
        """A newer revision over the row here; its answers and flags go (the new ones follow)."""
        names = tuple(n for n in row if n != "uuid")
        uuid = row["uuid"]
        try:
            self._conn.execute(self._shaped("update", names), [*(row[n] for n in names), uuid])
            self._conn.execute("DELETE FROM answers WHERE interview_uuid = ?", (uuid,))
            self._conn.execute("DELETE FROM flags WHERE interview_uuid = ?", (uuid,))
        except _REFUSALS as exc:
            raise RowRefused(str(exc)) from exc

    def add_children(
        self,
        uuid: str,
        answers: Iterable[Sequence[Any]],
        flags: Iterable[Sequence[Any]],
        revisions: Iterable[Sequence[Any]],
    ) -> None:
        """An interview's answers [question id, value, answered at], flags [rule id, position,
        weight, hard, reason id, reason en] and revisions [number, snapshot, reason, revised
        by, revised at] (one here already is kept), as packages carry them: a list of another
        length raises ValueError, what is not a list TypeError."""
        conn = self._conn
        try:
            conn.executemany(
                "INSERT INTO answers (interview_uuid, question_id, value, answered_at)"
                " VALUES (?, ?, ?, ?)",
                [(uuid, q, value, at) for q, value, at in answers],
            )
            conn.executemany(
                "INSERT INTO flags (interview_uuid, rule_id, position, weight, hard, reason_id,"
                " reason_en) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(uuid, r, p, w, h, i, e) for r, p, w, h, i, e in flags],
            )
            conn.executemany(
                "INSERT OR IGNORE INTO interview_revisions (interview_uuid, revision, snapshot,"
                " reason, revised_by, revised_at) VALUES (?, ?, ?, ?, ?, ?)",
                [(uuid, n, snap, why, by, at) for n, snap, why, by, at in revisions],
            )
        except _REFUSALS as exc:
            raise RowRefused(str(exc)) from exc

    def add_slip(self, values: Mapping[str, Any]) -> None:
        """A slip row unless one with the same values is here (columns from slip_columns)."""
        names = [n for n in values if n in self.slip_columns]
        if len(names) != len(values) or not names:
            raise RowRefused("slip columns")
        params = [values[n] for n in names]
        same = " AND ".join(f"{quote_identifier(n)} IS ?" for n in names)
        try:
            if self._conn.execute(f"SELECT 1 FROM slips WHERE {same} LIMIT 1", params).fetchone():
                return
            columns = ", ".join(quote_identifier(n) for n in names)
            marks = ", ".join("?" for _ in names)
            self._conn.execute(f"INSERT OR IGNORE INTO slips ({columns}) VALUES ({marks})", params)
        except _REFUSALS as exc:
            raise RowRefused(str(exc)) from exc

    def add_review_mark(self, mark: ReviewMark) -> None:
        try:
            self._conn.execute(
                f"INSERT INTO reviews ({_REVIEW_COLUMNS}) VALUES ({_REVIEW_MARKS})", mark.values()
            )
        except _REFUSALS as exc:
            raise RowRefused(str(exc)) from exc

    def replace_review_mark(self, mark: ReviewMark) -> None:
        """Put another version of a mark (a supervisor's settlement) over the one here."""
        try:
            self._conn.execute(
                f"UPDATE reviews SET {_REVIEW_SETS} WHERE uuid = ?",
                [*mark.values()[1:], mark.uuid],
            )
        except _REFUSALS as exc:
            raise RowRefused(str(exc)) from exc

    def add_step(self, step: FollowUpStep) -> None:
        try:
            self._conn.execute(
                f"INSERT INTO referral_steps ({_STEP_COLUMNS}) VALUES ({_STEP_MARKS})",
                step.values(),
            )
        except _REFUSALS as exc:
            raise RowRefused(str(exc)) from exc

    def add_script(
        self, digest: str, script_id: str, version: int, source: str, installed_at: str
    ) -> bool:
        """Install a script the interviews refer to, inactive; True when it was new."""
        try:
            cursor = self._conn.execute(
                "INSERT OR IGNORE INTO questionnaires (hash, id, version, source, installed_at,"
                " active) VALUES (?, ?, ?, ?, ?, 0)",
                (digest, script_id, version, source, installed_at),
            )
        except _REFUSALS as exc:
            raise RowRefused(str(exc)) from exc
        return cursor.rowcount == 1

    def raise_ref_counters(self, office_code: str, highest: Mapping[int, int]) -> None:
        """Move the reference counters of `office_code` at least to `highest` (year -> last)."""
        self._conn.executemany(
            "INSERT INTO ref_counters (office_code, year, last) VALUES (?, ?, ?)"
            " ON CONFLICT (office_code, year) DO UPDATE SET last = max(last, excluded.last)",
            [(office_code, year, seq) for year, seq in sorted(highest.items())],
        )
