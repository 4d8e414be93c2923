"""Looking interviews up: one by UUID or reference number, its revisions, and the lists and
searches of the counter (NIK, passport, name prefix, today, drafts, repeat applicants,
the same recruiter)."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from interview_app.storage.clock import to_iso
from interview_app.storage.database import Database
from interview_app.storage.errors import NotFound
from interview_app.storage.interview_records import (
    INTERVIEW_COLUMNS,
    NO_RECRUITER_MATCHES,
    FlagRecord,
    InterviewRecord,
    InterviewSummary,
    RecruiterMatches,
    RevisionInfo,
)

_BOOL_COLUMNS = frozenset({"hard_flag", "consent_bp3mi"})
_SELECT_INTERVIEW = f"SELECT {', '.join(INTERVIEW_COLUMNS)} FROM interviews"

_NIK = re.compile(r"^\d{16}$")
_NIK_PREFIX = re.compile(r"^\d{6,15}$")
_PASSPORT = re.compile(r"^[A-Z]{1,2}\d{6,8}$")
_REF_NO = re.compile(r"^[A-Z0-9]+(-[A-Z0-9]+)?-\d{4}-\d{6}$")

_SUMMARY_SELECT = (
    "SELECT i.uuid, i.ref_no, i.created_at, i.status, i.full_name, i.nik, i.passport_no,"
    " i.office_code, i.workstation_id, coalesce(i.chosen_outcome, i.suggested_outcome),"
    " i.score, i.hard_flag, i.revision,"
    " (SELECT group_concat(f.rule_id, ' ') FROM"
    "  (SELECT rule_id FROM flags WHERE interview_uuid = i.uuid ORDER BY position) f)"
    " FROM interviews i"
)


def _summary(row: Sequence[Any]) -> InterviewSummary:
    hard = row[11]
    flags = row[13]
    return InterviewSummary._make(
        (
            *row[:11],
            None if hard is None else bool(hard),
            row[12],
            tuple(flags.split()) if flags else (),
        )
    )


def escape_like(text: str) -> str:
    """`text` as a literal inside a LIKE pattern with ESCAPE '\\'."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def normalize_passport_no(text: str) -> str:
    return re.sub(r"\s+", "", text).upper()


def unknown_interview(key: str) -> NotFound:
    return NotFound(f"Wawancara '{key}' tidak ditemukan.", f"Interview '{key}' was not found.")


class InterviewLookups:
    """Reading interviews; InterviewRepository adds the writes."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def get(self, uuid_or_ref: str) -> InterviewRecord:
        """By UUID or by reference number; KnownError when there is no such interview."""
        return self._load(self._database.conn, uuid_or_ref.strip())

    def _load(self, conn: sqlite3.Connection, key: str) -> InterviewRecord:
        row = conn.execute(f"{_SELECT_INTERVIEW} WHERE uuid = ?", (key,)).fetchone()
        if row is None:
            row = conn.execute(f"{_SELECT_INTERVIEW} WHERE ref_no = ?", (key.upper(),)).fetchone()
        if row is None:
            raise unknown_interview(key)
        values = dict(zip(INTERVIEW_COLUMNS, row, strict=True))
        for name in _BOOL_COLUMNS:
            if values[name] is not None:
                values[name] = bool(values[name])
        uuid = values["uuid"]
        values["answers"] = {
            question: json.loads(value)
            for question, value in conn.execute(
                "SELECT question_id, value FROM answers WHERE interview_uuid = ?", (uuid,)
            )
        }
        values["flags"] = [
            FlagRecord(rule_id, weight, bool(hard), reason_id, reason_en)
            for rule_id, weight, hard, reason_id, reason_en in conn.execute(
                "SELECT rule_id, weight, hard, reason_id, reason_en FROM flags"
                " WHERE interview_uuid = ? ORDER BY position",
                (uuid,),
            )
        ]
        return InterviewRecord(**values)

    def revisions(self, uuid: str) -> list[RevisionInfo]:
        """The earlier revisions kept for this interview, oldest first."""
        record = self.get(uuid)
        rows = self._database.conn.execute(
            "SELECT revision, reason, revised_by, revised_at FROM interview_revisions"
            " WHERE interview_uuid = ? ORDER BY revision",
            (record.uuid,),
        )
        return [RevisionInfo(*row) for row in rows]

    def get_revision(self, uuid: str, revision: int) -> InterviewRecord:
        """Revision `revision` as it was; the current one comes from the live row."""
        record = self.get(uuid)
        if revision == record.revision:
            return record
        row = self._database.conn.execute(
            "SELECT snapshot FROM interview_revisions WHERE interview_uuid = ? AND revision = ?",
            (record.uuid, int(revision)),
        ).fetchone()
        if row is None:
            raise NotFound(
                f"Revisi {revision} dari wawancara {record.ref_no} tidak ada.",
                f"Revision {revision} of interview {record.ref_no} does not exist.",
            )
        return InterviewRecord.from_dict(json.loads(row[0]))

    def summaries(self, uuids: Sequence[str]) -> list[InterviewSummary]:
        """The list rows of these interviews (unknown ones left out), newest first."""
        if not uuids:
            return []
        marks = ", ".join("?" for _ in uuids)  # placeholders only; the values are parameters
        rows = self._database.conn.execute(
            f"{_SUMMARY_SELECT} WHERE i.uuid IN ({marks}) ORDER BY i.created_at DESC",
            list(uuids),
        )
        return [_summary(row) for row in rows]

    def list_drafts(self, workstation_id: str | None = None) -> list[InterviewSummary]:
        """Unfinished interviews, the most recently touched first (offered for resuming)."""
        sql = f"{_SUMMARY_SELECT} WHERE i.status = 'draft'"
        params: list[Any] = []
        if workstation_id is not None:
            sql += " AND i.workstation_id = ?"
            params.append(workstation_id)
        rows = self._database.conn.execute(sql + " ORDER BY i.updated_at DESC", params)
        return [_summary(row) for row in rows]

    def list_today(
        self, workstation_id: str | None, day: date, tz: tzinfo | None = None
    ) -> list[InterviewSummary]:
        """Interviews created on `day` in the local calendar (`tz`, default: this computer's
        zone), oldest first; all workstations when `workstation_id` is None."""
        zone = tz or datetime.now().astimezone().tzinfo
        start = datetime.combine(day, time(0), tzinfo=zone)
        end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
        sql = f"{_SUMMARY_SELECT} WHERE i.created_at >= ? AND i.created_at < ?"
        params: list[Any] = [to_iso(start), to_iso(end)]
        if workstation_id is not None:
            sql += " AND i.workstation_id = ?"
            params.append(workstation_id)
        rows = self._database.conn.execute(sql + " ORDER BY i.created_at", params)
        return [_summary(row) for row in rows]

    def search(self, text: str, limit: int = 50) -> list[InterviewSummary]:
        """16 digits: NIK. 6-15 digits: NIK prefix. Passport-like (1-2 letters, 6-8 digits):
        passport number. A reference number: that interview. Else a case-insensitive name
        prefix, in name order. Numbers newest first; voided interviews included (their status
        says so)."""
        query = text.strip()
        if not query:
            return []
        compact = re.sub(r"\s+", "", query)
        if _NIK.match(compact):
            where, params = "i.nik = ?", [compact]
        elif _NIK_PREFIX.match(compact):
            # A range on the plain index: ':' sorts right after '9'.
            where, params = "i.nik >= ? AND i.nik < ?", [compact, compact + ":"]
        elif _PASSPORT.match(compact.upper()):
            where, params = "i.passport_no = ?", [compact.upper()]
        elif _REF_NO.match(compact.upper()):
            where, params = "i.ref_no = ?", [compact.upper()]
        else:
            # Names come back in name order: the NOCASE index then serves both the prefix range
            # and the order, so the look-up stops after `limit` rows even for a common prefix.
            rows = self._database.conn.execute(
                f"{_SUMMARY_SELECT} WHERE i.full_name LIKE ? ESCAPE '\\'"
                " ORDER BY i.full_name COLLATE NOCASE LIMIT ?",
                [escape_like(query) + "%", int(limit)],
            )
            return [_summary(row) for row in rows]
        rows = self._database.conn.execute(
            f"{_SUMMARY_SELECT} WHERE {where} ORDER BY i.created_at DESC LIMIT ?",
            [*params, int(limit)],
        )
        return [_summary(row) for row in rows]

    def repeat_applicants(
        self,
        nik: str | None = None,
        passport_no: str | None = None,
        exclude_uuid: str | None = None,
    ) -> list[InterviewSummary]:
        """Earlier interviews of the same person (same NIK or same passport number), from any
        workstation, newest first; voided ones left out."""
        clauses, params = [], []
        if nik:
            clauses.append("i.nik = ?")
            params.append(nik.strip())
        if passport_no:
            clauses.append("i.passport_no = ?")
            params.append(normalize_passport_no(passport_no))
        if not clauses:
            return []
        sql = f"{_SUMMARY_SELECT} WHERE ({' OR '.join(clauses)}) AND i.status <> 'voided'"
        if exclude_uuid is not None:
            sql += " AND i.uuid <> ?"
            params.append(exclude_uuid)
        rows = self._database.conn.execute(sql + " ORDER BY i.created_at DESC", params)
        return [_summary(row) for row in rows]

    def same_recruiter(
        self,
        phone_key: str | None,
        name_key: str | None,
        exclude_uuid: str | None = None,
        limit: int = 20,
    ) -> RecruiterMatches:
        """Other interviews whose recruiter has this phone key or this name key (keys as
        interview/recruiters.py writes them), from any workstation; voided ones left out. Both
        keys are looked up through their own index."""
        clauses, params = [], []
        if phone_key:
            clauses.append("i.recruiter_phone_key = ?")
            params.append(phone_key)
        if name_key:
            clauses.append("i.recruiter_name_key = ?")
            params.append(name_key)
        if not clauses:
            return NO_RECRUITER_MATCHES
        where = f"({' OR '.join(clauses)}) AND i.status <> 'voided' AND i.uuid <> ?"
        params.append(exclude_uuid or "")
        conn = self._database.conn
        count, by_phone, by_name, first_at = conn.execute(
            "SELECT count(*), total(i.recruiter_phone_key = ?), total(i.recruiter_name_key = ?),"
            f" min(i.created_at) FROM interviews i WHERE {where}",
            [phone_key, name_key, *params],
        ).fetchone()
        if not count:
            return NO_RECRUITER_MATCHES
        rows = conn.execute(
            f"{_SUMMARY_SELECT} WHERE {where} ORDER BY i.created_at DESC LIMIT ?",
            [*params, int(limit)],
        )
        return RecruiterMatches(
            int(count),
            int(by_phone),
            int(by_name),
            first_at,
            tuple(_summary(row) for row in rows),
        )
