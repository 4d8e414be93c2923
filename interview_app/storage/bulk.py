"""Large offices made fast for the benchmark: rows written straight into the schema, and the
look-ups the bench needs to pick its work from them.

Nothing here serves an officer or a supervisor: a real interview is written through
`InterviewRepository` (autosave, revisions, audit). These writes skip that on purpose, so that
an office of a million interviews is built in seconds; what they write is what the
repositories read.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from interview_app.storage.audit import AuditLog
from interview_app.storage.cipher import connect_keyed
from interview_app.storage.database import Database
from interview_app.storage.paths import database_path

# What a sync package carries (sync.export): completed and voided interviews.
EXPORTED = "status IN ('completed', 'voided')"
_BATCH = 5000


@dataclass(frozen=True)
class BareInterview:
    """A completed interview with identity and score but no answers: enough for look-ups."""

    uuid: str
    ref_no: str
    created_at: str
    nik: str
    full_name: str
    passport_no: str
    score: float


def insert_bare_interviews(
    database: Database,
    interviews: Iterable[BareInterview],
    *,
    office_code: str = "PLU",
    workstation_id: str = "bench",
    questionnaire_id: str = "tppo-default",
) -> None:
    """Write `interviews` as completed (outcome TERBIT) in one transaction, in batches, then
    refresh the query planner's statistics."""
    sql = (
        "INSERT INTO interviews (uuid, ref_no, office_code, workstation_id, questionnaire_id,"
        " questionnaire_version, questionnaire_hash, status, created_at, updated_at, language,"
        " nik, full_name, passport_no, score, hard_flag, chosen_outcome)"
        " VALUES (?, ?, ?, ?, ?, 1, ?, 'completed', ?, ?, 'id', ?, ?, ?, ?, 0, 'TERBIT')"
    )
    batch: list[tuple[object, ...]] = []
    with database.transaction() as conn:
        for row in interviews:
            batch.append(
                (
                    row.uuid,
                    row.ref_no,
                    office_code,
                    workstation_id,
                    questionnaire_id,
                    "0" * 64,
                    row.created_at,
                    row.created_at,
                    row.nik,
                    row.full_name,
                    row.passport_no,
                    row.score,
                )
            )
            if len(batch) >= _BATCH:
                conn.executemany(sql, batch)
                batch.clear()
        conn.executemany(sql, batch)
    database.conn.execute("ANALYZE")


def replicate_exported_interviews(database: Database, audit: AuditLog, target: int) -> int:
    """Copy the exported interviews (completed and voided) under new uuids and reference
    numbers until there are about `target` of them, each copy with its answers, flags and
    revisions and two audit entries (created, completed), as an import carries them. Returns
    how many copies of the originals were made."""
    conn = database.conn
    originals = [row[0] for row in conn.execute(f"SELECT uuid FROM interviews WHERE {EXPORTED}")]
    if not originals:
        return 0
    copies = max(0, -(-target // len(originals)) - 1)
    columns = [row[1] for row in conn.execute("SELECT * FROM pragma_table_info('interviews')")]
    renamed = {
        "uuid": "substr(uuid, 1, 24) || printf('%012d', ?1)",
        "ref_no": "ref_no || 'C' || ?1",
    }
    select = ", ".join(renamed.get(column, column) for column in columns)
    new_uuid = "substr(interview_uuid, 1, 24) || printf('%012d', ?1)"
    with database.transaction():
        conn.execute("CREATE TEMP TABLE originals (uuid TEXT PRIMARY KEY)")
        conn.executemany("INSERT INTO originals VALUES (?)", [(uuid,) for uuid in originals])
        for copy in range(1, copies + 1):
            conn.execute(
                f"INSERT INTO interviews ({', '.join(columns)}) SELECT {select}"
                " FROM interviews WHERE uuid IN (SELECT uuid FROM originals)",
                (copy,),
            )
            for table, rest in (
                ("answers", "question_id, value, answered_at"),
                ("flags", "rule_id, position, weight, hard, reason_id, reason_en"),
                ("interview_revisions", "revision, snapshot, reason, revised_by, revised_at"),
            ):
                conn.execute(
                    f"INSERT INTO {table} (interview_uuid, {rest}) SELECT {new_uuid}, {rest}"
                    f" FROM {table} WHERE interview_uuid IN (SELECT uuid FROM originals)",
                    (copy,),
                )
            for uuid in originals:
                copied = f"{uuid[:24]}{copy:012d}"
                audit.append("officer:2", "interview.create", "interview", copied, {})
                audit.append(
                    "officer:2", "interview.complete", "interview", copied, {"revision": 1}
                )
        conn.execute("DROP TABLE temp.originals")
    conn.execute("ANALYZE")
    return copies


def bare_connection(data_dir: Path, key: bytes | None = None) -> sqlite3.Connection:
    """A bare connection to the folder's database: Python's defaults, no settings of ours (but
    the page key of an encrypted database, which any reader of it needs)."""
    path = database_path(data_dir)
    return sqlite3.connect(path) if key is None else connect_keyed(path, key)


def created_at_rank(data_dir: Path, rank: int, key: bytes | None = None) -> str:
    """The stored creation time of the interview that has `rank` older ones (those created
    before it are the oldest `rank`), read on a plain connection that writes nothing (with the
    page key of an encrypted database)."""
    conn = bare_connection(data_dir, key)
    try:
        row = conn.execute(
            "SELECT created_at FROM interviews ORDER BY created_at LIMIT 1 OFFSET ?", (rank,)
        ).fetchone()
    finally:
        conn.close()
    return str(row[0])


def most_flagged_referral(database: Database) -> str | None:
    """The uuid of the completed referral (to BP3MI or to law enforcement) with the most red
    flags, or None."""
    row = database.conn.execute(
        "SELECT i.uuid FROM interviews i WHERE i.status = 'completed'"
        " AND i.chosen_outcome IN ('TUNDA_RUJUK_BP3MI', 'RUJUK_APH')"
        " ORDER BY (SELECT count(*) FROM flags f WHERE f.interview_uuid = i.uuid) DESC LIMIT 1"
    ).fetchone()
    return None if row is None else str(row[0])


def password_scheme(
    data_dir: Path, username: str, key: bytes | None = None
) -> tuple[str, int, int, int]:
    """The key-derivation scheme and its cost parameters (n, r, p) stored with the account's
    password hash (what signing in costs; not the salt or the hash), read on a plain
    connection that writes nothing (with the page key of an encrypted database)."""
    conn = bare_connection(data_dir, key)
    try:
        (stored,) = conn.execute(
            "SELECT password_hash FROM officers WHERE username = ?", (username,)
        ).fetchone()
    finally:
        conn.close()
    scheme, n, r, p = str(stored).split("$")[:4]
    return scheme, int(n), int(r), int(p)
