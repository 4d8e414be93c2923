"""A bare SQL connection to a test folder's encrypted database, as an insider who holds the
office key would open it (the `sqlcipher` tool with the raw page key): for tests that count rows
directly or edit the file behind the app's back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from interview_app.storage.cipher import connect_keyed, database_key
from interview_app.storage.paths import database_path
from interview_app.storage.unlock import folder_is_encrypted
from tests import keyring


def connect(data_dir: Path, file: Path | None = None) -> sqlite3.Connection:
    """The database of `data_dir` (or `file`, a backup or snapshot made with that folder's
    key), keyed when the folder is encrypted; a plaintext folder's file opens as it is."""
    path = Path(file) if file is not None else database_path(Path(data_dir))
    if not folder_is_encrypted(Path(data_dir)):
        return sqlite3.connect(path)
    return connect_keyed(path, database_key(keyring.key_of(Path(data_dir))[1]))
