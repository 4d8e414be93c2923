"""Opening the SQLite file: connection settings, start-up check, migrations with a copy first."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Protocol

from interview_app.errors import KnownError
from interview_app.storage.cipher import connect_keyed, encrypted_without_key_error, looks_encrypted
from interview_app.storage.copies import copy_database
from interview_app.storage.errors import SchemaTooNew, StorageLocationError
from interview_app.storage.folder_access import restrict_folder, restrict_to_owner
from interview_app.storage.paths import database_path
from interview_app.storage.schema import MIGRATIONS_TABLE, SCHEMA, Schema
from interview_app.storage.sqlerrors import (
    DATABASE_ERRORS,
    PROGRAMMING_ERRORS,
    SQLITE_ERRORS,
    corrupt_database_error,
    translate_sqlite_errors,
)
from interview_app.storage.writefiles import disk_full_while, known_os_errors

if TYPE_CHECKING:
    import sqlite_utils

__all__ = [
    "DEFAULT_BUSY_TIMEOUT_MS",
    "Database",
    "connect",
    "open_database",
    "translate_sqlite_errors",
]

DEFAULT_BUSY_TIMEOUT_MS = 5000
BACKUPS_FOLDER = "backups"


class TransactionHooks(Protocol):
    """What runs around every outermost transaction (storage.content's recorder: the audit
    chain's records of what changed, written in the same transaction)."""

    def before_begin(self, conn: sqlite3.Connection) -> None: ...
    def after_begin(self, conn: sqlite3.Connection) -> None: ...
    def before_commit(self, conn: sqlite3.Connection) -> None: ...
    def after_commit(self) -> None: ...
    def after_rollback(self) -> None: ...
    def before_close(self) -> None: ...


class Database:
    """One open database file: the raw connection (`conn`, for lean hot paths) and a
    sqlite-utils view of it (`db`). Not shared between threads; open another for a worker.
    `key` is the raw page key of an encrypted file (None for a plaintext one): the background
    check, copies, snapshots and backups open or write their files with it."""

    def __init__(self, path: Path, conn: sqlite3.Connection, key: bytes | None = None) -> None:
        self.path = path
        self.data_dir = path.parent
        self.conn = conn
        self.key = key
        # True while quick_check is deferred (open_database(defer_integrity_check=True)); the
        # connection is query-only until finish_integrity_check() passes.
        self.integrity_check_pending = False
        self._background_check: _BackgroundCheck | None = None
        self.hooks: TransactionHooks | None = None
        # The storage.office.Office this connection belongs to (set by the Office itself).
        self.office: object | None = None

    def start_integrity_check(self) -> None:
        """Begin the deferred quick_check on a thread of its own, on its own read-only
        connection, so that the caller (the officer's window) keeps answering while a large
        file is read. Writes stay refused until finish_integrity_check() has its result."""
        if self.integrity_check_pending and self._background_check is None:
            self._background_check = _BackgroundCheck(self.path, self.key)

    @property
    def integrity_check_running(self) -> bool:
        """True while a background check started by start_integrity_check() is still reading."""
        check = self._background_check
        return check is not None and check.thread.is_alive()

    def finish_integrity_check(self) -> None:
        """Complete the quick_check that open_database deferred, then allow writes: waits for
        the background check when one was started, else runs it here. A damaged file raises
        DatabaseCorrupt and the connection stays query-only. Nothing when none is due."""
        if not self.integrity_check_pending:
            return
        check, self._background_check = self._background_check, None
        verdict = check.wait() if check is not None else None
        with translate_sqlite_errors():
            if verdict is None:
                # No background result (none started, or its connection failed): check here,
                # which also names an unreadable file the way opening would.
                _quick_check(self.conn)
            elif not verdict:
                raise corrupt_database_error()
            self.conn.execute("PRAGMA query_only = OFF")
        self.integrity_check_pending = False

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """The sqlite-utils view, made on first use: importing sqlite-utils costs tens of
        milliseconds, which the app's start does not need to pay."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn, execute_plugins=False)

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One transaction (BEGIN IMMEDIATE, so the write lock is taken up front), or a
        savepoint when the caller has one open already (what sqlite-utils' `atomic()` does,
        written out so that signing in does not load sqlite-utils and its dependencies).
        Environment errors come out as KnownErrors; everything is rolled back on any error."""
        conn = self.conn
        self.finish_integrity_check()  # no write before a deferred check has passed
        with translate_sqlite_errors():
            if conn.in_transaction:
                # A savepoint name may repeat: ROLLBACK TO and RELEASE act on the newest one.
                conn.execute("SAVEPOINT nested_transaction")
                try:
                    yield conn
                except BaseException:
                    conn.execute("ROLLBACK TO nested_transaction")
                    conn.execute("RELEASE nested_transaction")
                    raise
                conn.execute("RELEASE nested_transaction")
                return
            hooks = self.hooks
            if hooks is not None:
                hooks.before_begin(conn)
            conn.execute("BEGIN IMMEDIATE")
            try:
                if hooks is not None:
                    hooks.after_begin(conn)
                yield conn
                if hooks is not None:
                    hooks.before_commit(conn)
                conn.execute("COMMIT")
            except BaseException:
                _rollback_quietly(conn)
                if hooks is not None:
                    hooks.after_rollback()
                raise
            if hooks is not None:
                hooks.after_commit()

    def close(self) -> None:
        check, self._background_check = self._background_check, None
        if check is not None:
            check.stop()
        try:
            if self.hooks is not None:
                self.hooks.before_close()
        finally:
            self.conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class _BackgroundCheck:
    """PRAGMA quick_check on a read-only connection of its own, in a daemon thread (the sqlite3
    module releases the GIL while SQLite reads). Its verdict: True (ok), False (damaged), or
    None when it could not run to the end (the caller then checks on its own connection)."""

    def __init__(self, path: Path, key: bytes | None = None) -> None:
        self._verdict: bool | None = None
        self._conn: sqlite3.Connection | None = None
        try:
            if key is not None:
                self._conn = connect_keyed(path, key, read_only=True, check_same_thread=False)
            else:
                self._conn = sqlite3.connect(
                    Path(path).resolve().as_uri() + "?mode=ro",
                    uri=True,
                    isolation_level=None,
                    check_same_thread=False,  # opened here, read by the thread, closed by close
                )
        except SQLITE_ERRORS + (KnownError,):
            self._conn = None
        self.thread = threading.Thread(target=self._run, name="quick_check", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        conn = self._conn
        if conn is None:
            return
        try:
            rows = [row[0] for row in conn.execute("PRAGMA quick_check")]
            self._verdict = rows == ["ok"]
        except SQLITE_ERRORS:
            self._verdict = None  # interrupted, locked or unreadable: decided by the caller
        finally:
            conn.close()

    def wait(self) -> bool | None:
        self.thread.join()
        return self._verdict

    def stop(self) -> None:
        """Interrupt the reading (the database is being closed) and wait for the thread."""
        conn = self._conn
        if conn is not None and self.thread.is_alive():
            try:
                conn.interrupt()
            except PROGRAMMING_ERRORS:
                pass  # already closed by the thread
        self.thread.join()


def _rollback_quietly(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except SQLITE_ERRORS:
            pass


def connect(
    path: Path, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS, key: bytes | None = None
) -> sqlite3.Connection:
    """A raw connection with this project's settings; no checks, no migrations.

    isolation_level=None: the driver opens no hidden transactions; every transaction in the
    storage package is explicit (Database.transaction or sqlite-utils' atomic).

    With `key` (storage.cipher.database_key), the file is SQLCipher's, encrypted page by page
    (its WAL too), through sqlcipher3: a DB-API twin of sqlite3 (same methods, its own
    exception classes, see sqlerrors), on which sqlite-utils works as on sqlite3. A wrong key
    is a DatabaseKeyError; an encrypted file opened without a key is one too."""
    busy_timeout_ms = int(busy_timeout_ms)
    with translate_sqlite_errors():
        if key is not None:
            conn = connect_keyed(path, key, timeout=busy_timeout_ms / 1000)
        else:
            conn = sqlite3.connect(path, timeout=busy_timeout_ms / 1000, isolation_level=None)
        try:
            conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
            mode = _journal_mode_wal(conn, Path(path), keyed=key is not None)
            if str(mode).lower() != "wal":
                raise StorageLocationError(
                    "Folder data tidak mendukung mode WAL SQLite (mungkin folder jaringan). "
                    "Pakai folder di disk lokal.",
                    "The data folder does not support SQLite's WAL mode (perhaps a network "
                    "folder). Use a folder on the local disk.",
                )
            for pragma in (
                "synchronous = FULL",
                "foreign_keys = ON",
                "trusted_schema = OFF",
                "secure_delete = ON",
                "mmap_size = 0",
            ):
                conn.execute(f"PRAGMA {pragma}").fetchall()
        except BaseException:
            conn.close()
            raise
    return conn


def _journal_mode_wal(conn: sqlite3.Connection, path: Path, *, keyed: bool) -> object:
    """Switch to WAL (the first read of the file): an encrypted file read without its key is
    named as such, not as a damaged one."""
    try:
        return conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    except DATABASE_ERRORS:
        if not keyed and looks_encrypted(path):
            raise encrypted_without_key_error(path) from None
        raise


def _newer_schema_error(found: int, known: int) -> SchemaTooNew:
    return SchemaTooNew(
        f"Basis data dibuat oleh versi aplikasi yang lebih baru (skema {found}, aplikasi ini "
        f"mengenal sampai {known}). Pasang versi aplikasi yang terbaru; basis data tidak diubah.",
        f"The database was written by a newer version of the application (schema {found}, "
        f"this version knows up to {known}). Install the newest version; the database was "
        "not changed.",
    )


def _has_content(conn: sqlite3.Connection) -> bool:
    return int(conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]) > 0


def _pre_migration_copy(
    conn: sqlite3.Connection, data_dir: Path, old: int, new: int, key: bytes | None = None
) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    out = data_dir / BACKUPS_FOLDER / f"pre-migration-{old}-to-{new}-{stamp}.sqlite3"
    return copy_database(conn, out, key=key)


def open_database(
    data_dir: Path,
    *,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    schema: Schema = SCHEMA,
    defer_integrity_check: bool = False,
    key: bytes | None = None,
) -> Database:
    """Open (or create) `<data_dir>/interviews.sqlite3`: settings, quick_check, refusal of a
    newer schema, a copy aside before pending migrations, the migrations, the workstation id.

    quick_check reads the whole file (about 10 ms per 10,000 interviews). With
    `defer_integrity_check` (the officer's app, to show its window first) it is left for
    `Database.finish_integrity_check()` when opening has nothing to write; until then the
    connection is query-only (SQLite refuses any write) and `transaction()` runs the check
    first. When a migration or the workstation id must be written, it runs here as always.

    `key`: the raw page key of an encrypted database (storage.cipher); None for plaintext."""
    data_dir = Path(data_dir)
    with known_os_errors(data_dir):
        created = not data_dir.is_dir()
        data_dir.mkdir(parents=True, exist_ok=True)
        if created:
            restrict_folder(data_dir)  # Windows: icacls; a failure is the self-test's advice
    path = database_path(data_dir)
    with disk_full_while("membuka basis data", "opening the database", data_dir):
        _create_private(path)
        conn = connect(path, busy_timeout_ms=busy_timeout_ms, key=key)
        try:
            database = Database(path, conn, key)
            # Imported here: content imports the audit log, which imports this module.
            from interview_app.storage.content import ContentRecorder

            database.hooks = ContentRecorder(database)
            with translate_sqlite_errors():
                _check_and_migrate(database, data_dir, schema, defer_integrity_check)
        except BaseException:
            conn.close()
            raise
    return database


def _create_private(path: Path) -> None:
    """The data folder and the database readable by their owner only (POSIX 0700/0600; the
    -wal and -shm files SQLite makes take the database's permissions). A new database file is
    made empty with those permissions before SQLite opens it."""
    with known_os_errors(path):
        restrict_to_owner(path.parent)
        if not path.exists():
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            except FileExistsError:
                pass
        for suffix in ("", "-wal", "-shm"):
            restrict_to_owner(path.with_name(path.name + suffix))


def _applied_migrations(conn: sqlite3.Connection, migration_set: str) -> list[str]:
    """The names sqlite-utils' `Migrations.applied()` returns, in order, read with plain SQL so
    that an up-to-date database opens without importing sqlite-utils."""
    table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (MIGRATIONS_TABLE,)
    ).fetchone()
    if table is None:
        return []
    rows = conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
        (migration_set,),
    )
    return [str(row[0]) for row in rows]


def _quick_check(conn: sqlite3.Connection) -> None:
    if [row[0] for row in conn.execute("PRAGMA quick_check")] != ["ok"]:
        raise corrupt_database_error()


def _opening_writes_nothing(conn: sqlite3.Connection, schema: Schema) -> bool:
    """True when the file holds exactly this schema's steps and its workstation id, so that
    _check_and_migrate would refuse nothing and write nothing. An error reading says no: the
    whole check then runs at once and names the problem."""
    try:
        if int(conn.execute("PRAGMA user_version").fetchone()[0]) != schema.version:
            return False
        if _applied_migrations(conn, schema.name) != schema.names:
            return False
        row = conn.execute("SELECT 1 FROM settings WHERE key = 'workstation_id'").fetchone()
    except DATABASE_ERRORS:
        return False
    return row is not None


def _check_and_migrate(
    database: Database, data_dir: Path, schema: Schema, defer_integrity_check: bool = False
) -> None:
    conn = database.conn
    if defer_integrity_check and _opening_writes_nothing(conn, schema):
        conn.execute("PRAGMA query_only = ON")
        database.integrity_check_pending = True
        return
    _quick_check(conn)
    found = database.schema_version
    if found > schema.version:
        raise _newer_schema_error(found, schema.version)
    applied = _applied_migrations(conn, schema.name)
    unknown = [name for name in applied if name not in schema.names]
    if unknown:
        raise _newer_schema_error(max(found, len(applied)), schema.version)
    if any(name not in applied for name in schema.names):
        # Pending steps: sqlite-utils' Migrations applies them (and is loaded only now).
        migrations = schema.migrations()
        if _has_content(conn):
            _pre_migration_copy(conn, data_dir, len(applied), schema.version, database.key)
        if database.hooks is not None:
            database.hooks.before_begin(conn)  # what the steps change is recorded too
        migrations.apply(database.db)
        with database.transaction():
            pass  # records the steps' changes in the audit chain (see storage.content)
    if conn.execute("SELECT 1 FROM settings WHERE key = 'workstation_id'").fetchone() is None:
        import uuid  # once per data folder; not worth its import on every start

        with database.transaction():
            conn.execute(
                "INSERT OR IGNORE INTO settings (key, value) VALUES ('workstation_id', ?)",
                (json.dumps(str(uuid.uuid4())),),
            )
