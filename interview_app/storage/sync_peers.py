"""What other workstations' packages told us: their officers' names, their audit entries about
the interviews they sent, and the heads of their audit chains (outside anchors)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from interview_app.errors import KnownError
from interview_app.storage.database import Database
from interview_app.storage.settings import WORKSTATION_ID
from interview_app.storage.sqlerrors import SQLITE_ERRORS
from interview_app.storage.sync_records import (
    CHAIN_ENTRY_FIELDS,
    ChainEntry,
    columns_sql,
    named_records,
    row_dicts,
)


@dataclass(frozen=True)
class ForeignOfficer:
    """Who an officer id of another workstation is (names only, never passwords)."""

    workstation_id: str
    officer_id: int
    username: str
    full_name: str
    nip: str | None
    role: str


_OFFICER_COLUMNS = columns_sql(tuple(f.name for f in fields(ForeignOfficer)))
_ENTRY_COLUMNS = columns_sql(CHAIN_ENTRY_FIELDS)


@dataclass(frozen=True, slots=True)
class ForeignChainEntry:
    source_workstation: str
    entry: ChainEntry


class PeerRecords:
    """sync_officers, sync_foreign_audit and sync_anchors. Writes join the caller's
    transaction."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def officer(self, workstation_id: str, officer_id: int) -> ForeignOfficer | None:
        cursor = self._database.conn.execute(
            f"SELECT {_OFFICER_COLUMNS} FROM sync_officers"
            " WHERE workstation_id = ? AND officer_id = ?",
            (workstation_id, int(officer_id)),
        )
        return next(named_records(cursor, ForeignOfficer), None)

    def remember_officer(self, officer: ForeignOfficer, received_at: str) -> None:
        """Add or update (a name or role may have changed there)."""
        self._database.conn.execute(
            "INSERT INTO sync_officers (workstation_id, officer_id, username, full_name, nip,"
            " role, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (workstation_id, officer_id) DO UPDATE SET username = excluded.username,"
            " full_name = excluded.full_name, nip = excluded.nip, role = excluded.role,"
            " received_at = excluded.received_at",
            (
                officer.workstation_id,
                officer.officer_id,
                officer.username,
                officer.full_name,
                officer.nip,
                officer.role,
                received_at,
            ),
        )

    def add_audit_entries(self, rows: Sequence[Sequence[Any]]) -> int:
        """Keep entries of other chains (each once): each row the source workstation, then the
        entry's fields in CHAIN_ENTRY_FIELDS order (as an import reads them, checked). How
        many were new."""
        cursor = self._database.conn.executemany(
            f"INSERT OR IGNORE INTO sync_foreign_audit (source_workstation, {_ENTRY_COLUMNS})"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        return max(cursor.rowcount, 0)

    def audit_entries_about(self, interview_uuid: str) -> Iterator[ForeignChainEntry]:
        """Other chains' entries about an interview, by workstation, then in chain order."""
        cursor = self._database.conn.execute(
            f"SELECT source_workstation, {_ENTRY_COLUMNS} FROM sync_foreign_audit"
            " WHERE object_type = 'interview' AND object_id = ? ORDER BY source_workstation, seq",
            (interview_uuid,),
        )
        for record in row_dicts(cursor):
            source = record.pop("source_workstation")
            yield ForeignChainEntry(source, ChainEntry(**record))

    def add_anchor(
        self, source_workstation: str, head: tuple[int, str], package_id: str, received_at: str
    ) -> None:
        """The (seq, hash) head of `source_workstation`'s chain a package carried (once)."""
        self._database.conn.execute(
            "INSERT OR IGNORE INTO sync_anchors (source_workstation, audit_seq, audit_hash,"
            " package_id, received_at) VALUES (?, ?, ?, ?, ?)",
            (source_workstation, *head, package_id, received_at),
        )

    def anchors(self, source_workstation: str) -> list[tuple[int, str]]:
        """The chain heads its packages carried, oldest first."""
        cursor = self._database.conn.execute(
            "SELECT audit_seq, audit_hash FROM sync_anchors WHERE source_workstation = ?"
            " ORDER BY audit_seq",
            (source_workstation,),
        )
        return [_anchor(row) for row in row_dicts(cursor)]


def _read_only(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise KnownError(f"Tidak ada basis data di {path}.", f"There is no database at {path}.")
    try:
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except SQLITE_ERRORS as exc:
        raise KnownError(
            f"Basis data {path} tidak dapat dibuka untuk dibaca: {exc}.",
            f"The database {path} cannot be opened for reading: {exc}.",
        ) from exc


def workstation_in(database_file: Path) -> str | None:
    """The workstation id a database file belongs to (its settings), read only."""
    conn = _read_only(database_file)
    try:
        cursor = conn.execute("SELECT value FROM settings WHERE key = ?", (WORKSTATION_ID,))
        row = next(row_dicts(cursor), None)
    except SQLITE_ERRORS:
        return None
    finally:
        conn.close()
    return str(json.loads(row["value"])) if row else None


def newest_anchor_in(database_file: Path, workstation_id: str) -> tuple[int, str] | None:
    """The newest (audit seq, hash) of `workstation_id` held in another workstation's database
    file, read only (a file of a release before m006 may have no sync_anchors: None)."""
    conn = _read_only(database_file)
    try:
        exists = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_anchors'"
        ).fetchone()
        if not exists:
            return None
        cursor = conn.execute(
            "SELECT audit_seq, audit_hash FROM sync_anchors WHERE source_workstation = ?"
            " ORDER BY audit_seq DESC LIMIT 1",
            (workstation_id,),
        )
        row = next(row_dicts(cursor), None)
    except SQLITE_ERRORS as exc:
        folder = database_file.parent
        raise KnownError(
            f"Jangkar audit di {folder} tidak terbaca: {exc}.",
            f"The audit anchors in {folder} cannot be read: {exc}.",
        ) from exc
    finally:
        conn.close()
    return _anchor(row) if row else None


def _anchor(row: dict[str, Any]) -> tuple[int, str]:
    return int(row["audit_seq"]), str(row["audit_hash"])
