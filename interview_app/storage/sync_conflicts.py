"""Sync conflicts set aside by imports, and the supervisors' settlements of them."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from interview_app.storage.database import Database
from interview_app.storage.sync_records import columns_sql, named_records


@dataclass(frozen=True)
class SetAside:
    """An incoming version put aside for a supervisor, with the local one it clashes with.
    `kind`: content_differs (same uuid and revision, other content), owner_differs (the uuid
    belongs to another workstation here), ref_no_taken (the reference number is another
    interview's), review_differs (a review mark's uuid with other content). The versions are
    JSON texts; the content hashes name them."""

    detected_at: str
    package_id: str
    source_workstation: str
    interview_uuid: str
    kind: str
    local_uuid: str | None
    local_revision: int | None
    local_content_hash: str | None
    incoming_revision: int
    incoming_content_hash: str
    local_version: str | None
    incoming_version: str


@dataclass(frozen=True)
class Conflict(SetAside):
    """A conflict as kept: what was set aside, its number, and when and by whom it was
    resolved (None while it waits)."""

    id: int
    resolved_at: str | None
    resolved_by: str | None


@dataclass(frozen=True)
class ConflictState:
    resolved_at: str | None
    local_content_hash: str | None
    incoming_content_hash: str | None


@dataclass(frozen=True)
class Resolution:
    """One settlement, as stored and as carried in packages (C lines): the sync_resolutions
    table's columns."""

    uuid: str
    interview_uuid: str
    kind: str
    subject_uuid: str
    revision: int
    keep: str
    kept_hash: str
    dropped_hash: str
    kept_version: str
    reason: str
    workstation_id: str
    by_officer: int
    at: str

    def values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in RESOLUTION_FIELDS)

    @property
    def rank(self) -> tuple[str, str]:
        """Two settlements of one record made apart: the later one counts everywhere (its
        uuid breaks a tie), so every workstation ends with the same version."""
        return (self.at, self.uuid)


RESOLUTION_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Resolution))
_CONFLICT_COLUMNS = columns_sql(tuple(f.name for f in fields(Conflict)))
_RESOLUTION_COLUMNS = columns_sql(RESOLUTION_FIELDS)
_RESOLUTION_MARKS = ", ".join("?" for _ in RESOLUTION_FIELDS)


_SET_ASIDE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(SetAside))
_SET_ASIDE_SQL = (
    f"INSERT OR IGNORE INTO sync_conflicts ({columns_sql(_SET_ASIDE_FIELDS)})"
    f" VALUES ({', '.join('?' for _ in _SET_ASIDE_FIELDS)})"
)


class SyncConflicts:
    """sync_conflicts and sync_resolutions. Writes join the caller's transaction."""

    def __init__(self, database: Database) -> None:
        self._database = database

    # -- conflicts --------------------------------------------------------------------------

    def set_aside(self, conflict: SetAside) -> None:
        """Keep the clash once (the same incoming version of the same record again: nothing)."""
        self._database.conn.execute(
            _SET_ASIDE_SQL, tuple(getattr(conflict, name) for name in _SET_ASIDE_FIELDS)
        )

    def entries(self, *, include_resolved: bool = False) -> list[Conflict]:
        """Newest first; only those waiting for a supervisor unless `include_resolved`."""
        where = "" if include_resolved else " WHERE resolved_at IS NULL"
        cursor = self._database.conn.execute(
            f"SELECT {_CONFLICT_COLUMNS} FROM sync_conflicts{where} ORDER BY id DESC"
        )
        return list(named_records(cursor, Conflict))

    def get(self, conflict_id: int) -> Conflict | None:
        cursor = self._database.conn.execute(
            f"SELECT {_CONFLICT_COLUMNS} FROM sync_conflicts WHERE id = ?", (int(conflict_id),)
        )
        return next(named_records(cursor, Conflict), None)

    def state(self, conflict_id: int) -> ConflictState | None:
        """Whether a conflict is settled, and the content hashes of its two versions (read
        again inside the transaction that settles it); None when there is no such conflict."""
        cursor = self._database.conn.execute(
            "SELECT resolved_at, local_content_hash, incoming_content_hash FROM sync_conflicts"
            " WHERE id = ?",
            (int(conflict_id),),
        )
        return next(named_records(cursor, ConflictState), None)

    def waiting(self) -> int:
        """How many conflicts wait for a supervisor (an index serves it)."""
        row = self._database.conn.execute(
            "SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NULL"
        ).fetchone()
        return int(row[0])

    def mark_resolved(self, conflict_id: int, at: str, actor: str) -> bool:
        """Close one waiting conflict; False when there is none of that id waiting."""
        cursor = self._database.conn.execute(
            "UPDATE sync_conflicts SET resolved_at = ?, resolved_by = ?"
            " WHERE id = ? AND resolved_at IS NULL",
            (at, actor, int(conflict_id)),
        )
        return cursor.rowcount > 0

    def close_between(
        self, interview_uuid: str, kind: str, versions: tuple[str, str], at: str, actor: str
    ) -> int:
        """Close every waiting conflict of this kind about this interview between the two
        versions (content hashes); how many."""
        cursor = self._database.conn.execute(
            "UPDATE sync_conflicts SET resolved_at = ?, resolved_by = ? WHERE resolved_at IS NULL"
            " AND interview_uuid = ? AND kind = ? AND local_content_hash IN (?, ?)"
            " AND incoming_content_hash IN (?, ?)",
            (at, actor, interview_uuid, kind, *versions, *versions),
        )
        return max(cursor.rowcount, 0)

    # -- settlements ------------------------------------------------------------------------

    def resolution(self, uuid: str) -> Resolution | None:
        cursor = self._database.conn.execute(
            f"SELECT {_RESOLUTION_COLUMNS} FROM sync_resolutions WHERE uuid = ?", (uuid,)
        )
        return next(named_records(cursor, Resolution), None)

    def resolutions_of(self, subject_uuid: str) -> list[Resolution]:
        """The settlements about one interview or review mark (an index serves it)."""
        cursor = self._database.conn.execute(
            f"SELECT {_RESOLUTION_COLUMNS} FROM sync_resolutions WHERE subject_uuid = ?",
            (subject_uuid,),
        )
        return list(named_records(cursor, Resolution))

    def resolutions_about(self, interview_uuid: str, kind: str) -> list[Resolution]:
        """The settlements of conflicts of `kind` about an interview (or its review marks)."""
        cursor = self._database.conn.execute(
            f"SELECT {_RESOLUTION_COLUMNS} FROM sync_resolutions"
            " WHERE interview_uuid = ? AND kind = ?",
            (interview_uuid, kind),
        )
        return list(named_records(cursor, Resolution))

    def add_resolution(self, resolution: Resolution) -> None:
        self._database.conn.execute(
            f"INSERT INTO sync_resolutions ({_RESOLUTION_COLUMNS}) VALUES ({_RESOLUTION_MARKS})",
            resolution.values(),
        )
