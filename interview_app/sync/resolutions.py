"""Settlements of sync conflicts: which version a supervisor kept, and which one then counts."""

from __future__ import annotations

import hashlib
from typing import Any

from interview_app.errors import KnownError
from interview_app.storage.database import Database
from interview_app.storage.errors import InvalidState
from interview_app.storage.sync_conflicts import Resolution, SyncConflicts
from interview_app.storage.sync_incoming import IncomingRecords
from interview_app.sync.records import REVIEW_FIELDS, dumps

__all__ = [
    "KEEP_INCOMING",
    "KEEP_LOCAL",
    "REPLACEABLE",
    "Resolution",
    "close_conflicts",
    "current_hash",
    "for_conflict",
    "needs_kept_version",
    "review_text",
    "store",
    "superseded",
    "text_hash",
    "unchanged_since",
    "winner",
]

KEEP_LOCAL = "local"
KEEP_INCOMING = "incoming"
# Conflicts whose incoming version may replace the local one: the same interview or review
# mark in two versions. An owner or reference-number clash is about two different records:
# the local one stays, the sending workstation deals with its own.
REPLACEABLE = ("content_differs", "review_differs")


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def review_text(values: tuple[Any, ...] | list[Any]) -> str:
    """A review mark's canonical text (its hash names the version in a conflict)."""
    return dumps(dict(zip(REVIEW_FIELDS, values, strict=True))).decode("utf-8")


def for_conflict(
    database: Database, interview_uuid: str, kind: str, hashes: set[str]
) -> Resolution | None:
    """The settlement that closed a conflict between versions `hashes` (the newest)."""
    found = [
        r
        for r in SyncConflicts(database).resolutions_about(interview_uuid, kind)
        if {r.kept_hash, r.dropped_hash} <= hashes
    ]
    return max(found, key=lambda r: r.rank) if found else None


def winner(resolutions: list[Resolution]) -> Resolution | None:
    return max(resolutions, key=lambda r: r.rank) if resolutions else None


def superseded(database: Database, subject_uuid: str, content_hash: str) -> bool:
    """True when a supervisor here (or elsewhere, by a package) dropped this version of the
    record: an older package or a replay that brings it again is not a new conflict."""
    settled = SyncConflicts(database).resolutions_of(subject_uuid)
    best = winner(settled)
    if best is None or best.kept_hash == content_hash:
        return False
    return any(r.dropped_hash == content_hash for r in settled)


def current_hash(database: Database, kind: str, subject_uuid: str) -> tuple[int, str] | None:
    """(revision, content hash) of the record the conflict is about, as held here now."""
    records = IncomingRecords(database)
    if kind == "review_differs":
        mark = records.review_mark(subject_uuid)
        return None if mark is None else (int(mark.revision), text_hash(review_text(mark.values())))
    held = records.held(subject_uuid)
    return None if held is None else (int(held.revision), str(held.content_hash))


def close_conflicts(database: Database, resolution: Resolution, actor: str) -> int:
    """Mark every open conflict here between the two versions settled."""
    return SyncConflicts(database).close_between(
        resolution.interview_uuid,
        resolution.kind,
        (resolution.kept_hash, resolution.dropped_hash),
        resolution.at,
        actor,
    )


def store(database: Database, resolution: Resolution) -> bool:
    """Keep a settlement (once); False when it was here already with the same content. The
    same uuid with other content is refused: settlements never change."""
    conflicts = SyncConflicts(database)
    found = conflicts.resolution(resolution.uuid)
    if found is not None:
        if found != resolution:
            raise KnownError(
                "Penyelesaian konflik dengan nomor yang sama tetapi isi lain ditolak.",
                "A conflict resolution with the same id but other content was refused.",
            )
        return False
    conflicts.add_resolution(resolution)
    return True


def needs_kept_version(database: Database, resolution: Resolution) -> bool:
    """Whether the record here must be replaced by the kept version: the settlement is the one
    that counts for this record, it is of a kind that replaces, and the record here is a
    version some settlement dropped (never a newer revision, never a version nobody chose)."""
    if resolution.kind not in REPLACEABLE:
        return False
    settled = SyncConflicts(database).resolutions_of(resolution.subject_uuid)
    best = winner(settled)
    if best is None or best.uuid != resolution.uuid:
        return False
    here = current_hash(database, resolution.kind, resolution.subject_uuid)
    if here is None or here[1] == resolution.kept_hash:
        return False
    if resolution.kind == "content_differs" and here[0] != resolution.revision:
        return False
    return any(r.dropped_hash == here[1] for r in settled)


def unchanged_since(
    database: Database,
    conflict_kind: str,
    subject_uuid: str,
    revision: int | None,
    content_hash: str | None,
) -> None:
    """Refuse to put an incoming version over a record that changed since the conflict was
    set aside (a newer revision arrived or was made)."""
    here = current_hash(database, conflict_kind, subject_uuid)
    same = here is not None and here[1] == content_hash
    if conflict_kind == "content_differs":
        same = same and here is not None and here[0] == revision
    if not same:
        raise InvalidState(
            "Data di sini berubah sejak konflik dicatat (misalnya revisi baru); versi masuk "
            "tidak dapat dipakai lagi. Pertahankan versi di sini.",
            "The data here changed since the conflict was recorded (a newer revision, for "
            "example); the incoming version can no longer be used. Keep the local version.",
        )
