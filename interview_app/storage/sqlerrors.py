"""SQLite errors the user can act on (locked, disk full, read-only, corrupt) as KnownErrors.

Two drivers raise them: the standard `sqlite3` (plain databases, and sqlite-utils) and
`sqlcipher3` (encrypted ones), a DB-API twin whose exception classes are its own. The tuples
below name both; an `except` that guards a connection which may be encrypted uses them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import sqlcipher3

from interview_app.errors import KnownError
from interview_app.storage.errors import (
    DatabaseCorrupt,
    DatabaseLocked,
    DiskFull,
    ReadOnlyStorage,
    StorageIOError,
    StorageLocationError,
)

# Primary result codes (the low byte of an extended code).
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26

SQLITE_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, sqlcipher3.Error)
DATABASE_ERRORS: tuple[type[Exception], ...] = (sqlite3.DatabaseError, sqlcipher3.DatabaseError)
OPERATIONAL_ERRORS: tuple[type[Exception], ...] = (
    sqlite3.OperationalError,
    sqlcipher3.OperationalError,
)
INTEGRITY_ERRORS: tuple[type[Exception], ...] = (sqlite3.IntegrityError, sqlcipher3.IntegrityError)
PROGRAMMING_ERRORS: tuple[type[Exception], ...] = (
    sqlite3.ProgrammingError,
    sqlcipher3.ProgrammingError,
)
INTERFACE_ERRORS: tuple[type[Exception], ...] = (sqlite3.InterfaceError, sqlcipher3.InterfaceError)


def corrupt_database_error() -> DatabaseCorrupt:
    return DatabaseCorrupt(
        "Berkas basis data rusak. Tutup aplikasi dan pulihkan snapshot terbaru yang baik "
        "('interview-app db restore'), atau hubungi admin TI.",
        "The database file is damaged. Close the application and restore the newest good "
        "snapshot ('interview-app db restore'), or call the IT admin.",
    )


def known_error_for(exc: BaseException) -> KnownError | None:
    """The KnownError for an SQLite error caused by the environment, or None for a bug."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    if (
        primary in (SQLITE_BUSY, SQLITE_LOCKED)
        or "database is locked" in text
        or ("database table is locked" in text)
    ):
        return DatabaseLocked(
            "Basis data sedang dikunci oleh program lain (mungkin antivirus, alat cadangan, "
            "atau jendela aplikasi kedua). Tunggu sebentar lalu coba lagi; isian Anda belum "
            "hilang. Bila terus terjadi, tutup program lain itu atau mulai ulang komputer.",
            "The database is locked by another program (perhaps antivirus, a backup tool or a "
            "second copy of the application). Wait a moment and try again; your input is not "
            "lost. If it keeps happening, close that program or restart the computer.",
        )
    if primary == SQLITE_FULL or "database or disk is full" in text:
        return DiskFull(
            "Disk penuh: jawaban terakhir belum tersimpan. Kosongkan ruang disk lalu coba lagi; "
            "data yang sudah tersimpan tetap utuh.",
            "The disk is full: the last answer was not saved. Free some disk space and try "
            "again; the data already saved is intact.",
        )
    if primary == SQLITE_READONLY or "readonly database" in text or "read-only" in text:
        return ReadOnlyStorage(
            "Basis data tidak dapat ditulis (berkas atau folder hanya-baca). Periksa izin "
            "folder data atau hubungi admin TI.",
            "The database cannot be written (the file or folder is read-only). Check the "
            "data folder's permissions or call the IT admin.",
        )
    if (
        primary in (SQLITE_CORRUPT, SQLITE_NOTADB)
        or "malformed" in text
        or ("file is not a database" in text)
    ):
        return corrupt_database_error()
    if primary == SQLITE_IOERR or "disk i/o error" in text:
        return StorageIOError(
            "Disk melaporkan kesalahan baca/tulis. Data yang sudah tersimpan aman; periksa "
            "disk lalu coba lagi, atau hubungi admin TI.",
            "The disk reported a read/write error. The data already saved is safe; check the "
            "disk and try again, or call the IT admin.",
        )
    if primary == SQLITE_CANTOPEN or "unable to open database" in text:
        return StorageLocationError(
            "Berkas basis data tidak dapat dibuka. Periksa bahwa folder data ada dan dapat "
            "ditulis.",
            "The database file cannot be opened. Check that the data folder exists and is "
            "writable.",
        )
    return None


@contextmanager
def translate_sqlite_errors() -> Iterator[None]:
    """Within the block, environment-caused SQLite errors become KnownErrors; bugs stay bugs."""
    try:
        yield
    except SQLITE_ERRORS as exc:
        known = known_error_for(exc)
        if known is None:
            raise
        raise known from exc
