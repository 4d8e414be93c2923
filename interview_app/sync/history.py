"""The sync history (every export and import), the per-destination state, and the anchors."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from interview_app.storage.audit import AuditLog
from interview_app.storage.database import Database
from interview_app.storage.sync_history import HistoryEntry, SyncHistory
from interview_app.storage.sync_outgoing import Outgoing
from interview_app.storage.sync_peers import PeerRecords
from interview_app.sync.manifest import Manifest
from interview_app.sync.station import Station

__all__ = [
    "HistoryEntry",
    "anchors",
    "history",
    "imported_before",
    "insert_history",
    "record_export",
    "release_export_sequence",
    "reserve_export_sequence",
]


def reserve_export_sequence(database: Database, at: str) -> int:
    """The next export number, recorded as taken in its own committed transaction before
    anything is written (two exports at once queue there)."""
    return SyncHistory(database).reserve_export_number(at)


def release_export_sequence(database: Database, sequence: int) -> None:
    """Give back a number no package carries (best effort, see SyncHistory)."""
    SyncHistory(database).release_export_number(sequence)


def imported_before(database: Database, package_id: str) -> bool:
    return SyncHistory(database).imported_before(package_id)


def insert_history(
    database: Database,
    kind: str,
    manifest: Manifest,
    *,
    at: str,
    actor: str,
    file_name: str,
    destination: str | None,
    counts: dict[str, Any],
) -> None:
    """One export or import of the package `manifest` describes (in the caller's transaction)."""
    SyncHistory(database).add(
        kind,
        package_id=manifest.package_id,
        office_code=manifest.office_code,
        source_workstation=manifest.source_workstation,
        sequence=manifest.sequence,
        at=at,
        actor=actor,
        file_name=file_name,
        destination=destination,
        full=manifest.full,
        counts=counts,
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
    with database.transaction():
        insert_history(
            database,
            "export",
            manifest,
            at=at,
            actor=actor,
            file_name=file_name,
            destination=destination,
            counts=manifest.counts,
        )
        Outgoing(database).remember_sent(
            destination,
            interviews=sent,
            reviews=reviews_sent,
            referrals=referrals_sent,
            resolutions=resolutions_sent,
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
    return SyncHistory(database).entries(limit)


def anchors(database: Database, source_workstation: str) -> list[tuple[int, str]]:
    """The audit chain heads other packages of `source_workstation` carried, oldest first:
    give the newest to that workstation's `db check` to notice a cut-off chain."""
    return PeerRecords(database).anchors(source_workstation)
