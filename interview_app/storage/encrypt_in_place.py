"""Encrypting a plaintext data folder in place: the database, then its snapshots and the copies
in backups/, each file on its own and crash-safe, so that a run cut off anywhere is finished by
the next one.

For one file: its WAL is folded in and the file leaves WAL mode (the main file alone then holds
everything); SQLCipher's `sqlcipher_export` writes an encrypted twin under a hidden temporary
name beside it; the twin's schema version is set, its integrity checked, it is fsynced and
renamed over the original, and the folder fsynced. A kill before the rename leaves the
plaintext original whole (and an encrypted temporary file, which the next run removes); a kill
after it leaves the finished encrypted file. The plaintext never exists under another name:
there is no copy of it to leave behind. (Its old blocks on the disk are freed, not overwritten:
on an SSD no program can promise more; full-disk encryption such as BitLocker covers that.)
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import sqlcipher3

from interview_app.errors import KnownError
from interview_app.storage.cipher import connect_keyed, is_plaintext_database, silence_log
from interview_app.storage.database import BACKUPS_FOLDER
from interview_app.storage.errors import DatabaseCorrupt
from interview_app.storage.maintenance import SNAPSHOTS_FOLDER, remove_leftover_copies
from interview_app.storage.paths import database_path
from interview_app.storage.sqlerrors import DATABASE_ERRORS, SQLITE_ERRORS, translate_sqlite_errors
from interview_app.storage.writefiles import (
    disk_full_while,
    fsync_directory,
    fsync_file,
    known_os_errors,
    replace_with_retry,
    temporary_name,
)

# progress(done, total, file): called before each file and once more at the end.
Progress = Callable[[int, int, Path], None]


@dataclass
class EncryptionResult:
    """What a run did: the files it encrypted, and the damaged plaintext copies (snapshots or
    backups that could not be read) it removed rather than leave them in clear."""

    encrypted: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)


def _database_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.sqlite3") if p.is_file())


def plaintext_files(data_dir: Path) -> list[Path]:
    """The data folder's database files still in clear: the database first, then snapshots and
    the copies in backups/."""
    data_dir = Path(data_dir)
    candidates = [
        database_path(data_dir),
        *_database_files(data_dir / SNAPSHOTS_FOLDER),
        *_database_files(data_dir / BACKUPS_FOLDER),
    ]
    return [path for path in candidates if is_plaintext_database(path)]


def needs_encryption(data_dir: Path) -> bool:
    return bool(plaintext_files(data_dir))


def _remove(path: Path) -> None:
    with known_os_errors(path):
        path.unlink(missing_ok=True)


def _fold_wal(path: Path) -> int:
    """Leave WAL mode (which folds the -wal into the file and deletes it); the schema
    version. Refused while another connection holds the file."""
    conn = sqlcipher3.connect(str(path), isolation_level=None, timeout=5)
    try:
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        if str(mode).lower() != "delete":
            raise KnownError(
                f"{path.name} sedang dipakai program lain; tutup aplikasi lalu coba lagi. "
                "Tidak ada yang diubah.",
                f"{path.name} is in use by another program; close the app and try again. "
                "Nothing was changed.",
            )
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def _export(path: Path, tmp: Path, key: bytes, user_version: int) -> None:
    """The encrypted twin of `path` at `tmp` (made empty and private first)."""
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    conn = sqlcipher3.connect(str(path), isolation_level=None, timeout=5)
    try:
        silence_log(conn)
        conn.execute("PRAGMA temp_store = MEMORY")
        # Our own key in hex, the one spelling SQLCipher takes a raw key in (no user text).
        conn.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(tmp), f"x'{key.hex()}'"))
        # The twin is thrown away unless it is finished, checked and fsynced as a whole: no
        # journal and no syncs while it is written.
        conn.execute("PRAGMA encrypted.journal_mode = OFF").fetchall()
        conn.execute("PRAGMA encrypted.synchronous = OFF")
        conn.execute("SELECT sqlcipher_export('encrypted')").fetchall()
        # sqlcipher_export copies the schema and rows, not the header's schema version.
        conn.execute(f"PRAGMA encrypted.user_version = {int(user_version)}")
        conn.execute("DETACH DATABASE encrypted")
    finally:
        conn.close()


def _verify(tmp: Path, key: bytes, user_version: int) -> None:
    conn = connect_keyed(tmp, key)
    try:
        result = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()
    if result != ["ok"] or version != user_version:
        raise DatabaseCorrupt(
            f"Salinan terenkripsi {tmp.name} gagal diperiksa; berkas asli tidak diubah.",
            f"The encrypted copy {tmp.name} failed its check; the original was not changed.",
        )


def encrypt_file(path: Path, key: bytes) -> None:
    """Encrypt one plaintext database file in place (see the module's docstring)."""
    path = Path(path)
    tmp = temporary_name(path)
    try:
        with translate_sqlite_errors(), known_os_errors(path):
            user_version = _fold_wal(path)
            _export(path, tmp, key, user_version)
            _verify(tmp, key, user_version)
            fsync_file(tmp)
            replace_with_retry(tmp, path)
            fsync_directory(path.parent)
    except BaseException:
        for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
            try:
                leftover.unlink(missing_ok=True)
            except OSError:
                pass
        raise


def encrypt_data_folder(
    data_dir: Path, key: bytes, *, progress: Progress | None = None
) -> EncryptionResult:
    """Encrypt every plaintext database file of the folder with `key` (the page key,
    storage.cipher.database_key), and remove what killed runs left. The caller holds the data
    folder's writer lock (storage.app_lock) with the database closed: a connection left open
    in this process would go on writing to the replaced file. Another program reading the
    file makes the run stop with DatabaseLocked, nothing changed. Safe to run again after any interruption: it goes on where the last one stopped.
    A damaged snapshot or backup that cannot be read is removed (it could never be restored,
    and it must not stay in clear); a damaged database stops the run with nothing changed."""
    data_dir = Path(data_dir)
    result = EncryptionResult()
    with disk_full_while("mengenkripsi basis data", "encrypting the database", data_dir):
        # What killed copies left (hidden temporary files, perhaps in clear) goes first.
        remove_leftover_copies(data_dir)
        files = plaintext_files(data_dir)
        main = database_path(data_dir)
        for done, path in enumerate(files):
            if progress is not None:
                progress(done, len(files), path)
            try:
                encrypt_file(path, key)
            except SQLITE_ERRORS + (DatabaseCorrupt,) as exc:
                if path == main or not _unreadable(exc):
                    raise
                _remove(path)
                for suffix in ("-wal", "-shm", "-journal"):
                    _remove(path.with_name(path.name + suffix))
                result.removed.append(path)
                continue
            result.encrypted.append(path)
        if progress is not None:
            progress(len(files), len(files), main)
    return result


def _unreadable(exc: BaseException) -> bool:
    return isinstance(exc, DATABASE_ERRORS) or isinstance(exc, DatabaseCorrupt)
