"""What imports leave for people: conflicts to review, and who other stations' officers are."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

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


def mark_resolved(
    database: Database,
    audit: AuditLog,
    conflict_id: int,
    actor: str,
    clock: Clock | None = None,
    *,
    reason: str = "",
) -> None:
    """The supervisor has dealt with a conflict (the versions stay for the record); the reason,
    when given, goes into the audit entry."""
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
        details = {"reason": reason} if reason else {}
        audit.append(actor, "sync.conflict_resolved", "sync_conflict", str(conflict_id), details)


# The columns of a stored interview worth comparing (the rest are bookkeeping).
COMPARED = (
    "ref_no",
    "status",
    "revision",
    "workstation_id",
    "officer_id",
    "full_name",
    "nik",
    "score",
    "chosen_outcome",
    "override_reason",
    "notes",
    "completed_at",
)


def _fields(version: str | None) -> dict[str, Any]:
    """A version's interview columns and answers, by name ("answer:<question>")."""
    if not version:
        return {}
    try:
        data = json.loads(version)
    except ValueError:
        return {"(JSON)": version[:200]}
    found: dict[str, Any] = {}
    interview = data.get("interview", {}) if isinstance(data, dict) else {}
    for name in COMPARED:
        if isinstance(interview, dict) and name in interview:
            found[name] = interview[name]
    answers = data.get("answers", []) if isinstance(data, dict) else []
    if isinstance(answers, dict):
        answers = list(answers.items())
    for entry in answers:
        if isinstance(entry, list | tuple) and len(entry) >= 2:
            found[f"answer:{entry[0]}"] = entry[1]
    return found


def version_differences(local: str | None, incoming: str) -> list[tuple[str, str, str, bool]]:
    """(field, local value, incoming value, differs) for every compared column and every answer
    of either version (the screen and `sync conflicts show` mark the differing ones)."""
    mine, theirs = _fields(local), _fields(incoming)
    names = list(mine) + [name for name in theirs if name not in mine]
    rows = []
    for name in names:
        left = "" if name not in mine else json.dumps(mine[name], ensure_ascii=False)
        right = "" if name not in theirs else json.dumps(theirs[name], ensure_ascii=False)
        rows.append((name, left.strip('"'), right.strip('"'), left != right))
    return rows


def incoming_ref_no(conflict: Conflict) -> str | None:
    """The reference number the incoming version carries."""
    value = _fields(conflict.incoming_version).get("ref_no")
    return str(value) if value else None
