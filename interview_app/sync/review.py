"""What imports leave for people: conflicts to review, and who other stations' officers are."""

from __future__ import annotations

from dataclasses import dataclass

from interview_app.storage.audit import AuditLog
from interview_app.storage.clock import Clock, SystemClock, to_iso
from interview_app.storage.database import Database
from interview_app.storage.errors import NotFound
from interview_app.sync.tables import table_exists


@dataclass(frozen=True)
class ForeignOfficer:
    workstation_id: str
    officer_id: int
    username: str
    full_name: str
    nip: str | None
    role: str


@dataclass(frozen=True)
class Conflict:
    """An incoming version that was set aside. `kind`: content_differs (same uuid and revision,
    other content), owner_differs (the uuid belongs to another workstation here), ref_no_taken
    (the reference number is another interview's). The versions are JSON texts."""

    id: int
    detected_at: str
    package_id: str
    source_workstation: str
    interview_uuid: str
    kind: str
    local_uuid: str | None
    local_revision: int | None
    incoming_revision: int
    local_version: str | None
    incoming_version: str
    resolved_at: str | None
    resolved_by: str | None


def foreign_officer(
    database: Database, workstation_id: str, officer_id: int
) -> ForeignOfficer | None:
    """Who `officer_id` is at another workstation, as its packages said."""
    if not table_exists(database.conn, "sync_officers"):
        return None
    row = database.conn.execute(
        "SELECT workstation_id, officer_id, username, full_name, nip, role FROM sync_officers"
        " WHERE workstation_id = ? AND officer_id = ?",
        (workstation_id, int(officer_id)),
    ).fetchone()
    return ForeignOfficer(*row) if row else None


_CONFLICT_COLUMNS = (
    "id, detected_at, package_id, source_workstation, interview_uuid, kind, local_uuid,"
    " local_revision, incoming_revision, local_version, incoming_version, resolved_at,"
    " resolved_by"
)


def conflicts(database: Database, *, include_resolved: bool = False) -> list[Conflict]:
    """Conflicts for the supervisor, newest first."""
    if not table_exists(database.conn, "sync_conflicts"):
        return []
    where = "" if include_resolved else " WHERE resolved_at IS NULL"
    rows = database.conn.execute(
        f"SELECT {_CONFLICT_COLUMNS} FROM sync_conflicts{where} ORDER BY id DESC"
    )
    return [Conflict(*row) for row in rows]


def waiting_conflicts(database: Database) -> int:
    """How many conflicts wait for a supervisor (home tells a supervisor; cheap to ask)."""
    if not table_exists(database.conn, "sync_conflicts"):
        return 0
    row = database.conn.execute(
        "SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NULL"
    ).fetchone()
    return int(row[0])


def mark_resolved(
    database: Database, audit: AuditLog, conflict_id: int, actor: str, clock: Clock | None = None
) -> None:
    """The supervisor has dealt with a conflict (the versions stay for the record)."""
    now = to_iso((clock or SystemClock())())
    with database.transaction() as conn:
        found = (
            table_exists(conn, "sync_conflicts")
            and conn.execute(
                "UPDATE sync_conflicts SET resolved_at = ?, resolved_by = ?"
                " WHERE id = ? AND resolved_at IS NULL",
                (now, actor, int(conflict_id)),
            ).rowcount
        )
        if not found:
            raise NotFound(
                f"Konflik #{conflict_id} tidak ada atau sudah diselesaikan.",
                f"Conflict #{conflict_id} does not exist or was resolved already.",
            )
        audit.append(actor, "sync.conflict_resolved", "sync_conflict", str(conflict_id), {})
