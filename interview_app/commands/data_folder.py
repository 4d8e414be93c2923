"""The data folder a command works on, refused with one message when it holds no database."""

from __future__ import annotations

from pathlib import Path

from interview_app.storage.office import require_database
from interview_app.storage.paths import resolve_data_dir


def existing_data_dir(value: str | None) -> Path:
    """--data-dir (or the default folder) resolved; "Tidak ada basis data di ... / There is no
    database in ..." when it holds none. Checked before a writer lock is taken or anything is
    made, so a mistyped folder is never created."""
    return require_database(resolve_data_dir(value))
