"""Consistent, checked, whole copies of an open database through SQLite's online backup API.

A copy of an encrypted database is encrypted with the same key, page by page as it is written:
the backup API hands SQLCipher's decrypted pages to the keyed copy, which encrypts them anew."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from interview_app.storage.cipher import connect_keyed
from interview_app.storage.errors import DatabaseCorrupt
from interview_app.storage.sqlerrors import translate_sqlite_errors
from interview_app.storage.writefiles import (
    fsync_directory,
    fsync_file,
    known_os_errors,
    replace_with_retry,
    temporary_name,
)


def _remove_with_sidecars(path: Path) -> None:
    for candidate in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
        try:
            candidate.unlink(missing_ok=True)
        except OSError:
            pass


def _create_private(path: Path) -> None:
    """An empty file readable by its owner only: SQLite fills it as a new database, and the
    copy never exists with wider permissions (it holds applicants' personal data)."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def copy_database(source: sqlite3.Connection, out: Path, *, key: bytes | None = None) -> Path:
    """Copy `source` to `out`: temporary name, backup API, rollback-journal mode (one file,
    no -wal beside it), integrity_check of the copy, fsync, rename, fsync the folder.
    `key`: the page key `source` was opened with (None for a plaintext source); the copy is
    encrypted with it."""
    out = Path(out)
    with known_os_errors(out):
        out.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = temporary_name(out)
    try:
        with translate_sqlite_errors(), known_os_errors(out):
            _create_private(tmp)
            if key is not None:
                target = connect_keyed(tmp, key)
            else:
                target = sqlite3.connect(tmp, isolation_level=None)
            try:
                source.backup(target)
                target.execute("PRAGMA journal_mode=DELETE").fetchone()
                result = [row[0] for row in target.execute("PRAGMA integrity_check")]
            finally:
                target.close()
            if result != ["ok"]:
                raise DatabaseCorrupt(
                    f"Salinan {out.name} gagal diperiksa ({'; '.join(result[:3])}). Salinan "
                    "tidak disimpan; basis data asli mungkin rusak, jalankan 'db check'.",
                    f"The copy {out.name} failed its check ({'; '.join(result[:3])}). It was "
                    "not kept; the original database may be damaged, run 'db check'.",
                )
            fsync_file(tmp)
            replace_with_retry(tmp, out)
            fsync_directory(out.parent)
    except BaseException:
        _remove_with_sidecars(tmp)
        raise
    return out
