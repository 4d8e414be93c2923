"""The database's page encryption (SQLCipher through sqlcipher3): its key and keyed connections.

The key is 32 raw bytes derived from the office key (HKDF, purpose "database-pages v1") and
given to SQLCipher as a raw key, so opening pays no passphrase KDF: the password's cost is paid
once, when the office key is unwrapped from its key slot. SQLCipher 4's defaults stay
(AES-256-CBC per page, HMAC-SHA512 per page, 4096-byte pages), so the standard `sqlcipher`
tool opens a file with the same raw key. The WAL is encrypted like the main file; temporary
tables and sorts stay in memory (temp_store=MEMORY), so no page leaves the process in clear.
"""

from __future__ import annotations

from pathlib import Path

import sqlcipher3

from interview_app.storage.errors import DatabaseKeyError
from interview_app.storage.keys import PURPOSE_DATABASE_PAGES, derive_key
from interview_app.storage.sqlerrors import DATABASE_ERRORS, SQLITE_NOTADB

DATABASE_KEY_BYTES = 32
SQLITE_HEADER = b"SQLite format 3\x00"
CIPHER_PAGE_SIZE = 4096  # SQLCipher 4's default page size, kept (see the module's docstring)


def database_key(office_key: bytes) -> bytes:
    """The raw page key of this office's databases (also of their snapshots and backups)."""
    return derive_key(office_key, PURPOSE_DATABASE_PAGES, length=DATABASE_KEY_BYTES)


def _header(path: Path) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return None


def is_plaintext_database(path: Path) -> bool:
    """True for a file that starts with SQLite's own header: its pages are readable by anyone."""
    return _header(Path(path)) == SQLITE_HEADER


def looks_encrypted(path: Path) -> bool:
    """True for a file of whole SQLCipher pages without SQLite's header (an encrypted one starts
    with its random salt). An empty or missing file is a database still to be made, and a file
    of another length is damaged: neither."""
    path = Path(path)
    header = _header(path)
    if not header or header == SQLITE_HEADER:
        return False
    return path.stat().st_size % CIPHER_PAGE_SIZE == 0


def wrong_key_error(path: Path) -> DatabaseKeyError:
    if is_plaintext_database(path):
        return DatabaseKeyError(
            f"Basis data {path.name} belum terenkripsi; ia perlu dienkripsi dulu (saat supervisor "
            "masuk pertama kali setelah pembaruan). Tidak ada yang diubah.",
            f"The database {path.name} is not encrypted yet; it must be encrypted first (at a "
            "supervisor's first sign-in after the upgrade). Nothing was changed.",
        )
    return DatabaseKeyError(
        f"Basis data {path.name} tidak dapat dibuka dengan kunci kantor ini: kuncinya milik "
        "kantor lain, atau halaman pertama berkas rusak. Pulihkan snapshot yang baik atau "
        "hubungi admin TI. Tidak ada yang diubah.",
        f"The database {path.name} does not open with this office's key: it belongs to another "
        "office, or the file's first page is damaged. Restore a good snapshot or call the IT "
        "admin. Nothing was changed.",
    )


def encrypted_without_key_error(path: Path) -> DatabaseKeyError:
    return DatabaseKeyError(
        f"Basis data {path.name} terenkripsi. Masuk dengan akun Anda (atau kode pemulihan "
        "kantor) untuk membukanya.",
        f"The database {path.name} is encrypted. Sign in with your account (or the office's "
        "recovery code) to open it.",
    )


def _raw_key_pragma(key: bytes) -> str:
    if len(key) != DATABASE_KEY_BYTES:
        raise ValueError("the database key is 32 bytes")
    # Our own bytes in hex, never user text: SQLCipher takes a raw key only in this spelling.
    return f"PRAGMA key = \"x'{key.hex()}'\""


_log_silenced = False


def silence_log(conn: sqlcipher3.Connection) -> None:
    """SQLCipher's log would print a wrong key's HMAC failures on stderr, into a command's
    output. The level is the process's (not the connection's), and setting it costs about
    0.6 ms, so it is set once."""
    global _log_silenced
    if not _log_silenced:
        conn.execute("PRAGMA cipher_log_level = NONE")
        _log_silenced = True


def apply_key(conn: sqlcipher3.Connection, key: bytes) -> None:
    """Key a fresh connection (before anything reads it)."""
    silence_log(conn)
    conn.execute(_raw_key_pragma(key))
    conn.execute("PRAGMA temp_store = MEMORY")


def check_key(conn: sqlcipher3.Connection, path: Path) -> None:
    """Read the first page: a wrong key (or a plaintext file) fails here with a clear message."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DATABASE_ERRORS as exc:
        code = getattr(exc, "sqlite_errorcode", None)
        if isinstance(code, int) and code & 0xFF == SQLITE_NOTADB:
            raise wrong_key_error(Path(path)) from None
        raise


def connect_keyed(
    path: Path,
    key: bytes,
    *,
    timeout: float = 5.0,
    read_only: bool = False,
    check_same_thread: bool = True,
) -> sqlcipher3.Connection:
    """A keyed connection to `path`, the key checked; no other settings (see database.connect)."""
    path = Path(path)
    target = path.resolve().as_uri() + "?mode=ro" if read_only else str(path)
    conn = sqlcipher3.connect(
        target,
        timeout=timeout,
        isolation_level=None,
        uri=read_only,
        check_same_thread=check_same_thread,
    )
    try:
        apply_key(conn, key)
        check_key(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn
