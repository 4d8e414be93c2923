"""Merging one incoming record into the database: the decision, then plain parameterised SQL."""

from __future__ import annotations

import base64
import json
import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from interview_app.storage.questionnaires import source_hash
from interview_app.sync.errors import newer_application, tampered
from interview_app.sync.records import (
    REFERRAL_STEP_FIELDS,
    REVIEW_FIELDS,
    InterviewLine,
    ReviewLine,
    dumps,
)
from interview_app.sync.refcounters import RefCounterGuard
from interview_app.sync.resolutions import (
    Resolution,
    close_conflicts,
    needs_kept_version,
    review_text,
    store,
    superseded,
    text_hash,
)
from interview_app.sync.tables import quote_identifier, table_columns

NEW = "new"
UPDATE = "update"
SAME = "same"  # the same revision with the same content
OLDER = "older"  # we hold a newer revision already
CONFLICT = "conflict"
PAST_RETENTION = "past_retention"  # older than the retention period here: not brought back

CONFLICT_CONTENT = "content_differs"  # same uuid and revision, other content
CONFLICT_OWNER = "owner_differs"  # the same uuid taken at another workstation
CONFLICT_REF_NO = "ref_no_taken"  # the reference number belongs to another interview
CONFLICT_REVIEW = "review_differs"  # a review mark's uuid with other content

# What happens to an incoming review mark.
REVIEW_NEW = "review_new"
REVIEW_SAME = "review_same"  # here already, equal
REVIEW_SKIPPED = "review_skipped"  # its interview is not here (never came, or purged)
REVIEW_CONFLICT = "review_conflict"  # here already with other content: set aside
# What happens to an incoming conflict resolution.
RESOLUTION_NEW = "resolution_new"
RESOLUTION_SAME = "resolution_same"  # here already
_REVIEW_COLUMNS = ", ".join(REVIEW_FIELDS)
# What happens to an incoming referral follow-up step.
REFERRAL_NEW = "referral_new"
REFERRAL_SAME = "referral_same"  # here already (this step of this referral was recorded)
REFERRAL_SKIPPED = "referral_skipped"  # its interview is not here
_REFERRAL_COLUMNS = ", ".join(REFERRAL_STEP_FIELDS)
AUDIT_BATCH = 2000
# The interview object comes first in a record (exportdata writes `{"interview":{...},...`) and
# a JSON string value cannot hold an unescaped quote: the first match is the interview's own.
_CREATED_AT = re.compile(rb'"created_at":"([^"\\]*)"')


@dataclass(frozen=True)
class Decision:
    action: str
    conflict: str | None = None
    local_uuid: str | None = None
    local_revision: int | None = None
    local_content_hash: str | None = None


def created_at_of(line: InterviewLine) -> str | None:
    """When the interview was taken, read from its record without parsing the whole of it."""
    found = _CREATED_AT.search(line.record)
    return found.group(1).decode("utf-8") if found else None


def decide(
    conn: sqlite3.Connection, line: InterviewLine, retention_cutoff: str | None = None
) -> Decision:
    """Each interview belongs to the workstation that took it; a higher revision replaces a
    lower one; the same revision must have the same content, else it is set aside. An
    interview not here and taken before `retention_cutoff` is not brought (back): it is past
    this office's retention period (purged here, or due for purging)."""
    local = conn.execute(
        "SELECT revision, content_hash, workstation_id, ref_no FROM interviews WHERE uuid = ?",
        (line.uuid,),
    ).fetchone()
    if local is None:
        if retention_cutoff is not None:
            created = created_at_of(line)
            if created is not None and created < retention_cutoff:
                return Decision(PAST_RETENTION)
        return _ref_no_free(conn, line, Decision(NEW))
    revision, digest, workstation, ref_no = local
    if workstation != line.workstation_id:
        return Decision(CONFLICT, CONFLICT_OWNER, line.uuid, revision, digest)
    if line.revision < revision:
        return Decision(OLDER, None, line.uuid, revision, digest)
    if line.revision == revision:
        if line.content_hash == digest or superseded(conn, line.uuid, line.content_hash):
            # the same, or a version a supervisor dropped: a replay does not undo that
            return Decision(SAME, None, line.uuid, revision, digest)
        return Decision(CONFLICT, CONFLICT_CONTENT, line.uuid, revision, digest)
    if ref_no != line.ref_no:
        return _ref_no_free(conn, line, Decision(UPDATE, None, line.uuid, revision, digest))
    return Decision(UPDATE, None, line.uuid, revision, digest)


def decide_referral_step(
    conn: sqlite3.Connection, values: tuple[Any, ...], arriving: set[str] | None = None
) -> str:
    """A step is new when neither its uuid nor the same step of the same referral is here and
    the interview is (or arrives in the same package); the first recording of a step wins, a
    second one from another counter is counted as already here; a step whose interview is not
    here is skipped, never kept on its own."""
    uuid, interview, step = values[0], values[1], values[2]
    here = conn.execute(
        "SELECT 1 FROM referral_steps WHERE uuid = ? OR (interview_uuid = ? AND step = ?)",
        (uuid, interview, step),
    ).fetchone()
    if here is not None:
        return REFERRAL_SAME
    if arriving is not None and interview in arriving:
        return REFERRAL_NEW
    found = conn.execute("SELECT 1 FROM interviews WHERE uuid = ?", (interview,)).fetchone()
    return REFERRAL_NEW if found else REFERRAL_SKIPPED


def decide_review(
    conn: sqlite3.Connection, values: tuple[Any, ...], arriving: set[str] | None = None
) -> str:
    """A mark is new when its uuid is not here and its interview is (or is `arriving` in the
    same package); a mark whose interview is not here is skipped, never kept on its own: the
    interview may have been purged, and the mark must not outlive it. Marks never change, so
    the same uuid with other content is set aside."""
    uuid, interview = values[0], values[1]
    local = conn.execute(
        f"SELECT {_REVIEW_COLUMNS} FROM reviews WHERE uuid = ?", (uuid,)
    ).fetchone()
    if local is not None:
        if tuple(local) == tuple(values) or superseded(conn, uuid, text_hash(review_text(values))):
            return REVIEW_SAME
        return REVIEW_CONFLICT
    if arriving is not None and interview in arriving:
        return REVIEW_NEW
    here = conn.execute("SELECT 1 FROM interviews WHERE uuid = ?", (interview,)).fetchone()
    return REVIEW_NEW if here else REVIEW_SKIPPED


def _ref_no_free(conn: sqlite3.Connection, line: InterviewLine, decision: Decision) -> Decision:
    other = conn.execute(
        "SELECT uuid, revision, content_hash FROM interviews WHERE ref_no = ? AND uuid <> ?",
        (line.ref_no, line.uuid),
    ).fetchone()
    if other is None:
        return decision
    return Decision(CONFLICT, CONFLICT_REF_NO, other[0], other[1], other[2])


class Merger:
    """Writes incoming records; one per import, inside the import's transaction."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        own_workstation: str,
        now: str,
        counters: RefCounterGuard | None = None,
    ) -> None:
        self.conn = conn
        self.counters = counters
        self.own_workstation = own_workstation
        self.now = now
        self.interview_columns = set(table_columns(conn, "interviews"))
        self.slip_columns = _copyable_columns(conn, "slips")
        self._sql: dict[tuple[str, tuple[str, ...]], str] = {}
        self._audit_rows: list[list[Any]] = []
        self.audit_added = 0

    def apply(
        self, line: InterviewLine, decision: Decision, package_id: str, source_workstation: str
    ) -> None:
        if decision.action in (SAME, OLDER, PAST_RETENTION):
            return
        if decision.action == CONFLICT:
            self._set_aside(line, decision, package_id, source_workstation)
            return
        bundle = line.bundle()
        row = bundle["interview"]
        unknown = set(row) - self.interview_columns
        if unknown:
            raise newer_application()
        try:
            if decision.action == NEW:
                self._insert_row(row)
            else:
                self._update_row(row)
                self.conn.execute("DELETE FROM answers WHERE interview_uuid = ?", (line.uuid,))
                self.conn.execute("DELETE FROM flags WHERE interview_uuid = ?", (line.uuid,))
            self._children(line.uuid, bundle)
            if self.counters is not None:
                self.counters.see(line.ref_no)
        except (
            sqlite3.IntegrityError,
            sqlite3.ProgrammingError,
            sqlite3.InterfaceError,
            TypeError,
            ValueError,
        ) as exc:
            raise tampered("rekaman wawancara tidak sah", "invalid interview record") from exc

    def _insert_row(self, row: dict[str, Any]) -> None:
        names = tuple(row)
        sql = self._sql.get(("insert", names))
        if sql is None:  # names checked against our own columns; built once per shape
            columns = ", ".join(quote_identifier(n) for n in names)
            marks = ", ".join("?" for _ in names)
            sql = self._sql[("insert", names)] = (
                f"INSERT INTO interviews ({columns}) VALUES ({marks})"
            )
        self.conn.execute(sql, list(row.values()))

    def _update_row(self, row: dict[str, Any]) -> None:
        names = tuple(n for n in row if n != "uuid")
        sql = self._sql.get(("update", names))
        if sql is None:
            sets = ", ".join(f"{quote_identifier(n)} = ?" for n in names)
            sql = self._sql[("update", names)] = f"UPDATE interviews SET {sets} WHERE uuid = ?"
        self.conn.execute(sql, [*(row[n] for n in names), row["uuid"]])

    def _children(self, uuid: str, bundle: dict[str, Any]) -> None:
        # Shapes by unpacking (a wrong length raises ValueError); STRICT tables and NOT NULL
        # refuse wrong types. Everything here passed authentication with the office key.
        self.conn.executemany(
            "INSERT INTO answers (interview_uuid, question_id, value, answered_at)"
            " VALUES (?, ?, ?, ?)",
            [(uuid, question, value, at) for question, value, at in bundle["answers"]],
        )
        self.conn.executemany(
            "INSERT INTO flags (interview_uuid, rule_id, position, weight, hard, reason_id,"
            " reason_en) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(uuid, r, p, w, h, i, e) for r, p, w, h, i, e in bundle["flags"]],
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO interview_revisions (interview_uuid, revision, snapshot,"
            " reason, revised_by, revised_at) VALUES (?, ?, ?, ?, ?, ?)",
            [(uuid, n, snap, why, by, at) for n, snap, why, by, at in bundle["revisions"]],
        )
        for slip in bundle["slips"]:
            self._slip(slip)

    def _slip(self, slip: Any) -> None:
        if not isinstance(slip, dict) or not self.slip_columns:
            return
        names = [n for n in slip if n in self.slip_columns]
        if not names:
            return
        values = [_from_jsonable(slip[n]) for n in names]
        same = " AND ".join(f"{quote_identifier(n)} IS ?" for n in names)
        if self.conn.execute(f"SELECT 1 FROM slips WHERE {same} LIMIT 1", values).fetchone():
            return
        columns = ", ".join(quote_identifier(n) for n in names)
        marks = ", ".join("?" for _ in names)
        self.conn.execute(f"INSERT OR IGNORE INTO slips ({columns}) VALUES ({marks})", values)

    def _set_aside(
        self, line: InterviewLine, decision: Decision, package_id: str, source_workstation: str
    ) -> None:
        local = local_version(self.conn, decision.local_uuid) if decision.local_uuid else None
        self.conn.execute(
            "INSERT OR IGNORE INTO sync_conflicts (detected_at, package_id, source_workstation,"
            " interview_uuid, kind, local_uuid, local_revision, local_content_hash,"
            " incoming_revision, incoming_content_hash, local_version, incoming_version)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                self.now,
                package_id,
                source_workstation,
                line.uuid,
                decision.conflict,
                decision.local_uuid,
                decision.local_revision,
                decision.local_content_hash,
                line.revision,
                line.content_hash,
                local,
                line.record.decode("utf-8"),
            ),
        )

    def review(
        self, line: ReviewLine, values: tuple[Any, ...], package_id: str, source: str
    ) -> str:
        """Add a review mark (see decide_review); what happened to it."""
        decision = decide_review(self.conn, values)
        if decision == REVIEW_NEW:
            try:
                self.conn.execute(
                    f"INSERT INTO reviews ({_REVIEW_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    values,
                )
            except (sqlite3.IntegrityError, OverflowError) as exc:
                raise tampered("tinjauan tidak sah", "invalid review record") from exc
        elif decision == REVIEW_CONFLICT:
            local = self.conn.execute(
                f"SELECT {_REVIEW_COLUMNS} FROM reviews WHERE uuid = ?", (line.uuid,)
            ).fetchone()
            local_text = review_text(tuple(local))
            incoming_text = review_text(values)
            self.conn.execute(
                "INSERT OR IGNORE INTO sync_conflicts (detected_at, package_id,"
                " source_workstation, interview_uuid, kind, local_uuid, local_revision,"
                " local_content_hash, incoming_revision, incoming_content_hash, local_version,"
                " incoming_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    self.now,
                    package_id,
                    source,
                    line.interview_uuid,
                    CONFLICT_REVIEW,
                    line.uuid,
                    local[2],
                    text_hash(local_text),
                    values[2],
                    text_hash(incoming_text),
                    local_text,
                    incoming_text,
                ),
            )
        return decision

    def referral_step(self, values: tuple[Any, ...]) -> str:
        """Add a referral follow-up step (see decide_referral_step); what happened to it."""
        decision = decide_referral_step(self.conn, values)
        if decision == REFERRAL_NEW:
            marks = ", ".join("?" for _ in values)
            try:
                self.conn.execute(
                    f"INSERT INTO referral_steps ({_REFERRAL_COLUMNS}) VALUES ({marks})", values
                )
            except (sqlite3.IntegrityError, OverflowError) as exc:
                raise tampered("langkah rujukan tidak sah", "invalid referral step") from exc
        return decision

    def resolution(self, resolution: Resolution, package_id: str, source: str) -> str:
        """Keep a supervisor's settlement (made here or arriving), put the kept version in place
        where the record here is a dropped one, and close the conflicts it settles."""
        if not store(self.conn, resolution):
            return RESOLUTION_SAME
        if needs_kept_version(self.conn, resolution):
            self._put_kept_version(resolution, package_id, source)
        actor = f"officer:{resolution.by_officer}"
        if resolution.workstation_id != self.own_workstation:
            actor = f"{resolution.workstation_id}/{actor}"
        close_conflicts(self.conn, resolution, actor)
        return RESOLUTION_NEW

    def _put_kept_version(self, resolution: Resolution, package_id: str, source: str) -> None:
        invalid = ("versi yang dipertahankan tidak sah", "invalid kept version")
        try:
            data = json.loads(resolution.kept_version)
        except ValueError:
            raise tampered(*invalid) from None
        if resolution.kind == CONFLICT_REVIEW:
            if not isinstance(data, dict) or set(data) != set(REVIEW_FIELDS):
                raise tampered(*invalid)
            if data["uuid"] != resolution.subject_uuid:
                raise tampered(*invalid)
            sets = ", ".join(f"{name} = ?" for name in REVIEW_FIELDS[1:])
            try:
                self.conn.execute(
                    f"UPDATE reviews SET {sets} WHERE uuid = ?",
                    [*(data[name] for name in REVIEW_FIELDS[1:]), data["uuid"]],
                )
            except (sqlite3.IntegrityError, OverflowError) as exc:
                raise tampered(*invalid) from exc
            return
        line = kept_interview_line(resolution.kept_version)
        if line is None or line.uuid != resolution.subject_uuid:
            raise tampered(*invalid)
        here = self.conn.execute(
            "SELECT revision, content_hash FROM interviews WHERE uuid = ?", (line.uuid,)
        ).fetchone()
        decision = Decision(UPDATE, None, line.uuid, here[0], here[1])
        self.apply(line, decision, package_id, source)

    def questionnaire(self, record: Any) -> bool:
        """Install a script the interviews refer to (inactive); True when it was new."""
        try:
            digest, script_id, version, source = _typed(
                [record["hash"], record["id"], record["version"], record["source"]],
                (str, str, int, str),
            )
        except (KeyError, TypeError):
            raise tampered("naskah tidak sah", "invalid script record") from None
        if source_hash(source) != digest:
            raise tampered("naskah tidak sah", "invalid script record")
        cursor = self.conn.execute(
            "INSERT OR IGNORE INTO questionnaires (hash, id, version, source, installed_at,"
            " active) VALUES (?, ?, ?, ?, ?, 0)",
            (digest, script_id, version, source, self.now),
        )
        return cursor.rowcount == 1

    def officer(self, record: Any) -> None:
        """Remember who another workstation's officer id is (to show who decided)."""
        try:
            workstation, officer_id, username, full_name, nip, role = _typed(
                [
                    record[k]
                    for k in ("workstation_id", "id", "username", "full_name", "nip", "role")
                ],
                (str, int, str, str, (str, type(None)), str),
            )
        except (KeyError, TypeError):
            raise tampered("data petugas tidak sah", "invalid officer record") from None
        if workstation == self.own_workstation:
            return
        self.conn.execute(
            "INSERT INTO sync_officers (workstation_id, officer_id, username, full_name, nip,"
            " role, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (workstation_id, officer_id) DO UPDATE SET username = excluded.username,"
            " full_name = excluded.full_name, nip = excluded.nip, role = excluded.role,"
            " received_at = excluded.received_at",
            (workstation, officer_id, username, full_name, nip, role, self.now),
        )

    def audit_entry(self, source: Any, record: Any) -> None:
        """Keep another workstation's audit entry; ours are in our own chain already.
        Written in batches; `flush()` writes the rest and says how many were new."""
        if source == self.own_workstation:
            return
        try:
            values = _typed(
                [
                    source,
                    record["seq"],
                    record["at"],
                    record["actor"],
                    record["action"],
                    record["object_type"],
                    record["object_id"],
                    record["details"],
                    record["prev_hash"],
                    record["hash"],
                ],
                (str, int, str, str, str, (str, type(None)), (str, type(None)), str, str, str),
            )
        except (KeyError, TypeError):
            raise tampered("entri audit tidak sah", "invalid audit entry") from None
        self._audit_rows.append(values)
        if len(self._audit_rows) >= AUDIT_BATCH:
            self.flush()

    def flush(self) -> int:
        """Write the pending audit entries; the number of entries new here so far."""
        if self._audit_rows:
            cursor = self.conn.executemany(
                "INSERT OR IGNORE INTO sync_foreign_audit (source_workstation, seq, at, actor,"
                " action, object_type, object_id, details, prev_hash, hash)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                self._audit_rows,
            )
            self.audit_added += max(cursor.rowcount, 0)
            self._audit_rows.clear()
        return self.audit_added


def kept_interview_line(record: str) -> InterviewLine | None:
    """An interview version (an export record's JSON) as the line that carries it."""
    try:
        data = json.loads(record)
        row = data["interview"]
        return InterviewLine(
            uuid=str(row["uuid"]),
            revision=int(row["revision"]),
            content_hash=str(row["content_hash"]),
            workstation_id=str(row["workstation_id"]),
            ref_no=str(row["ref_no"]),
            answers=len(data["answers"]),
            flags=len(data["flags"]),
            revisions=len(data["revisions"]),
            slips=len(data["slips"]),
            record=record.encode("utf-8"),
        )
    except (ValueError, KeyError, TypeError):
        return None


def _typed(values: Any, types: tuple[Any, ...]) -> list[Any]:
    if not isinstance(values, list) or len(values) != len(types):
        raise TypeError("record shape")
    for value, expected in zip(values, types, strict=True):
        if isinstance(value, bool) and expected is not bool:
            raise TypeError("record field type")
        if not isinstance(value, expected):
            raise TypeError("record field type")
    return values


def _from_jsonable(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"$base64"}:
        return base64.b64decode(value["$base64"])
    if isinstance(value, dict | list):
        raise TypeError("slip field type")
    return value


def _copyable_columns(conn: sqlite3.Connection, table: str) -> set[str]:
    """Columns worth copying: all but an INTEGER PRIMARY KEY (a local row number)."""
    info = list(conn.execute("SELECT name, type, pk FROM pragma_table_info(?)", (table,)))
    keys = [row for row in info if row[2]]
    alias = keys[0][0] if len(keys) == 1 and str(keys[0][1]).upper() == "INTEGER" else None
    return {str(row[0]) for row in info if row[0] != alias}


def local_version(conn: sqlite3.Connection, uuid: str) -> str | None:
    """The local interview with its answers and flags as JSON (for a conflict record)."""
    cursor = conn.execute("SELECT * FROM interviews WHERE uuid = ?", (uuid,))
    row = cursor.fetchone()
    if row is None:
        return None
    names = [column[0] for column in cursor.description]
    answers = conn.execute(
        "SELECT question_id, value, answered_at FROM answers WHERE interview_uuid = ?", (uuid,)
    )
    flags = conn.execute(
        "SELECT rule_id, position, weight, hard, reason_id, reason_en FROM flags"
        " WHERE interview_uuid = ? ORDER BY position",
        (uuid,),
    )
    return dumps(
        {
            "interview": dict(zip(names, row, strict=True)),
            "answers": [list(a) for a in answers],
            "flags": [list(f) for f in flags],
        }
    ).decode("utf-8")
