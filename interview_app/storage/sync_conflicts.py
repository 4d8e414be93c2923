"""The state of a sync conflict set aside for the supervisor: settled or not, and the content
hashes of its two versions."""

from __future__ import annotations

from dataclasses import dataclass

from interview_app.storage.database import Database
from interview_app.storage.rows import named_row


@dataclass(frozen=True)
class ConflictState:
    resolved_at: str | None
    local_content_hash: str | None
    incoming_content_hash: str | None


class SyncConflicts:
    """The `sync_conflicts` table, read for the supervisor's conflict desk."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def state(self, conflict_id: int) -> ConflictState | None:
        """None when there is no such conflict (or no sync has made the table yet)."""
        conn = self._database.conn
        table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_conflicts'"
        ).fetchone()
        if table is None:
            return None
        row = named_row(
            conn,
            "SELECT resolved_at, local_content_hash, incoming_content_hash FROM sync_conflicts"
            " WHERE id = ?",
            (int(conflict_id),),
        )
        if row is None:
            return None
        return ConflictState(
            row["resolved_at"], row["local_content_hash"], row["incoming_content_hash"]
        )
