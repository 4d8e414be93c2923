"""Opening the SQLite file: connection settings, start-up check, migrations with a copy first."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Protocol

from interview_app.storage.copies import copy_database
from interview_app.storage.errors import SchemaTooNew, StorageLocationError
from interview_app.storage.paths import database_path
from interview_app.storage.schema import MIGRATIONS_TABLE, SCHEMA, Schema
from interview_app.storage.sqlerrors import corrupt_database_error, translate_sqlite_errors
from interview_app.storage.writefiles import known_os_errors

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
    sqlite-utils view of it (`db`). Not shared between threads; open another for a worker."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.data_dir = path.parent
        self.conn = conn
        # True while quick_check is deferred (open_database(defer_integrity_check=True)); the
        # connection is query-only until finish_integrity_check() passes.
        self.integrity_check_pending = False
        self.hooks: TransactionHooks | None = None

    def finish_integrity_check(self) -> None:
        """Run the quick_check that open_database deferred, then allow writes; a damaged file
        raises DatabaseCorrupt and the connection stays query-only. Nothing when none is due."""
        if not self.integrity_check_pending:
            return
        with translate_sqlite_errors():
            _quick_check(self.conn)
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
        savepoint through sqlite-utils' `atomic()` when the caller has one open already.
        Environment errors come out as KnownErrors; everything is rolled back on any error."""
        conn = self.conn
        self.finish_integrity_check()  # no write before a deferred check has passed
        with translate_sqlite_errors():
            if conn.in_transaction:
                with self.db.atomic():
                    yield conn
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


def _rollback_quietly(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass


def connect(path: Path, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    """A raw connection with this project's settings; no checks, no migrations.

    isolation_level=None: the driver opens no hidden transactions; every transaction in the
    storage package is explicit (Database.transaction or sqlite-utils' atomic)."""
    busy_timeout_ms = int(busy_timeout_ms)
    with translate_sqlite_errors():
        conn = sqlite3.connect(path, timeout=busy_timeout_ms / 1000, isolation_level=None)
        try:
            conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
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


def _pre_migration_copy(conn: sqlite3.Connection, data_dir: Path, old: int, new: int) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    out = data_dir / BACKUPS_FOLDER / f"pre-migration-{old}-to-{new}-{stamp}.sqlite3"
    return copy_database(conn, out)


def open_database(
    data_dir: Path,
    *,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    schema: Schema = SCHEMA,
    defer_integrity_check: bool = False,
) -> Database:
    """Open (or create) `<data_dir>/interviews.sqlite3`: settings, quick_check, refusal of a
    newer schema, a copy aside before pending migrations, the migrations, the workstation id.

    quick_check reads the whole file (about 10 ms per 10,000 interviews). With
    `defer_integrity_check` (the officer's app, to show its window first) it is left for
    `Database.finish_integrity_check()` when opening has nothing to write; until then the
    connection is query-only (SQLite refuses any write) and `transaction()` runs the check
    first. When a migration or the workstation id must be written, it runs here as always."""
    data_dir = Path(data_dir)
    with known_os_errors(data_dir):
        data_dir.mkdir(parents=True, exist_ok=True)
    path = database_path(data_dir)
    conn = connect(path, busy_timeout_ms=busy_timeout_ms)
    try:
        database = Database(path, conn)
        # Imported here: content imports the audit log, which imports this module.
        from interview_app.storage.content import ContentRecorder

        database.hooks = ContentRecorder(database)
        with translate_sqlite_errors():
            _check_and_migrate(database, data_dir, schema, defer_integrity_check)
    except BaseException:
        conn.close()
        raise
    return database


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
    except sqlite3.DatabaseError:
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
            _pre_migration_copy(conn, data_dir, len(applied), schema.version)
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
