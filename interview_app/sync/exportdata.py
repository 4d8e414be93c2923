"""Reading what an export sends: the selection, its size estimate, and its body lines."""

from __future__ import annotations

import base64
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from interview_app.sync.records import (
    KIND_AUDIT,
    KIND_OFFICER,
    KIND_QUESTIONNAIRE,
    KIND_REFERRAL_STEP,
    KIND_RESOLUTION,
    KIND_REVIEW,
    REFERRAL_STEP_FIELDS,
    RESOLUTION_FIELDS,
    REVIEW_FIELDS,
    Tally,
    dumps,
    encode_line,
    interview_key,
)
from interview_app.sync.tables import quote_identifier, table_columns, table_exists

EXPORTED_STATUSES = ("completed", "voided")  # drafts stay on the counter that is taking them
_AUDIT_COLUMNS = (
    "seq",
    "at",
    "actor",
    "action",
    "object_type",
    "object_id",
    "details",
    "prev_hash",
    "hash",
)
# Related rows as JSON built by SQLite: text and integers only, so nothing is rounded
# (flags carry a REAL weight and are read in Python instead).
_RELATED = (
    "(SELECT count(*) FROM answers a WHERE a.interview_uuid = i.uuid),"
    " (SELECT json_group_array(json_array(a.question_id, a.value, a.answered_at))"
    "  FROM answers a WHERE a.interview_uuid = i.uuid),"
    " (SELECT count(*) FROM flags f WHERE f.interview_uuid = i.uuid),"
    " (SELECT count(*) FROM interview_revisions r WHERE r.interview_uuid = i.uuid),"
    " (SELECT json_group_array(json_array(r.revision, r.snapshot, r.reason, r.revised_by,"
    "  r.revised_at)) FROM interview_revisions r WHERE r.interview_uuid = i.uuid)"
)
_FLAGS = (
    "SELECT rule_id, position, weight, hard, reason_id, reason_en FROM flags"
    " WHERE interview_uuid = ? ORDER BY position"
)


def selection_where(conn: sqlite3.Connection, destination: str | None) -> tuple[str, list[Any]]:
    """The WHERE clause (over `interviews i`) of what goes out: completed and voided
    interviews, and for an incremental export only those not yet sent to `destination` with
    the same content."""
    where = "i.status IN (?, ?) AND i.content_hash IS NOT NULL"
    params: list[Any] = list(EXPORTED_STATUSES)
    if destination is not None and table_exists(conn, "sync_sent"):
        where += (
            " AND NOT EXISTS (SELECT 1 FROM sync_sent s WHERE s.destination = ?"
            " AND s.uuid = i.uuid AND s.content_hash = i.content_hash)"
        )
        params.append(destination)
    return where, params


def review_selection(conn: sqlite3.Connection, destination: str | None) -> tuple[str, list[Any]]:
    """The WHERE clause (over `reviews r`) of the review marks that go out: all of them, or
    for an incremental export those not yet sent to `destination`."""
    if destination is None or not table_exists(conn, "sync_sent_reviews"):
        return "1", []
    return (
        "NOT EXISTS (SELECT 1 FROM sync_sent_reviews s WHERE s.destination = ?"
        " AND s.review_uuid = r.uuid)",
        [destination],
    )


def review_estimate(conn: sqlite3.Connection, where: str, params: list[Any]) -> tuple[int, int]:
    """(marks, an upper estimate of their lines' bytes before compression)."""
    count, size = conn.execute(
        "SELECT count(*), total(coalesce(length(CAST(r.comment AS BLOB)), 4) * 2"
        f" + length(CAST(r.workstation_id AS BLOB)) + 400) FROM reviews r WHERE {where}",
        params,
    ).fetchone()
    return int(count), int(size)


def referral_selection(conn: sqlite3.Connection, destination: str | None) -> tuple[str, list[Any]]:
    """The WHERE clause (over `referral_steps f`) of the follow-up steps that go out: all of
    them, or for an incremental export those not yet sent to `destination`."""
    if not table_exists(conn, "referral_steps"):
        return "0", []
    if destination is None or not table_exists(conn, "sync_sent_referrals"):
        return "1", []
    return (
        "NOT EXISTS (SELECT 1 FROM sync_sent_referrals s WHERE s.destination = ?"
        " AND s.step_uuid = f.uuid)",
        [destination],
    )


def resolution_selection(
    conn: sqlite3.Connection, destination: str | None
) -> tuple[str, list[Any]]:
    """The WHERE clause (over `c`, sync_resolutions) of the supervisors' conflict settlements
    that go out: all, or those not yet sent to `destination`; "0" when there are none."""
    if not table_exists(conn, "sync_resolutions"):
        return "0", []
    if destination is None or not table_exists(conn, "sync_sent_resolutions"):
        return "1", []
    return (
        "NOT EXISTS (SELECT 1 FROM sync_sent_resolutions s WHERE s.destination = ?"
        " AND s.resolution_uuid = c.uuid)",
        [destination],
    )


def referral_estimate(conn: sqlite3.Connection, where: str, params: list[Any]) -> tuple[int, int]:
    """(steps, an upper estimate of their lines' bytes before compression)."""
    if where == "0":
        return 0, 0
    count, size = conn.execute(
        "SELECT count(*), total(coalesce(length(CAST(f.complaint_no AS BLOB)), 4) * 2"
        f" + length(CAST(f.workstation_id AS BLOB)) + 400) FROM referral_steps f WHERE {where}",
        params,
    ).fetchone()
    return int(count), int(size)


def resolution_estimate(conn: sqlite3.Connection, where: str, params: list[Any]) -> tuple[int, int]:
    """(settlements, an upper estimate of their lines' bytes before compression)."""
    if where == "0":
        return 0, 0
    count, size = conn.execute(
        "SELECT count(*), total(length(CAST(c.kept_version AS BLOB)) * 2"
        f" + length(CAST(c.reason AS BLOB)) * 2 + 600) FROM sync_resolutions c WHERE {where}",
        params,
    ).fetchone()
    return int(count), int(size)


def resolution_lines(
    conn: sqlite3.Connection, where: str, params: list[Any], tally: Tally, out: ExportedSet
) -> Iterator[bytes]:
    """Supervisors' settlements of sync conflicts, made here or relayed, oldest first."""
    if where == "0":
        return
    columns = ", ".join(f"c.{name}" for name in RESOLUTION_FIELDS)
    cursor = conn.execute(
        f"SELECT {columns} FROM sync_resolutions c WHERE {where} ORDER BY c.at, c.uuid", params
    )
    for row in cursor:
        record = dict(zip(RESOLUTION_FIELDS, row, strict=True))
        line = encode_line([KIND_RESOLUTION, record["uuid"], record["interview_uuid"]], record)
        tally.add("resolutions", line, resolutions=1)
        out.resolutions.append((record["uuid"], record["interview_uuid"]))
        yield line


@dataclass(frozen=True)
class SizeEstimate:
    interviews: int
    max_body_bytes: int  # uncompressed, escaping allowed for: the package is smaller


def estimate(conn: sqlite3.Connection, where: str, params: list[Any]) -> SizeEstimate:
    """An upper estimate of the body before compression, from the stored byte lengths."""
    columns = table_columns(conn, "interviews")
    row_bytes = " + ".join(
        f"coalesce(length(CAST(i.{quote_identifier(c)} AS BLOB)), 4) + 8" for c in columns
    )
    count, interview_bytes = conn.execute(
        f"SELECT count(*), total({row_bytes}) FROM interviews i WHERE {where}", params
    ).fetchone()
    related = conn.execute(
        "SELECT"
        " (SELECT total(length(CAST(a.question_id AS BLOB)) + length(CAST(a.value AS BLOB))"
        "  + 48) FROM answers a JOIN interviews i ON i.uuid = a.interview_uuid"
        f"  WHERE {where}),"
        " (SELECT total(length(CAST(f.rule_id AS BLOB)) + length(CAST(f.reason_id AS BLOB))"
        "  + length(CAST(f.reason_en AS BLOB)) + 64) FROM flags f"
        f"  JOIN interviews i ON i.uuid = f.interview_uuid WHERE {where}),"
        " (SELECT total(length(CAST(r.snapshot AS BLOB)) + length(CAST(r.reason AS BLOB))"
        "  + 64) FROM interview_revisions r JOIN interviews i ON i.uuid = r.interview_uuid"
        f"  WHERE {where}),"
        " (SELECT total(length(CAST(details AS BLOB)) + 400) FROM audit_log"
        "  WHERE object_type = 'interview')",
        params * 3,
    ).fetchone()
    total = float(interview_bytes) + sum(float(value) for value in related)
    if table_exists(conn, "slips"):
        slip_columns = table_columns(conn, "slips")
        slip_bytes = " + ".join(
            f"coalesce(length(CAST({quote_identifier(c)} AS BLOB)), 4) * 2 + 8"
            for c in slip_columns
        )
        total += float(conn.execute(f"SELECT total({slip_bytes}) FROM slips").fetchone()[0])
    # JSON text inside JSON strings (answer values, snapshots) gains escapes; keep a margin.
    return SizeEstimate(int(count), int(total * 1.3) + 64 * int(count) + 64 * 1024)


def _jsonable(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"$base64": base64.b64encode(value).decode("ascii")}
    return value


class _Slips:
    """Slip records (a `slips` table with an `interview_uuid` column), if the table exists."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.by_uuid: dict[str, list[dict[str, Any]]] = {}
        if "interview_uuid" not in table_columns(conn, "slips"):
            return
        cursor = conn.execute("SELECT * FROM slips")
        names = [column[0] for column in cursor.description]
        for row in cursor:
            record = {name: _jsonable(value) for name, value in zip(names, row, strict=True)}
            self.by_uuid.setdefault(str(record["interview_uuid"]), []).append(record)


@dataclass
class ExportedSet:
    """Filled while the lines are produced: what went out (for sync_sent)."""

    sent: list[tuple[str, str]] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    questionnaire_hashes: set[str] = field(default_factory=set)
    reviews: list[tuple[str, str]] = field(default_factory=list)  # (review, interview uuid)
    reviewers: set[tuple[str, int]] = field(default_factory=set)  # (workstation, officer id)
    referrals: list[tuple[str, str]] = field(default_factory=list)  # (step, interview uuid)
    resolutions: list[tuple[str, str]] = field(default_factory=list)  # (uuid, interview uuid)


def interview_lines(
    conn: sqlite3.Connection,
    where: str,
    params: list[Any],
    tally: Tally,
    out: ExportedSet,
    own_workstation: str,
) -> Iterator[bytes]:
    slips = _Slips(conn)
    cursor = conn.execute(
        f"SELECT i.*, {_RELATED} FROM interviews i WHERE {where} ORDER BY i.rowid", params
    )
    names = [column[0] for column in cursor.description][:-5]
    width = len(names)
    for row in cursor:
        values = row[:width]
        interview = dict(zip(names, values, strict=True))
        n_answers, answers_json, n_flags, n_revisions, revisions_json = row[width:]
        uuid = interview["uuid"]
        flags = [list(f) for f in conn.execute(_FLAGS, (uuid,))] if n_flags else []
        slip_rows = slips.by_uuid.get(uuid, [])
        record = b"".join(
            (
                b'{"interview":',
                dumps(interview),
                b',"answers":',
                answers_json.encode("utf-8"),
                b',"flags":',
                dumps(flags),
                b',"revisions":',
                revisions_json.encode("utf-8"),
                b',"slips":',
                dumps(slip_rows),
                b"}",
            )
        )
        key = interview_key(
            uuid,
            interview["revision"],
            interview["content_hash"],
            interview["workstation_id"],
            interview["ref_no"],
            n_answers,
            len(flags),
            n_revisions,
            len(slip_rows),
        )
        line = dumps(key) + b"\t" + record + b"\n"
        tally.add(
            "interviews",
            line,
            interviews=1,
            answers=n_answers,
            flags=len(flags),
            revisions=n_revisions,
            slips=len(slip_rows),
        )
        out.sent.append((uuid, interview["content_hash"]))
        out.questionnaire_hashes.add(interview["questionnaire_hash"])
        if interview["workstation_id"] != own_workstation:
            out.foreign.append(uuid)
        yield line


def review_lines(
    conn: sqlite3.Connection, where: str, params: list[Any], tally: Tally, out: ExportedSet
) -> Iterator[bytes]:
    """Supervisors' review marks, made here or relayed from other workstations, in the order
    they were stored here."""
    columns = ", ".join(f"r.{name}" for name in REVIEW_FIELDS)
    cursor = conn.execute(f"SELECT {columns} FROM reviews r WHERE {where} ORDER BY r.id", params)
    for row in cursor:
        record = dict(zip(REVIEW_FIELDS, row, strict=True))
        line = encode_line([KIND_REVIEW, record["uuid"], record["interview_uuid"]], record)
        tally.add("reviews", line, reviews=1)
        out.reviews.append((record["uuid"], record["interview_uuid"]))
        out.reviewers.add((record["workstation_id"], record["by_officer"]))
        yield line


def referral_lines(
    conn: sqlite3.Connection, where: str, params: list[Any], tally: Tally, out: ExportedSet
) -> Iterator[bytes]:
    """Referral follow-up steps, recorded here or relayed, in the order they were stored here."""
    if where == "0":
        return
    columns = ", ".join(f"f.{name}" for name in REFERRAL_STEP_FIELDS)
    cursor = conn.execute(
        f"SELECT {columns} FROM referral_steps f WHERE {where} ORDER BY f.id", params
    )
    for row in cursor:
        record = dict(zip(REFERRAL_STEP_FIELDS, row, strict=True))
        line = encode_line([KIND_REFERRAL_STEP, record["uuid"], record["interview_uuid"]], record)
        tally.add("referrals", line, referrals=1)
        out.referrals.append((record["uuid"], record["interview_uuid"]))
        yield line


def questionnaire_lines(
    conn: sqlite3.Connection, hashes: set[str], tally: Tally
) -> Iterator[bytes]:
    for digest in sorted(hashes):
        row = conn.execute(
            "SELECT hash, id, version, source FROM questionnaires WHERE hash = ?", (digest,)
        ).fetchone()
        if row is None:
            continue
        record = {"hash": row[0], "id": row[1], "version": row[2], "source": row[3]}
        line = encode_line([KIND_QUESTIONNAIRE, row[0]], record)
        tally.add("questionnaires", line, questionnaires=1)
        yield line


def officer_lines(
    conn: sqlite3.Connection,
    where: str,
    params: list[Any],
    own_workstation: str,
    tally: Tally,
    reviewers: set[tuple[str, int]] | None = None,
) -> Iterator[bytes]:
    """Name, NIP and role of every officer the interviews and review marks sent refer to
    (deciding officer, revisers, reviewing supervisors): ours from `officers`, other
    workstations' as they reached us. No passwords."""
    found = conn.execute(
        f"SELECT i.workstation_id, i.officer_id FROM interviews i WHERE {where}"
        " AND i.officer_id IS NOT NULL"
        " UNION SELECT i.workstation_id, r.revised_by FROM interview_revisions r"
        f" JOIN interviews i ON i.uuid = r.interview_uuid WHERE {where}"
        " AND r.revised_by IS NOT NULL",
        params * 2,
    ).fetchall()
    referenced = sorted({(str(w), int(o)) for w, o in found} | (reviewers or set()))
    foreign = table_exists(conn, "sync_officers")
    for workstation, officer_id in referenced:
        if workstation == own_workstation:
            row = conn.execute(
                "SELECT username, full_name, nip, role FROM officers WHERE id = ?", (officer_id,)
            ).fetchone()
        elif foreign:
            row = conn.execute(
                "SELECT username, full_name, nip, role FROM sync_officers"
                " WHERE workstation_id = ? AND officer_id = ?",
                (workstation, officer_id),
            ).fetchone()
        else:
            row = None
        if row is None:
            continue
        record = {
            "workstation_id": workstation,
            "id": officer_id,
            "username": row[0],
            "full_name": row[1],
            "nip": row[2],
            "role": row[3],
        }
        line = encode_line([KIND_OFFICER, workstation, officer_id], record)
        tally.add("officers", line, officers=1)
        yield line


def audit_lines(
    conn: sqlite3.Connection, own_workstation: str, out: ExportedSet, tally: Tally
) -> Iterator[bytes]:
    """Our own entries about the interviews sent and the interviews of the review marks sent,
    then relayed entries of other workstations about the interviews sent."""
    uuids = {uuid for uuid, _ in out.sent} | {interview for _, interview in out.reviews}
    columns = ", ".join(_AUDIT_COLUMNS)
    cursor = conn.execute(
        f"SELECT {columns} FROM audit_log WHERE object_type = 'interview' ORDER BY seq"
    )
    for row in cursor:
        if row[5] in uuids:
            yield _audit_line(own_workstation, row, tally)
    if not out.foreign or not table_exists(conn, "sync_foreign_audit"):
        return
    for uuid in out.foreign:
        for row in conn.execute(
            f"SELECT source_workstation, {columns} FROM sync_foreign_audit"
            " WHERE object_type = 'interview' AND object_id = ? ORDER BY source_workstation, seq",
            (uuid,),
        ):
            if row[0] != own_workstation:
                yield _audit_line(row[0], row[1:], tally)


def _audit_line(source: str, row: tuple[Any, ...], tally: Tally) -> bytes:
    record = dict(zip(_AUDIT_COLUMNS, row, strict=True))
    line = encode_line([KIND_AUDIT, source, record["seq"]], record)
    tally.add("audit", line, audit=1)
    return line
