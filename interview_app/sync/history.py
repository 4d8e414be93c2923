"""The sync history (every export and import), the per-destination state, and the anchors."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from interview_app.errors import KnownError
from interview_app.storage.audit import AuditLog
from interview_app.storage.database import Database
from interview_app.sync.manifest import Manifest
from interview_app.sync.station import Station
from interview_app.sync.tables import ensure_tables, table_exists


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    kind: str
    package_id: str
    office_code: str
    source_workstation: str
    sequence: int
    at: str
    actor: str
    file_name: str
    destination: str | None
    full: bool
    counts: dict[str, Any]


def next_export_sequence(conn: sqlite3.Connection) -> int:
    """One more than the last successful export's number; numbers only grow."""
    if not table_exists(conn, "sync_history"):
        return 1
    row = conn.execute("SELECT max(sequence) FROM sync_history WHERE kind = 'export'").fetchone()
    return int(row[0] or 0) + 1


def reserve_export_sequence(database: Database, at: str) -> int:
    """The next export number, recorded as taken in its own committed transaction (BEGIN
    IMMEDIATE: two exports at once queue here) before anything is written."""
    with database.transaction() as conn:
        ensure_tables(conn)
        reserved = conn.execute("SELECT max(sequence) FROM sync_export_numbers").fetchone()[0]
        sequence = max(int(reserved or 0) + 1, next_export_sequence(conn))
        conn.execute(
            "INSERT INTO sync_export_numbers (sequence, reserved_at) VALUES (?, ?)",
            (sequence, at),
        )
    return sequence


def release_export_sequence(database: Database, sequence: int) -> None:
    """Give back a number no package carries (the export failed before its rename), so that a
    refused export leaves the database as it was. Best effort: a full disk keeps it taken,
    which costs a gap in the numbers, never a number twice."""
    try:
        with database.transaction() as conn:
            conn.execute("DELETE FROM sync_export_numbers WHERE sequence = ?", (sequence,))
    except (KnownError, sqlite3.Error):
        pass


def imported_before(conn: sqlite3.Connection, package_id: str) -> bool:
    if not table_exists(conn, "sync_history"):
        return False
    row = conn.execute(
        "SELECT 1 FROM sync_history WHERE kind = 'import' AND package_id = ?", (package_id,)
    ).fetchone()
    return row is not None


def insert_history(
    conn: sqlite3.Connection,
    kind: str,
    manifest: Manifest,
    *,
    at: str,
    actor: str,
    file_name: str,
    destination: str | None,
    counts: dict[str, Any],
) -> None:
    conn.execute(
        "INSERT INTO sync_history (kind, package_id, office_code, source_workstation, sequence,"
        " at, actor, file_name, destination, full, counts)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            kind,
            manifest.package_id,
            manifest.office_code,
            manifest.source_workstation,
            manifest.sequence,
            at,
            actor,
            file_name,
            destination,
            int(manifest.full),
            json.dumps(counts, sort_keys=True),
        ),
    )


def record_export(
    database: Database,
    audit: AuditLog,
    station: Station,
    manifest: Manifest,
    file_name: str,
    destination: str,
    sent: Sequence[tuple[str, str]],
    actor: str,
    at: str,
    *,
    reviews_sent: Sequence[tuple[str, str]] = (),
    referrals_sent: Sequence[tuple[str, str]] = (),
    resolutions_sent: Sequence[tuple[str, str]] = (),
) -> None:
    """After the package is in place: history, what the destination now has (interviews:
    uuid and content hash; review marks and conflict resolutions: (uuid, interview uuid)),
    audit entry."""
    with database.transaction() as conn:
        ensure_tables(conn)
        insert_history(
            conn,
            "export",
            manifest,
            at=at,
            actor=actor,
            file_name=file_name,
            destination=destination,
            counts=manifest.counts,
        )
        conn.executemany(
            "INSERT INTO sync_sent (destination, uuid, content_hash) VALUES (?, ?, ?)"
            " ON CONFLICT (destination, uuid) DO UPDATE SET content_hash = excluded.content_hash",
            [(destination, uuid, digest) for uuid, digest in sent],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO sync_sent_reviews (destination, review_uuid, interview_uuid)"
            " VALUES (?, ?, ?)",
            [(destination, review, interview) for review, interview in reviews_sent],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO sync_sent_referrals (destination, step_uuid, interview_uuid)"
            " VALUES (?, ?, ?)",
            [(destination, step, interview) for step, interview in referrals_sent],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO sync_sent_resolutions (destination, resolution_uuid,"
            " interview_uuid) VALUES (?, ?, ?)",
            [(destination, uuid, interview) for uuid, interview in resolutions_sent],
        )
        audit.append(
            actor,
            "export",
            "sync_package",
            manifest.package_id,
            {
                "sequence": manifest.sequence,
                "full": manifest.full,
                "file": file_name,
                "counts": manifest.counts,
            },
        )


def history(database: Database, limit: int = 500) -> list[HistoryEntry]:
    """Exports and imports, newest first (for the sync history screen)."""
    conn = database.conn
    if not table_exists(conn, "sync_history"):
        return []
    rows = conn.execute(
        "SELECT id, kind, package_id, office_code, source_workstation, sequence, at, actor,"
        " file_name, destination, full, counts FROM sync_history ORDER BY id DESC LIMIT ?",
        (int(limit),),
    )
    return [
        HistoryEntry(
            id_,
            kind,
            package,
            office,
            source,
            sequence,
            at,
            actor,
            name,
            to,
            bool(full),
            json.loads(counts),
        )
        for id_, kind, package, office, source, sequence, at, actor, name, to, full, counts in rows
    ]


def anchors(database: Database, source_workstation: str) -> list[tuple[int, str]]:
    """The audit chain heads other packages of `source_workstation` carried, oldest first:
    give the newest to that workstation's `db check` to notice a cut-off chain."""
    conn = database.conn
    if not table_exists(conn, "sync_anchors"):
        return []
    rows = conn.execute(
        "SELECT audit_seq, audit_hash FROM sync_anchors WHERE source_workstation = ?"
        " ORDER BY audit_seq",
        (source_workstation,),
    )
    return [(int(seq), str(digest)) for seq, digest in rows]
