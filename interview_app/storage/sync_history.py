"""The sync history (every export and import) and the export numbers handed out."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from interview_app.errors import KnownError
from interview_app.storage.database import Database
from interview_app.storage.sqlerrors import SQLITE_ERRORS
from interview_app.storage.sync_records import named_records, row_dicts


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    kind: str  # "export" or "import"
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


def _entry(**row: Any) -> HistoryEntry:
    row["full"] = bool(row["full"])
    row["counts"] = json.loads(row["counts"])
    return HistoryEntry(**row)


class SyncHistory:
    """sync_history and sync_export_numbers."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def entries(self, limit: int = 500) -> list[HistoryEntry]:
        """Exports and imports, newest first."""
        cursor = self._database.conn.execute(
            "SELECT id, kind, package_id, office_code, source_workstation, sequence, at, actor,"
            " file_name, destination, full, counts FROM sync_history ORDER BY id DESC LIMIT ?",
            (int(limit),),
        )
        return list(named_records(cursor, _entry))

    def imported_before(self, package_id: str) -> bool:
        row = self._database.conn.execute(
            "SELECT 1 FROM sync_history WHERE kind = 'import' AND package_id = ?", (package_id,)
        ).fetchone()
        return row is not None

    def add(
        self,
        kind: str,
        *,
        package_id: str,
        office_code: str,
        source_workstation: str,
        sequence: int,
        at: str,
        actor: str,
        file_name: str,
        destination: str | None,
        full: bool,
        counts: dict[str, Any],
    ) -> None:
        """One export or import done (joins the caller's transaction)."""
        self._database.conn.execute(
            "INSERT INTO sync_history (kind, package_id, office_code, source_workstation,"
            " sequence, at, actor, file_name, destination, full, counts)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                kind,
                package_id,
                office_code,
                source_workstation,
                sequence,
                at,
                actor,
                file_name,
                destination,
                int(full),
                json.dumps(counts, sort_keys=True),
            ),
        )

    def reserve_export_number(self, at: str) -> int:
        """The next export number (one more than any handed out or carried by a package; numbers
        only grow), recorded as taken in its own committed transaction (BEGIN IMMEDIATE: two
        exports at once queue here) before anything is written."""
        if self._database.conn.in_transaction:
            raise RuntimeError("an export number is reserved outside any transaction")
        with self._database.transaction() as conn:
            row = conn.execute(
                "SELECT (SELECT max(sequence) FROM sync_export_numbers) AS reserved,"
                " (SELECT max(sequence) FROM sync_history WHERE kind = 'export') AS exported"
            )
            numbers = next(row_dicts(row))
            sequence = max(int(numbers["reserved"] or 0), int(numbers["exported"] or 0)) + 1
            conn.execute(
                "INSERT INTO sync_export_numbers (sequence, reserved_at) VALUES (?, ?)",
                (sequence, at),
            )
        return sequence

    def release_export_number(self, sequence: int) -> None:
        """Give back a number no package carries (the export failed before its rename), so that
        a refused export leaves the database as it was. Best effort: a full disk keeps it taken,
        which costs a gap in the numbers, never a number twice."""
        try:
            with self._database.transaction() as conn:
                conn.execute("DELETE FROM sync_export_numbers WHERE sequence = ?", (sequence,))
        except SQLITE_ERRORS + (KnownError,):
            pass
