"""Settlements of sync conflicts: which version a supervisor kept, and which one then counts."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from typing import Any

from interview_app.errors import KnownError
from interview_app.storage.errors import InvalidState
from interview_app.sync.records import RESOLUTION_FIELDS, REVIEW_FIELDS, dumps
from interview_app.sync.tables import table_exists

KEEP_LOCAL = "local"
KEEP_INCOMING = "incoming"
# Conflicts whose incoming version may replace the local one: the same interview or review
# mark in two versions. An owner or reference-number clash is about two different records:
# the local one stays, the sending workstation deals with its own.
REPLACEABLE = ("content_differs", "review_differs")
_COLUMNS = ", ".join(RESOLUTION_FIELDS)
_MARKS = ", ".join("?" for _ in RESOLUTION_FIELDS)


@dataclass(frozen=True)
class Resolution:
    """One settlement, as stored and as carried in packages (C lines)."""

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


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def review_text(values: tuple[Any, ...] | list[Any]) -> str:
    """A review mark's canonical text (its hash names the version in a conflict)."""
    return dumps(dict(zip(REVIEW_FIELDS, values, strict=True))).decode("utf-8")


def of_subject(conn: sqlite3.Connection, subject_uuid: str) -> list[Resolution]:
    if not table_exists(conn, "sync_resolutions"):
        return []
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM sync_resolutions WHERE subject_uuid = ?", (subject_uuid,)
    )
    return [Resolution(*row) for row in rows]


def by_uuid(conn: sqlite3.Connection, uuid: str) -> Resolution | None:
    if not table_exists(conn, "sync_resolutions"):
        return None
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM sync_resolutions WHERE uuid = ?", (uuid,)
    ).fetchone()
    return Resolution(*row) if row else None


def for_conflict(
    conn: sqlite3.Connection, interview_uuid: str, kind: str, hashes: set[str]
) -> Resolution | None:
    """The settlement that closed a conflict between versions `hashes` (the newest)."""
    if not table_exists(conn, "sync_resolutions"):
        return None
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM sync_resolutions WHERE interview_uuid = ? AND kind = ?",
        (interview_uuid, kind),
    )
    found = [
        r
        for r in map(lambda row: Resolution(*row), rows)
        if {r.kept_hash, r.dropped_hash} <= hashes
    ]
    return max(found, key=lambda r: r.rank) if found else None


def winner(resolutions: list[Resolution]) -> Resolution | None:
    return max(resolutions, key=lambda r: r.rank) if resolutions else None


def superseded(conn: sqlite3.Connection, subject_uuid: str, content_hash: str) -> bool:
    """True when a supervisor here (or elsewhere, by a package) dropped this version of the
    record: an older package or a replay that brings it again is not a new conflict."""
    settled = of_subject(conn, subject_uuid)
    best = winner(settled)
    if best is None or best.kept_hash == content_hash:
        return False
    return any(r.dropped_hash == content_hash for r in settled)


def current_hash(conn: sqlite3.Connection, kind: str, subject_uuid: str) -> tuple[int, str] | None:
    """(revision, content hash) of the record the conflict is about, as held here now."""
    if kind == "review_differs":
        row = conn.execute(
            f"SELECT {', '.join(REVIEW_FIELDS)} FROM reviews WHERE uuid = ?", (subject_uuid,)
        ).fetchone()
        return None if row is None else (int(row[2]), text_hash(review_text(tuple(row))))
    row = conn.execute(
        "SELECT revision, content_hash FROM interviews WHERE uuid = ?", (subject_uuid,)
    ).fetchone()
    return None if row is None else (int(row[0]), str(row[1]))


def close_conflicts(conn: sqlite3.Connection, resolution: Resolution, actor: str) -> int:
    """Mark every open conflict here between the two versions settled."""
    if not table_exists(conn, "sync_conflicts"):
        return 0
    pair = (resolution.kept_hash, resolution.dropped_hash)
    cursor = conn.execute(
        "UPDATE sync_conflicts SET resolved_at = ?, resolved_by = ? WHERE resolved_at IS NULL"
        " AND interview_uuid = ? AND kind = ? AND local_content_hash IN (?, ?)"
        " AND incoming_content_hash IN (?, ?)",
        (resolution.at, actor, resolution.interview_uuid, resolution.kind, *pair, *pair),
    )
    return max(cursor.rowcount, 0)


def store(conn: sqlite3.Connection, resolution: Resolution) -> bool:
    """Keep a settlement (once); False when it was here already with the same content. The
    same uuid with other content is refused: settlements never change."""
    found = by_uuid(conn, resolution.uuid)
    if found is not None:
        if found != resolution:
            raise KnownError(
                "Penyelesaian konflik dengan nomor yang sama tetapi isi lain ditolak.",
                "A conflict resolution with the same id but other content was refused.",
            )
        return False
    conn.execute(
        f"INSERT INTO sync_resolutions ({_COLUMNS}) VALUES ({_MARKS})", resolution.values()
    )
    return True


def needs_kept_version(conn: sqlite3.Connection, resolution: Resolution) -> bool:
    """Whether the record here must be replaced by the kept version: the settlement is the one
    that counts for this record, it is of a kind that replaces, and the record here is a
    version some settlement dropped (never a newer revision, never a version nobody chose)."""
    if resolution.kind not in REPLACEABLE:
        return False
    settled = of_subject(conn, resolution.subject_uuid)
    best = winner(settled)
    if best is None or best.uuid != resolution.uuid:
        return False
    here = current_hash(conn, resolution.kind, resolution.subject_uuid)
    if here is None or here[1] == resolution.kept_hash:
        return False
    if resolution.kind == "content_differs" and here[0] != resolution.revision:
        return False
    return any(r.dropped_hash == here[1] for r in settled)


def unchanged_since(
    conn: sqlite3.Connection,
    conflict_kind: str,
    subject_uuid: str,
    revision: int | None,
    content_hash: str | None,
) -> None:
    """Refuse to put an incoming version over a record that changed since the conflict was
    set aside (a newer revision arrived or was made)."""
    here = current_hash(conn, conflict_kind, subject_uuid)
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
