"""Writing interviews: drafts saved answer by answer, completion, corrections as revisions,
voiding. The records are in interview_records.py, the look-ups in interview_lookups.py."""

from __future__ import annotations

import dataclasses
import functools
import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from interview_app.errors import KnownError
from interview_app.storage.audit import AuditLog, canonical_json
from interview_app.storage.clock import Clock, SystemClock, to_iso
from interview_app.storage.database import Database
from interview_app.storage.errors import InvalidState, OfficeNotConfigured
from interview_app.storage.interview_lookups import InterviewLookups, unknown_interview
from interview_app.storage.interview_records import (
    IDENTITY_FIELDS,
    INTERVIEW_COLUMNS,
    NO_RECRUITER_MATCHES,
    RECRUITER_KEY_COLUMNS,
    FlagRecord,
    InterviewRecord,
    InterviewSummary,
    RecruiterMatches,
    RevisionInfo,
    content_hash,
)
from interview_app.storage.settings import OFFICE_CODE, WORKSTATION_ID, SettingsStore

# The records and the look-ups are named here too: most callers import them with the repository.
__all__ = [
    "IDENTITY_FIELDS",
    "INTERVIEW_COLUMNS",
    "NO_RECRUITER_MATCHES",
    "RECRUITER_KEY_COLUMNS",
    "WORKSTATION_CODE",
    "FlagRecord",
    "InterviewLookups",
    "InterviewRecord",
    "InterviewRepository",
    "InterviewSummary",
    "RecruiterMatches",
    "RevisionInfo",
    "content_hash",
]

WORKSTATION_CODE = "workstation_code"  # optional setting; see _next_ref_no

_UPSERT_ANSWER = (
    "INSERT INTO answers (interview_uuid, question_id, value, answered_at) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (interview_uuid, question_id)"
    " DO UPDATE SET value = excluded.value, answered_at = excluded.answered_at"
)
_DELETE_ANSWER = "DELETE FROM answers WHERE interview_uuid = ? AND question_id = ?"
_INSERT_FLAG = (
    "INSERT INTO flags (interview_uuid, rule_id, position, weight, hard, reason_id, reason_en)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)


def _answer_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@functools.lru_cache(maxsize=512)
def _autosave_update_sql(
    identity_keys: tuple[str, ...], with_score: bool, with_hard: bool, with_suggested: bool
) -> str:
    # Built from column names in IDENTITY_FIELDS only (checked by the caller), never values.
    sets = ["updated_at = ?", "current_question = ?"]
    sets += [f"{key} = ?" for key in identity_keys]
    if with_score:
        sets.append("score = ?")
    if with_hard:
        sets.append("hard_flag = ?")
    if with_suggested:
        sets.append("suggested_outcome = ?")
    return f"UPDATE interviews SET {', '.join(sets)} WHERE uuid = ? AND status = 'draft'"


# Columns an autosave or a correction may set through `identity`.
_IDENTITY_SET = frozenset(IDENTITY_FIELDS) | frozenset(RECRUITER_KEY_COLUMNS)


def _actor(officer_id: int | None) -> str:
    return "system" if officer_id is None else f"officer:{officer_id}"


class InterviewRepository(InterviewLookups):
    """Drafts saved answer by answer, completion, corrections as revisions, voiding; and the
    look-ups of InterviewLookups."""

    def __init__(self, database: Database, audit: AuditLog, clock: Clock | None = None) -> None:
        super().__init__(database)
        self._audit = audit
        self._clock = clock or SystemClock()
        self._settings = SettingsStore(database)

    # -- drafts ---------------------------------------------------------------------------

    def create_draft(
        self,
        *,
        officer_id: int | None,
        questionnaire_id: str,
        questionnaire_version: int,
        questionnaire_hash: str,
        language: str,
    ) -> InterviewRecord:
        """A new draft with a fresh UUID and the next reference number (never reused)."""
        office_code = self._settings.get(OFFICE_CODE)
        workstation_id = self._settings.get(WORKSTATION_ID)
        if not office_code or not workstation_id:
            raise OfficeNotConfigured(
                "Kode kantor belum diatur. Minta supervisor mengisi pengaturan kantor.",
                "The office code is not set. Ask a supervisor to fill in the office settings.",
            )
        workstation_code = self._settings.get(WORKSTATION_CODE)
        now_dt = self._clock()
        now = to_iso(now_dt)
        import uuid  # on the first draft, not at the app's start (it loads `platform` too)

        new_uuid = str(uuid.uuid4())
        with self._database.transaction() as conn:
            ref_no = self._next_ref_no(conn, str(office_code), workstation_code, now_dt)
            conn.execute(
                "INSERT INTO interviews (uuid, ref_no, office_code, workstation_id,"
                " questionnaire_id, questionnaire_version, questionnaire_hash, officer_id,"
                " status, revision, created_at, updated_at, language)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'draft', 1, ?, ?, ?)",
                (
                    new_uuid,
                    ref_no,
                    office_code,
                    workstation_id,
                    questionnaire_id,
                    int(questionnaire_version),
                    questionnaire_hash,
                    officer_id,
                    now,
                    now,
                    language,
                ),
            )
            self._audit.append(
                _actor(officer_id), "interview.create", "interview", new_uuid, {"ref_no": ref_no}
            )
        return self.get(new_uuid)

    @staticmethod
    def _next_ref_no(
        conn: sqlite3.Connection, office_code: str, workstation_code: Any, now: datetime
    ) -> str:
        """`{office_code}-{year}-{seq:06d}`; with the optional setting `workstation_code`,
        `{office_code}-{workstation_code}-{year}-{seq:06d}` so that several workstations of one
        office never hand out the same number."""
        year = now.astimezone().year  # the officer's calendar year, not UTC's
        last = conn.execute(
            "INSERT INTO ref_counters (office_code, year, last) VALUES (?, ?, 1)"
            " ON CONFLICT (office_code, year) DO UPDATE SET last = last + 1 RETURNING last",
            (office_code, year),
        ).fetchone()[0]
        middle = f"-{workstation_code}" if workstation_code else ""
        return f"{office_code}{middle}-{year}-{int(last):06d}".upper()

    def save_answer(
        self,
        uuid: str,
        question_id: str,
        value_json_ready: Any,
        *,
        current_question: str | None,
        identity: dict[str, Any] | None = None,
        score: float | None = None,
        hard_flag: bool | None = None,
        suggested_outcome: str | None = None,
    ) -> None:
        """The autosave path: one transaction, one commit. A value of None clears the answer;
        `current_question` is stored as given (None: at the review, or not known).
        `identity` sets the named identity columns (None in it clears one); `score`,
        `hard_flag` and `suggested_outcome` are left as they were when None."""
        now = to_iso(self._clock())
        params: list[Any] = [now, current_question]
        if identity:
            keys = tuple(identity)
            if not _IDENTITY_SET.issuperset(keys):
                raise ValueError(f"unknown identity fields: {sorted(set(keys) - _IDENTITY_SET)}")
            params += identity.values()
        else:
            keys = ()
        if score is not None:
            params.append(float(score))
        if hard_flag is not None:
            params.append(int(hard_flag))
        if suggested_outcome is not None:
            params.append(suggested_outcome)
        params.append(uuid)
        sql = _autosave_update_sql(
            keys, score is not None, hard_flag is not None, suggested_outcome is not None
        )
        with self._database.transaction() as conn:
            if conn.execute(sql, params).rowcount != 1:
                raise self._not_a_draft(conn, uuid)
            if value_json_ready is None:
                conn.execute(_DELETE_ANSWER, (uuid, question_id))
            else:
                conn.execute(
                    _UPSERT_ANSWER, (uuid, question_id, _answer_json(value_json_ready), now)
                )

    def save_notes(self, uuid: str, notes: str | None) -> None:
        self._update_draft(uuid, "notes = ?", notes)

    def set_language(self, uuid: str, language: str) -> None:
        self._update_draft(uuid, "language = ?", language)

    def _update_draft(self, uuid: str, assignment: str, value: Any) -> None:
        # `assignment` is one of the constant strings above, never user input.
        with self._database.transaction() as conn:
            cursor = conn.execute(
                f"UPDATE interviews SET {assignment}, updated_at = ?"
                " WHERE uuid = ? AND status = 'draft'",
                (value, to_iso(self._clock()), uuid),
            )
            if cursor.rowcount != 1:
                raise self._not_a_draft(conn, uuid)

    def _not_a_draft(self, conn: sqlite3.Connection, uuid: str) -> KnownError:
        row = conn.execute(
            "SELECT ref_no, status FROM interviews WHERE uuid = ?", (uuid,)
        ).fetchone()
        if row is None:
            return unknown_interview(uuid)
        return InvalidState(
            f"Wawancara {row[0]} berstatus '{row[1]}' dan tidak dapat diubah lagi; koreksi "
            "dibuat sebagai revisi baru.",
            f"Interview {row[0]} is '{row[1]}' and can no longer be edited; a correction is "
            "made as a new revision.",
        )

    # -- completion, correction, voiding ------------------------------------------------

    def complete(
        self,
        uuid: str,
        *,
        chosen_outcome: str,
        override_reason: str | None,
        flags: Sequence[FlagRecord],
        score: float | None,
        hard_flag: bool,
        suggested_outcome: str | None,
        consent_bp3mi: bool,
        officer_id: int | None,
        suspected_purpose: str | None = None,
    ) -> InterviewRecord:
        """Close a draft with the officer's decision; the officer who decides is recorded."""
        override_reason = _check_decision(chosen_outcome, suggested_outcome, override_reason)
        now = to_iso(self._clock())
        with self._database.transaction() as conn:
            cursor = conn.execute(
                "UPDATE interviews SET status = 'completed', completed_at = ?, updated_at = ?,"
                " chosen_outcome = ?, override_reason = ?, score = ?, hard_flag = ?,"
                " suggested_outcome = ?, consent_bp3mi = ?, officer_id = ?, suspected_purpose = ?"
                " WHERE uuid = ? AND status = 'draft'",
                (
                    now,
                    now,
                    chosen_outcome,
                    override_reason,
                    None if score is None else float(score),
                    int(hard_flag),
                    suggested_outcome,
                    int(consent_bp3mi),
                    officer_id,
                    suspected_purpose,
                    uuid,
                ),
            )
            if cursor.rowcount != 1:
                raise self._not_a_draft(conn, uuid)
            self._replace_flags(conn, uuid, flags)
            record = self._seal(conn, uuid)
            self._audit.append(
                _actor(officer_id),
                "interview.complete",
                "interview",
                uuid,
                {
                    "ref_no": record.ref_no,
                    "revision": record.revision,
                    "outcome": chosen_outcome,
                    "override": override_reason is not None,
                },
            )
        return record

    def correct(
        self,
        uuid: str,
        *,
        reason: str,
        officer_id: int | None,
        answers: dict[str, Any],
        flags: Sequence[FlagRecord],
        score: float | None,
        hard_flag: bool,
        suggested_outcome: str | None,
        chosen_outcome: str,
        override_reason: str | None,
        identity: dict[str, Any] | None = None,
        consent_bp3mi: bool | None = None,
        notes: str | None = None,
        suspected_purpose: str | None = None,
    ) -> InterviewRecord:
        """A new revision of a completed interview; the current one is kept readable
        (`revisions`, `get_revision`). `answers` replaces the whole answer set; `consent_bp3mi`,
        `notes` and `suspected_purpose` change only when given ('' clears the notes)."""
        reason = _required_reason(reason)
        override_reason = _check_decision(chosen_outcome, suggested_outcome, override_reason)
        identity = dict(identity or {})
        if not _IDENTITY_SET.issuperset(identity):
            raise ValueError(f"unknown identity fields: {sorted(set(identity) - _IDENTITY_SET)}")
        now = to_iso(self._clock())
        with self._database.transaction() as conn:
            current = self._load(conn, uuid)
            if current.status != "completed":
                raise InvalidState(
                    f"Hanya wawancara yang sudah selesai yang dapat dikoreksi; {current.ref_no} "
                    f"berstatus '{current.status}'.",
                    f"Only a completed interview can be corrected; {current.ref_no} is "
                    f"'{current.status}'.",
                )
            self._snapshot(conn, current, reason, officer_id, now)
            kept = {
                question: (value, at)
                for question, value, at in conn.execute(
                    "SELECT question_id, value, answered_at FROM answers WHERE interview_uuid = ?",
                    (uuid,),
                )
            }
            conn.execute("DELETE FROM answers WHERE interview_uuid = ?", (uuid,))
            for question, value in answers.items():
                if value is None:
                    continue
                text = _answer_json(value)
                old = kept.get(question)
                at = old[1] if old is not None and old[0] == text else now
                conn.execute(_UPSERT_ANSWER, (uuid, question, text, at))
            # Column names from the fixed sets above, never from the caller's values.
            extra = dict(identity)
            if consent_bp3mi is not None:
                extra["consent_bp3mi"] = int(consent_bp3mi)
            if notes is not None:
                extra["notes"] = notes.strip() or None
            if suspected_purpose is not None:
                extra["suspected_purpose"] = suspected_purpose
            assignments = "".join(f", {key} = ?" for key in extra)
            conn.execute(
                "UPDATE interviews SET revision = revision + 1, updated_at = ?, score = ?,"
                " hard_flag = ?, suggested_outcome = ?, chosen_outcome = ?, override_reason = ?"
                f"{assignments} WHERE uuid = ?",
                (
                    now,
                    None if score is None else float(score),
                    int(hard_flag),
                    suggested_outcome,
                    chosen_outcome,
                    override_reason,
                    *extra.values(),
                    uuid,
                ),
            )
            self._replace_flags(conn, uuid, flags)
            record = self._seal(conn, uuid)
            self._audit.append(
                _actor(officer_id),
                "interview.correct",
                "interview",
                uuid,
                {"ref_no": record.ref_no, "revision": record.revision, "outcome": chosen_outcome},
            )
        return record

    def void(self, uuid: str, reason: str, officer_id: int | None) -> InterviewRecord:
        """Mark a draft or a completed interview void (kept, never deleted); a new revision."""
        reason = _required_reason(reason)
        now = to_iso(self._clock())
        with self._database.transaction() as conn:
            current = self._load(conn, uuid)
            if current.status == "voided":
                raise InvalidState(
                    f"Wawancara {current.ref_no} sudah dibatalkan.",
                    f"Interview {current.ref_no} is void already.",
                )
            self._snapshot(conn, current, reason, officer_id, now)
            conn.execute(
                "UPDATE interviews SET status = 'voided', revision = revision + 1,"
                " updated_at = ?, voided_at = ?, void_reason = ? WHERE uuid = ?",
                (now, now, reason, uuid),
            )
            record = self._seal(conn, uuid)
            self._audit.append(
                _actor(officer_id),
                "interview.void",
                "interview",
                uuid,
                {"ref_no": record.ref_no, "revision": record.revision, "was": current.status},
            )
        return record

    def _snapshot(
        self,
        conn: sqlite3.Connection,
        record: InterviewRecord,
        reason: str,
        officer_id: int | None,
        now: str,
    ) -> None:
        conn.execute(
            "INSERT INTO interview_revisions (interview_uuid, revision, snapshot, reason,"
            " revised_by, revised_at) VALUES (?, ?, ?, ?, ?, ?)",
            (
                record.uuid,
                record.revision,
                canonical_json(record.to_dict()),
                reason,
                officer_id,
                now,
            ),
        )

    @staticmethod
    def _replace_flags(conn: sqlite3.Connection, uuid: str, flags: Iterable[FlagRecord]) -> None:
        conn.execute("DELETE FROM flags WHERE interview_uuid = ?", (uuid,))
        conn.executemany(
            _INSERT_FLAG,
            [
                (
                    uuid,
                    flag.rule_id,
                    position,
                    float(flag.weight),
                    int(flag.hard),
                    flag.reason_id,
                    flag.reason_en,
                )
                for position, flag in enumerate(flags)
            ],
        )

    def _seal(self, conn: sqlite3.Connection, uuid: str) -> InterviewRecord:
        record = self._load(conn, uuid)
        digest = content_hash(record)
        conn.execute("UPDATE interviews SET content_hash = ? WHERE uuid = ?", (digest, uuid))
        return dataclasses.replace(record, content_hash=digest)

    # -- reading --------------------------------------------------------------------------

    def record_view(self, uuid: str, officer_id: int | None) -> None:
        """Log that an officer opened a stored interview."""
        record = self.get(uuid)
        self._audit.append(
            _actor(officer_id),
            "interview.view",
            "interview",
            record.uuid,
            {"ref_no": record.ref_no},
        )


def _required_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise KnownError("Alasan wajib diisi.", "A reason is required.")
    return reason


def _check_decision(
    chosen_outcome: str, suggested_outcome: str | None, override_reason: str | None
) -> str | None:
    if not (chosen_outcome or "").strip():
        raise KnownError("Keputusan petugas wajib dipilih.", "The officer's decision is required.")
    override_reason = (override_reason or "").strip() or None
    if (
        suggested_outcome is not None
        and chosen_outcome != suggested_outcome
        and not override_reason
    ):
        raise KnownError(
            "Keputusan berbeda dari saran sistem: tuliskan alasannya.",
            "The decision differs from the suggestion: give the reason.",
        )
    return override_reason
