"""What the officer typed but has not saved yet: half-typed answers and unsaved corrections."""

from __future__ import annotations

import json
from typing import Any

from interview_app.storage.database import Database

TYPING = "typing"
CORRECTION = "correction"


class _UnsavedInput:
    """One kind of row of the `unsaved_input` table (storage/schema.py, m007): at most one
    value per interview, JSON text, deleted with its interview."""

    kind: str

    def __init__(self, database: Database) -> None:
        self._database = database

    def _load(self, uuid: str) -> Any:
        row = self._database.conn.execute(
            "SELECT value FROM unsaved_input WHERE interview_uuid = ? AND kind = ?",
            (uuid, self.kind),
        ).fetchone()
        return None if row is None else json.loads(row[0])

    def _save(self, uuid: str, value: Any) -> None:
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
        with self._database.transaction() as conn:
            conn.execute(
                "INSERT INTO unsaved_input (interview_uuid, kind, value) VALUES (?, ?, ?)"
                " ON CONFLICT (interview_uuid, kind) DO UPDATE SET value = excluded.value",
                (uuid, self.kind, text),
            )

    def clear(self, uuid: str) -> None:
        with self._database.transaction() as conn:
            conn.execute(
                "DELETE FROM unsaved_input WHERE interview_uuid = ? AND kind = ?",
                (uuid, self.kind),
            )

    def pending(self) -> list[str]:
        """The interviews that have such a value, in uuid order."""
        rows = self._database.conn.execute(
            "SELECT interview_uuid FROM unsaved_input WHERE kind = ? ORDER BY interview_uuid",
            (self.kind,),
        )
        return [str(uuid) for (uuid,) in rows]


class HalfTypedAnswers(_UnsavedInput):
    """Text of one field of a draft that is not a valid answer yet (the debounced save while
    the officer types); cleared when the answer is saved."""

    kind = TYPING

    def load(self, uuid: str) -> tuple[str, str] | None:
        """(question id, text), or None."""
        found = self._load(uuid)
        if isinstance(found, list) and len(found) == 2:
            return str(found[0]), str(found[1])
        return None

    def save(self, uuid: str, question_id: str, text: str) -> None:
        self._save(uuid, [question_id, text])


class UnsavedCorrections(_UnsavedInput):
    """A completed interview's correction not saved as a revision yet: the changed answers in
    stored form (None: cleared) and the notes when they changed; cleared when the correction
    is saved or discarded."""

    kind = CORRECTION

    def load(self, uuid: str) -> tuple[dict[str, object], str | None] | None:
        found = self._load(uuid)
        if not isinstance(found, dict) or not isinstance(found.get("answers"), dict):
            return None
        notes = found.get("notes")
        return dict(found["answers"]), notes if isinstance(notes, str) else None

    def save(self, uuid: str, answers: dict[str, object], notes: str | None) -> None:
        self._save(uuid, {"answers": answers, "notes": notes})
