"""The outside anchor of a workstation's audit chain: the newest chain head that its packages
left in another workstation's database (`sync_anchors`). `db check --anchors-from` uses it
to notice a chain that was cut short after the export."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from interview_app.errors import KnownError
from interview_app.storage.paths import database_path
from interview_app.storage.settings import WORKSTATION_ID


def _read_only(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise KnownError(f"Tidak ada basis data di {path}.", f"There is no database at {path}.")
    try:
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise KnownError(
            f"Basis data {path} tidak dapat dibuka untuk dibaca: {exc}.",
            f"The database {path} cannot be opened for reading: {exc}.",
        ) from exc


def workstation_of(database_file: Path) -> str | None:
    """The workstation id a database file belongs to (its settings), read only."""
    conn = _read_only(database_file)
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (WORKSTATION_ID,)).fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return str(json.loads(row[0])) if row else None


def newest_anchor(other_data_dir: Path, workstation_id: str) -> tuple[int, str] | None:
    """The newest (audit seq, hash) of `workstation_id` held in the database of
    `other_data_dir`, or None when no package of that workstation was imported there."""
    conn = _read_only(database_path(Path(other_data_dir)))
    try:
        exists = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_anchors'"
        ).fetchone()
        if not exists:
            return None
        row = conn.execute(
            "SELECT audit_seq, audit_hash FROM sync_anchors WHERE source_workstation = ?"
            " ORDER BY audit_seq DESC LIMIT 1",
            (workstation_id,),
        ).fetchone()
    except sqlite3.Error as exc:
        raise KnownError(
            f"Jangkar audit di {other_data_dir} tidak terbaca: {exc}.",
            f"The audit anchors in {other_data_dir} cannot be read: {exc}.",
        ) from exc
    finally:
        conn.close()
    return (int(row[0]), str(row[1])) if row else None
