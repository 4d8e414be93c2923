"""Interviews: drafts saved answer by answer, completion, corrections as revisions, look-ups."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any, NamedTuple

from interview_app.errors import KnownError
from interview_app.storage.audit import AuditLog, canonical_json
from interview_app.storage.clock import Clock, SystemClock, to_iso
from interview_app.storage.database import Database
from interview_app.storage.errors import InvalidState, NotFound, OfficeNotConfigured
from interview_app.storage.settings import OFFICE_CODE, WORKSTATION_ID, SettingsStore

WORKSTATION_CODE = "workstation_code"  # optional setting; see _next_ref_no

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
_BOOL_COLUMNS = frozenset({"hard_flag", "consent_bp3mi"})
_SELECT_INTERVIEW = f"SELECT {', '.join(INTERVIEW_COLUMNS)} FROM interviews"

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

_NIK = re.compile(r"^\d{16}$")
_NIK_PREFIX = re.compile(r"^\d{6,15}$")
_PASSPORT = re.compile(r"^[A-Z]{1,2}\d{6,8}$")
_REF_NO = re.compile(r"^[A-Z0-9]+(-[A-Z0-9]+)?-\d{4}-\d{6}$")


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


def _answer_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def escape_like(text: str) -> str:
    """`text` as a literal inside a LIKE pattern with ESCAPE '\\'."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def normalize_passport_no(text: str) -> str:
    return re.sub(r"\s+", "", text).upper()


def content_hash(record: InterviewRecord) -> str:
    """SHA-256 of the canonical JSON of the record without its own content_hash."""
    data = record.to_dict()
    data.pop("content_hash", None)
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()


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


class InterviewRepository:
    def __init__(self, database: Database, audit: AuditLog, clock: Clock | None = None) -> None:
        self._database = database
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
            return _unknown(uuid)
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

    def get(self, uuid_or_ref: str) -> InterviewRecord:
        """By UUID or by reference number; KnownError when there is no such interview."""
        return self._load(self._database.conn, uuid_or_ref.strip())

    def _load(self, conn: sqlite3.Connection, key: str) -> InterviewRecord:
        row = conn.execute(f"{_SELECT_INTERVIEW} WHERE uuid = ?", (key,)).fetchone()
        if row is None:
            row = conn.execute(f"{_SELECT_INTERVIEW} WHERE ref_no = ?", (key.upper(),)).fetchone()
        if row is None:
            raise _unknown(key)
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


def _unknown(key: str) -> NotFound:
    return NotFound(f"Wawancara '{key}' tidak ditemukan.", f"Interview '{key}' was not found.")


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
