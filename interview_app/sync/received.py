"""What imports leave for people: conflicts to review, and who other stations' officers are."""

from __future__ import annotations

from interview_app.storage.audit import AuditLog
from interview_app.storage.clock import Clock, SystemClock, to_iso
from interview_app.storage.database import Database
from interview_app.storage.errors import NotFound
from interview_app.storage.sync_conflicts import Conflict, SyncConflicts
from interview_app.storage.sync_peers import ForeignOfficer, PeerRecords

__all__ = [
    "Conflict",
    "ForeignOfficer",
    "conflicts",
    "foreign_officer",
    "mark_resolved",
    "waiting_conflicts",
]


def foreign_officer(
    database: Database, workstation_id: str, officer_id: int
) -> ForeignOfficer | None:
    """Who `officer_id` is at another workstation, as its packages said."""
    return PeerRecords(database).officer(workstation_id, officer_id)


def conflicts(database: Database, *, include_resolved: bool = False) -> list[Conflict]:
    """Conflicts for the supervisor, newest first."""
    return SyncConflicts(database).entries(include_resolved=include_resolved)


def waiting_conflicts(database: Database) -> int:
    """How many conflicts wait for a supervisor (home tells a supervisor; cheap to ask)."""
    return SyncConflicts(database).waiting()


def mark_resolved(
    database: Database, audit: AuditLog, conflict_id: int, actor: str, clock: Clock | None = None
) -> None:
    """The supervisor has dealt with a conflict (the versions stay for the record)."""
    now = to_iso((clock or SystemClock())())
    with database.transaction():
        if not SyncConflicts(database).mark_resolved(conflict_id, now, actor):
            raise NotFound(
                f"Konflik #{conflict_id} tidak ada atau sudah diselesaikan.",
                f"Conflict #{conflict_id} does not exist or was resolved already.",
            )
        audit.append(actor, "sync.conflict_resolved", "sync_conflict", str(conflict_id), {})
