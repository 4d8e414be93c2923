"""Installed interview scripts, kept whole and keyed by the SHA-256 of their text."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from interview_app.storage.audit import AuditLog
from interview_app.storage.clock import Clock, SystemClock, to_iso
from interview_app.storage.database import Database
from interview_app.storage.errors import NotFound, QuestionnaireConflict


@dataclass(frozen=True)
class QuestionnaireInfo:
    hash: str
    script_id: str
    version: int
    installed_at: str
    active: bool


def source_hash(source_text: str) -> str:
    return hashlib.sha256(source_text.encode("utf-8")).hexdigest()


class QuestionnaireStore:
    """Scripts stay installed forever: an interview is always shown with its own script."""

    def __init__(
        self, database: Database, audit: AuditLog | None = None, clock: Clock | None = None
    ) -> None:
        self._database = database
        self._audit = audit
        self._clock = clock or SystemClock()

    def install(
        self, source_text: str, script_id: str, version: int, *, actor: str = "system"
    ) -> str:
        """Store the script text; installing the same text again changes nothing."""
        digest = source_hash(source_text)
        with self._database.transaction() as conn:
            if conn.execute("SELECT 1 FROM questionnaires WHERE hash = ?", (digest,)).fetchone():
                return digest
            other = conn.execute(
                "SELECT hash FROM questionnaires WHERE id = ? AND version = ?",
                (script_id, int(version)),
            ).fetchone()
            if other is not None:
                raise QuestionnaireConflict(
                    f"Naskah {script_id} versi {version} sudah terpasang dengan isi yang berbeda. "
                    "Naikkan nomor versi pada berkas naskah lalu pasang lagi.",
                    f"Script {script_id} version {version} is installed already with different "
                    "content. Raise the version number in the script file and install again.",
                )
            conn.execute(
                "INSERT INTO questionnaires (hash, id, version, source, installed_at, active)"
                " VALUES (?, ?, ?, ?, ?, 0)",
                (digest, script_id, int(version), source_text, to_iso(self._clock())),
            )
            if self._audit is not None:
                self._audit.append(
                    actor,
                    "questionnaire.install",
                    "questionnaire",
                    digest,
                    {"script_id": script_id, "version": int(version)},
                )
        return digest

    def activate(self, hash: str, *, actor: str = "system") -> None:
        """Make this script the one new interviews use (exactly one is active)."""
        with self._database.transaction() as conn:
            row = conn.execute(
                "SELECT id, version FROM questionnaires WHERE hash = ?", (hash,)
            ).fetchone()
            if row is None:
                raise _unknown(hash)
            conn.execute(
                "UPDATE questionnaires SET active = 0 WHERE active = 1 AND hash <> ?", (hash,)
            )
            conn.execute("UPDATE questionnaires SET active = 1 WHERE hash = ?", (hash,))
            if self._audit is not None:
                self._audit.append(
                    actor,
                    "questionnaire.activate",
                    "questionnaire",
                    hash,
                    {"script_id": row[0], "version": row[1]},
                )

    def active(self) -> tuple[str, str] | None:
        """(hash, source text) of the active script, or None before one is activated."""
        row = self._database.conn.execute(
            "SELECT hash, source FROM questionnaires WHERE active = 1"
        ).fetchone()
        return (row[0], row[1]) if row else None

    def installed(self, hash: str) -> bool:
        row = self._database.conn.execute(
            "SELECT 1 FROM questionnaires WHERE hash = ?", (hash,)
        ).fetchone()
        return row is not None

    def get(self, hash: str) -> str:
        row = self._database.conn.execute(
            "SELECT source FROM questionnaires WHERE hash = ?", (hash,)
        ).fetchone()
        if row is None:
            raise _unknown(hash)
        return str(row[0])

    def list(self) -> list[QuestionnaireInfo]:
        rows = self._database.conn.execute(
            "SELECT hash, id, version, installed_at, active FROM questionnaires"
            " ORDER BY id, version"
        )
        return [QuestionnaireInfo(h, i, v, at, bool(a)) for h, i, v, at, a in rows]


def _unknown(hash: str) -> NotFound:
    return NotFound(
        f"Naskah wawancara {hash[:12]} tidak terpasang di komputer ini.",
        f"Interview script {hash[:12]} is not installed on this computer.",
    )
