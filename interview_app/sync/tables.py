"""The sync package's own tables, created at first write (CREATE TABLE IF NOT EXISTS)."""

from __future__ import annotations

import sqlite3

# Never altered in place: a later shape gets a new table name (or a storage migration).
SYNC_TABLES: dict[str, str] = {
    # Every successful export and import (refused packages change nothing, so are not here).
    "sync_history": """CREATE TABLE IF NOT EXISTS sync_history (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('export', 'import')),
        package_id TEXT NOT NULL,
        office_code TEXT NOT NULL,
        source_workstation TEXT NOT NULL,
        sequence INTEGER NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        file_name TEXT NOT NULL,
        destination TEXT,
        full INTEGER NOT NULL DEFAULT 0,
        counts TEXT NOT NULL,
        UNIQUE (kind, package_id)
    ) STRICT""",
    # Per export destination, what went there last (uuid -> content hash sent).
    "sync_sent": """CREATE TABLE IF NOT EXISTS sync_sent (
        destination TEXT NOT NULL,
        uuid TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        PRIMARY KEY (destination, uuid)
    ) STRICT, WITHOUT ROWID""",
    # Per export destination, the review marks sent there (marks never change once made).
    "sync_sent_reviews": """CREATE TABLE IF NOT EXISTS sync_sent_reviews (
        destination TEXT NOT NULL,
        review_uuid TEXT NOT NULL,
        interview_uuid TEXT NOT NULL,
        PRIMARY KEY (destination, review_uuid)
    ) STRICT, WITHOUT ROWID""",
    # Per export destination, the referral follow-up steps sent there (steps never change).
    "sync_sent_referrals": """CREATE TABLE IF NOT EXISTS sync_sent_referrals (
        destination TEXT NOT NULL,
        step_uuid TEXT NOT NULL,
        interview_uuid TEXT NOT NULL,
        PRIMARY KEY (destination, step_uuid)
    ) STRICT, WITHOUT ROWID""",
    # Same uuid and revision with other content, an owner mismatch, a reference number taken:
    # both versions kept for a supervisor; nothing overwritten.
    "sync_conflicts": """CREATE TABLE IF NOT EXISTS sync_conflicts (
        id INTEGER PRIMARY KEY,
        detected_at TEXT NOT NULL,
        package_id TEXT NOT NULL,
        source_workstation TEXT NOT NULL,
        interview_uuid TEXT NOT NULL,
        kind TEXT NOT NULL,
        local_uuid TEXT,
        local_revision INTEGER,
        local_content_hash TEXT,
        incoming_revision INTEGER NOT NULL,
        incoming_content_hash TEXT NOT NULL,
        local_version TEXT,
        incoming_version TEXT NOT NULL,
        resolved_at TEXT,
        resolved_by TEXT,
        UNIQUE (interview_uuid, kind, incoming_revision, incoming_content_hash)
    ) STRICT""",
    # A supervisor's settlement of a conflict: which version is kept (its content hash and the
    # whole version), which is dropped, and why. Made once, never changed; travels in packages
    # (C lines) so that every workstation keeps the same version. `subject_uuid` names the
    # interview or review mark the two versions are of.
    "sync_resolutions": """CREATE TABLE IF NOT EXISTS sync_resolutions (
        uuid TEXT PRIMARY KEY,
        interview_uuid TEXT NOT NULL,
        kind TEXT NOT NULL,
        subject_uuid TEXT NOT NULL,
        revision INTEGER NOT NULL,
        keep TEXT NOT NULL CHECK (keep IN ('local', 'incoming')),
        kept_hash TEXT NOT NULL,
        dropped_hash TEXT NOT NULL,
        kept_version TEXT NOT NULL,
        reason TEXT NOT NULL,
        workstation_id TEXT NOT NULL,
        by_officer INTEGER NOT NULL,
        at TEXT NOT NULL
    ) STRICT""",
    # Per export destination, the resolutions sent there.
    "sync_sent_resolutions": """CREATE TABLE IF NOT EXISTS sync_sent_resolutions (
        destination TEXT NOT NULL,
        resolution_uuid TEXT NOT NULL,
        interview_uuid TEXT NOT NULL,
        PRIMARY KEY (destination, resolution_uuid)
    ) STRICT, WITHOUT ROWID""",
    # The source's audit chain head as carried by each package: an outside anchor.
    "sync_anchors": """CREATE TABLE IF NOT EXISTS sync_anchors (
        source_workstation TEXT NOT NULL,
        audit_seq INTEGER NOT NULL,
        audit_hash TEXT NOT NULL,
        package_id TEXT NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (source_workstation, audit_seq)
    ) STRICT""",
    # Who the officer ids of other workstations' interviews are (names only, never passwords).
    "sync_officers": """CREATE TABLE IF NOT EXISTS sync_officers (
        workstation_id TEXT NOT NULL,
        officer_id INTEGER NOT NULL,
        username TEXT NOT NULL,
        full_name TEXT NOT NULL,
        nip TEXT,
        role TEXT NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (workstation_id, officer_id)
    ) STRICT""",
    # Audit entries of other workstations about the interviews they sent (their own chain).
    "sync_foreign_audit": """CREATE TABLE IF NOT EXISTS sync_foreign_audit (
        source_workstation TEXT NOT NULL,
        seq INTEGER NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        object_type TEXT,
        object_id TEXT,
        details TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        PRIMARY KEY (source_workstation, seq)
    ) STRICT""",
    # Every export number handed out, committed before the package is written: a number is
    # never given twice, even when an export is killed after its rename or two run at once.
    "sync_export_numbers": """CREATE TABLE IF NOT EXISTS sync_export_numbers (
        sequence INTEGER PRIMARY KEY,
        reserved_at TEXT NOT NULL
    ) STRICT""",
}
_INDEXES = (
    "CREATE INDEX IF NOT EXISTS sync_foreign_audit_object"
    " ON sync_foreign_audit(object_type, object_id)",
    "CREATE INDEX IF NOT EXISTS sync_conflicts_open ON sync_conflicts(resolved_at)",
    "CREATE INDEX IF NOT EXISTS sync_resolutions_subject ON sync_resolutions(subject_uuid)",
)


def ensure_tables(conn: sqlite3.Connection) -> None:
    """Create the sync tables if missing; call inside the caller's write transaction."""
    for statement in SYNC_TABLES.values():
        conn.execute(statement)
    for statement in _INDEXES:
        conn.execute(statement)


def table_exists(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
    ).fetchone()
    return row is not None


def table_columns(conn: sqlite3.Connection, name: str) -> list[str]:
    """Column names of `name` in order (empty if there is no such table)."""
    return [str(row[1]) for row in conn.execute("SELECT * FROM pragma_table_info(?)", (name,))]


def quote_identifier(name: str) -> str:
    """A column name that came from this database's own schema, quoted for SQL."""
    return '"' + name.replace('"', '""') + '"'
