"""Backups, daily and pre-import snapshots, restoring one, and the `db check` report."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from interview_app.errors import KnownError
from interview_app.questionnaire.valuetypes import Message
from interview_app.storage.audit import AuditCheck, AuditLog
from interview_app.storage.copies import copy_database
from interview_app.storage.database import BACKUPS_FOLDER, Database, connect
from interview_app.storage.errors import DatabaseLocked, NotFound
from interview_app.storage.keys import read_office_key
from interview_app.storage.paths import database_path
from interview_app.storage.schema import SCHEMA
from interview_app.storage.sqlerrors import known_error_for, translate_sqlite_errors
from interview_app.storage.writefiles import fsync_directory, known_os_errors, replace_with_retry

SNAPSHOTS_FOLDER = "snapshots"
SNAPSHOT_KINDS = {"daily": 7, "pre-import": 4}  # kind -> how many to keep


def backup(database: Database, out: Path) -> Path:
    """A checked copy of the open database at `out` (whole or absent; see copy_database)."""
    return copy_database(database.conn, Path(out))


def _stamp(now: datetime) -> str:
    return now.astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def snapshots_dir(data_dir: Path) -> Path:
    return Path(data_dir) / SNAPSHOTS_FOLDER


def list_snapshots(data_dir: Path, kind: str | None = None) -> list[Path]:
    """Snapshot files, newest first (the names carry a sortable UTC time)."""
    folder = snapshots_dir(data_dir)
    if not folder.is_dir():
        return []
    kinds = [kind] if kind else list(SNAPSHOT_KINDS)
    found = [(p.name[len(k) + 1 :], p) for k in kinds for p in folder.glob(f"{k}-*.sqlite3")]
    return [p for _, p in sorted(found, reverse=True)]


def snapshot(database: Database, kind: str, *, now: datetime | None = None) -> Path:
    """Take a `daily` or `pre-import` snapshot and keep only the newest few of that kind."""
    if kind not in SNAPSHOT_KINDS:
        raise ValueError(f"unknown snapshot kind {kind!r}")
    now = now or datetime.now(UTC)
    out = snapshots_dir(database.data_dir) / f"{kind}-{_stamp(now)}.sqlite3"
    copy_database(database.conn, out)
    for old in list_snapshots(database.data_dir, kind)[SNAPSHOT_KINDS[kind] :]:
        try:
            old.unlink()
        except OSError:
            pass  # pruning is best effort; the next snapshot tries again
    return out


def snapshot_daily_if_due(database: Database, *, now: datetime | None = None) -> Path | None:
    """The day's first start takes a daily snapshot; later starts that day do nothing."""
    now = now or datetime.now(UTC)
    today = f"daily-{now.astimezone(UTC):%Y%m%d}T"
    if any(p.name.startswith(today) for p in list_snapshots(database.data_dir, "daily")):
        return None
    return snapshot(database, "daily", now=now)


def newest_sound_snapshot(data_dir: Path) -> Path | None:
    """The newest snapshot (daily or pre-import) whose integrity check passes."""
    for path in list_snapshots(data_dir):
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        except sqlite3.Error:
            continue
        try:
            if [row[0] for row in conn.execute("PRAGMA integrity_check")] == ["ok"]:
                return path
        except sqlite3.DatabaseError:
            continue
        finally:
            conn.close()
    return None


def restore_snapshot(data_dir: Path, chosen: Path, *, now: datetime | None = None) -> Path:
    """Put `chosen` in place of the database (which must be closed). The replaced file and its
    -wal/-shm are moved into backups/ (never deleted); returns where the replaced file went."""
    data_dir = Path(data_dir)
    target = database_path(data_dir)
    if not Path(chosen).is_file():
        raise NotFound(f"Snapshot {chosen} tidak ada.", f"Snapshot {chosen} does not exist.")
    source = sqlite3.connect(Path(chosen), isolation_level=None)  # only read: rollback journal
    try:
        with translate_sqlite_errors():
            if [row[0] for row in source.execute("PRAGMA integrity_check")] != ["ok"]:
                raise KnownError(
                    f"Snapshot {Path(chosen).name} juga rusak; pilih snapshot lain.",
                    f"Snapshot {Path(chosen).name} is damaged too; choose another one.",
                )
        aside = data_dir / BACKUPS_FOLDER / f"replaced-{_stamp(now or datetime.now(UTC))}.sqlite3"
        with known_os_errors(aside):
            aside.parent.mkdir(parents=True, exist_ok=True)
            for suffix in ("", "-wal", "-shm"):
                current = target.with_name(target.name + suffix)
                if current.exists():
                    replace_with_retry(current, aside.with_name(aside.name + suffix))
            fsync_directory(aside.parent)
        copy_database(source, target)
    finally:
        source.close()
    return aside


@dataclass(frozen=True)
class DbCheckReport:
    """What `db check` found. `ok` is False when anything needs a person's attention."""

    path: Path
    integrity: list[str]
    foreign_key_problems: list[str]
    schema_version: int | None
    code_schema_version: int
    audit: AuditCheck | None
    notes: list[Message] = field(default_factory=list)

    @property
    def problems(self) -> list[Message]:
        found: list[Message] = []
        if self.integrity != ["ok"]:
            found.append(
                Message(
                    "Pemeriksaan integritas gagal: " + "; ".join(self.integrity[:5]),
                    "The integrity check failed: " + "; ".join(self.integrity[:5]),
                )
            )
        if self.foreign_key_problems:
            found.append(
                Message(
                    f"{len(self.foreign_key_problems)} baris merujuk data yang tidak ada.",
                    f"{len(self.foreign_key_problems)} rows refer to missing data.",
                )
            )
        if self.schema_version is not None and self.schema_version > self.code_schema_version:
            found.append(
                Message(
                    f"Skema {self.schema_version} lebih baru dari aplikasi ini "
                    f"({self.code_schema_version}).",
                    f"Schema {self.schema_version} is newer than this application "
                    f"({self.code_schema_version}).",
                )
            )
        if self.audit is not None and not self.audit.ok:
            found.append(self.audit.message)
        return found

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self, language: str = "id") -> str:
        lines = [f"{self.path}"]
        if self.integrity == ["ok"]:
            lines.append(Message("Integritas: baik", "Integrity: ok").text(language))
        if not self.foreign_key_problems and self.integrity == ["ok"]:
            lines.append(Message("Kunci asing: baik", "Foreign keys: ok").text(language))
        if self.schema_version is not None:
            lines.append(
                Message(
                    f"Versi skema: {self.schema_version} (aplikasi: {self.code_schema_version})",
                    f"Schema version: {self.schema_version} (application: "
                    f"{self.code_schema_version})",
                ).text(language)
            )
        if self.audit is not None and self.audit.ok:
            lines.append(self.audit.message.text(language))
        lines += [note.text(language) for note in self.notes]
        lines += [problem.text(language) for problem in self.problems]
        verdict = (
            Message("HASIL: BAIK", "RESULT: OK")
            if self.ok
            else Message("HASIL: ADA MASALAH", "RESULT: PROBLEMS FOUND")
        )
        lines.append(verdict.text(language))
        return "\n".join(lines)


def check(
    data_dir: Path,
    *,
    expected_head: tuple[int, str] | None = None,
    database_file: Path | None = None,
) -> DbCheckReport:
    """Full integrity check, foreign keys, schema version against the code, the audit chain.
    Reads only; a newer or damaged file is reported, not refused. `database_file` checks another
    file (a backup) with this data folder's office key."""
    path = Path(database_file) if database_file is not None else database_path(Path(data_dir))
    if not path.exists():
        raise NotFound(f"Basis data {path} tidak ada.", f"There is no database at {path}.")
    try:
        conn = connect(path)
    except DatabaseLocked:
        raise  # not damage: the caller says "locked, try again" in both languages
    except KnownError as exc:
        return DbCheckReport(path, [exc.message.en], [], None, SCHEMA.version, None)
    try:
        return _check_open(Path(data_dir), path, conn, expected_head)
    finally:
        conn.close()


class _AuditWalk:
    """The audit chain walked on a connection of its own, in a thread, while the caller's
    connection runs the integrity and foreign-key checks (SQLite releases the GIL while it
    reads, so on a machine with two cores the walk adds little time). Its result is used only
    when the file proved sound; otherwise the walk is interrupted and dropped."""

    def __init__(self, path: Path, key: bytes, expected_head: tuple[int, str] | None) -> None:
        self._path, self._key, self._expected_head = path, key, expected_head
        self._conn: sqlite3.Connection | None = None
        self._stopped = False
        self._result: AuditCheck | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="audit-walk", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            conn = connect(self._path)  # the connection belongs to this thread
        except BaseException as exc:  # handed to the caller by result()
            self._error = exc
            return
        self._conn = conn
        try:
            if not self._stopped:
                database = Database(self._path, conn)
                self._result = AuditLog(database, self._key).verify(
                    expected_head=self._expected_head
                )
        except BaseException as exc:
            self._error = exc
        finally:
            self._conn = None
            conn.close()

    def result(self) -> AuditCheck:
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._result is not None
        return self._result

    def drop(self) -> None:
        self._stopped = True
        conn = self._conn
        if conn is not None:
            try:
                conn.interrupt()
            except sqlite3.ProgrammingError:
                pass  # closed by the thread meanwhile
        self._thread.join()


def _check_open(
    data_dir: Path,
    path: Path,
    conn: sqlite3.Connection,
    expected_head: tuple[int, str] | None,
) -> DbCheckReport:
    notes: list[Message] = []
    key = read_office_key(data_dir)
    walk: _AuditWalk | None = None
    try:
        has_log = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'"
        ).fetchone()
        if has_log and key is not None:
            walk = _AuditWalk(path, key[1], expected_head)
        integrity = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
        fk_problems = [
            f"{table} rowid {rowid} -> {parent}"
            for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check")
        ]
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        if walk is not None:
            walk.drop()
        known = known_error_for(exc)
        if isinstance(known, DatabaseLocked):
            raise known from None
        detail = known.message.en if known else str(exc)
        return DbCheckReport(path, [detail], [], None, SCHEMA.version, None)
    except BaseException:
        if walk is not None:
            walk.drop()
        raise
    audit: AuditCheck | None = None
    if walk is not None and integrity == ["ok"]:
        audit = walk.result()
    elif walk is not None:
        walk.drop()
    if has_log and key is None:
        notes.append(
            Message(
                "Berkas office.key tidak ada: rantai log audit tidak dapat diperiksa.",
                "office.key is missing: the audit chain cannot be checked.",
            )
        )
    if version < SCHEMA.version:
        notes.append(
            Message(
                f"Skema {version} akan diperbarui ke {SCHEMA.version} saat aplikasi dibuka.",
                f"Schema {version} will be upgraded to {SCHEMA.version} when the app opens it.",
            )
        )
    return DbCheckReport(path, integrity, fk_problems, version, SCHEMA.version, audit, notes)
