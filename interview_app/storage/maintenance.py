"""Backups, daily and pre-import snapshots, restoring one, and the `db check` report."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from interview_app.errors import KnownError
from interview_app.storage.audit import AuditCheck
from interview_app.storage.chain_head import HEAD_FILE, read_head
from interview_app.storage.cipher import connect_keyed
from interview_app.storage.content import (
    ContentCheck,
    content_problems_text,
    rewrite_head,
    verify_chain_and_content,
)
from interview_app.storage.content import (
    has_baseline as _has_baseline,
)
from interview_app.storage.content import (
    in_use as _in_use,
)
from interview_app.storage.content import (
    workstation_of as _workstation_of,
)
from interview_app.storage.copies import copy_database
from interview_app.storage.database import BACKUPS_FOLDER, Database, connect
from interview_app.storage.errors import (
    DatabaseKeyError,
    DatabaseLocked,
    DiskFull,
    NotFound,
    StorageIOError,
)
from interview_app.storage.keys import read_office_key
from interview_app.storage.paths import database_path, unsafe_output_reason
from interview_app.storage.schema import SCHEMA
from interview_app.storage.sqlerrors import (
    DATABASE_ERRORS,
    PROGRAMMING_ERRORS,
    SQLITE_ERRORS,
    known_error_for,
    translate_sqlite_errors,
)
from interview_app.storage.writefiles import (
    disk_full_while,
    fsync_directory,
    known_os_errors,
    nearly_full,
    replace_with_retry,
    temporary_name,
)
from interview_app.text import Message

MISSING_LOG = Message(
    "Tabel log audit tidak ada: log telah dihapus di luar aplikasi.",
    "The audit log table is missing: the log was removed outside the application.",
)
MISSING_KEY = Message(
    "Berkas office.key tidak ada: rantai log audit dan isi basis data tidak dapat diperiksa. "
    "Pulihkan office.key dari cadangan.",
    "office.key is missing: the audit chain and the database's content cannot be checked. "
    "Restore office.key from a backup.",
)
EMPTY_LOG = Message(
    "Log audit kosong: entrinya telah dihapus di luar aplikasi.",
    "The audit log is empty: its entries were removed outside the application.",
)
MISSING_HEAD = Message(
    "Berkas kepala rantai audit.head tidak ada: log audit mungkin dipotong.",
    "The chain head file audit.head is missing: the audit log may have been cut.",
)
UNGUARDED_LOG = Message(
    "Pelindung log audit (trigger yang menolak ubah/hapus) telah dihapus atau diubah di luar "
    "aplikasi.",
    "The audit log's guard (the triggers refusing changes and deletions) was removed or "
    "altered outside the application.",
)
SNAPSHOTS_FOLDER = "snapshots"
SNAPSHOT_KINDS = {"daily": 7, "pre-import": 4}  # kind -> how many to keep


def backup(database: Database, out: Path, *, overwrite: bool = False) -> Path:
    """A checked copy of the open database at `out` (whole or absent; see copy_database).
    Refused inside the data folder, onto anything but a regular file, and onto an existing
    file unless `overwrite`."""
    out = Path(out)
    _check_backup_target(database.data_dir, out, overwrite)
    with disk_full_while("menulis cadangan", "writing the backup", out.parent, database.data_dir):
        return copy_database(database.conn, out, key=database.key)


def _check_backup_target(data_dir: Path, out: Path, overwrite: bool) -> None:
    reason = unsafe_output_reason(data_dir, out, overwrite=overwrite)
    if reason is not None:
        raise KnownError(
            f"Cadangan tidak ditulis ke {out}: {reason.id}. Tidak ada yang diubah.",
            f"The backup was not written to {out}: {reason.en}. Nothing was changed.",
        )


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
    remove_leftover_copies(database.data_dir)
    out = snapshots_dir(database.data_dir) / f"{kind}-{_stamp(now)}.sqlite3"
    copy_database(database.conn, out, key=database.key)
    for old in list_snapshots(database.data_dir, kind)[SNAPSHOT_KINDS[kind] :]:
        try:
            old.unlink()
        except OSError:
            pass  # pruning is best effort; the next snapshot tries again
    return out


def remove_leftover_copies(data_dir: Path) -> list[Path]:
    """Remove the temporary copies a killed snapshot, backup, restore or migration left behind
    (hidden `.*.tmp` files holding applicants' data, never listed anywhere), and a chain-head
    file cut off while it was written. Only a process
    holding the data folder (the app, or a command under its lock) calls this: another
    process's copy in progress would be cut off."""
    data_dir = Path(data_dir)
    removed: list[Path] = []
    for folder in (data_dir, snapshots_dir(data_dir), data_dir / BACKUPS_FOLDER):
        if not folder.is_dir():
            continue
        patterns = [".*.sqlite3.*.tmp*"]
        if folder == data_dir:
            patterns.append(f".{HEAD_FILE}.*.tmp")  # a head file cut off while written
        for leftover in (p for pattern in patterns for p in folder.glob(pattern)):
            try:
                leftover.unlink()
            except OSError:
                continue  # still held (Windows) or already gone; the next start tries again
            removed.append(leftover)
    return removed


def snapshot_daily_if_due(database: Database, *, now: datetime | None = None) -> Path | None:
    """The day's first start takes a daily snapshot; later starts that day do nothing. Every
    start clears what a killed copy left behind."""
    now = now or datetime.now(UTC)
    remove_leftover_copies(database.data_dir)
    today = f"daily-{now.astimezone(UTC):%Y%m%d}T"
    if any(p.name.startswith(today) for p in list_snapshots(database.data_dir, "daily")):
        return None
    return snapshot(database, "daily", now=now)


def _open_read_only(path: Path, key: bytes | None) -> sqlite3.Connection:
    """A read-only connection to a database file, keyed when `key` is given. Raises the
    driver's error, or DatabaseKeyError for a key that does not open it."""
    if key is not None:
        return connect_keyed(path, key, read_only=True)
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def newest_sound_snapshot(data_dir: Path, *, key: bytes | None = None) -> Path | None:
    """The newest snapshot (daily or pre-import) whose integrity check passes (opened with
    `key`, the page key, when the data folder is encrypted)."""
    for path in list_snapshots(data_dir):
        try:
            conn = _open_read_only(path, key)
        except SQLITE_ERRORS + (DatabaseKeyError,):
            continue
        try:
            if [row[0] for row in conn.execute("PRAGMA integrity_check")] == ["ok"]:
                return path
        except DATABASE_ERRORS:
            continue
        finally:
            conn.close()
    return None


def restore_snapshot(
    data_dir: Path,
    chosen: Path,
    *,
    now: datetime | None = None,
    key: bytes | None = None,
    office_key: tuple[str, bytes] | None = None,
) -> Path:
    """Put `chosen` in place of the database (which must be closed). Only a sound database of
    this office and workstation with an intact audit chain is put back. The replaced file and
    its -wal/-shm are moved into backups/ (never deleted); returns where the replaced file went.
    `key`: the page key of an encrypted data folder (the snapshot opens with it, and the
    copy put in place is encrypted with it); `office_key`: (office code, key) that checks the
    audit chain, unwrapped by a sign-in (an encrypted folder has no office.key)."""
    data_dir = Path(data_dir)
    target = database_path(data_dir)
    chosen = Path(chosen)
    if not chosen.is_file():
        raise NotFound(f"Snapshot {chosen} tidak ada.", f"Snapshot {chosen} does not exist.")
    try:
        source = _open_read_only(chosen, key)
    except SQLITE_ERRORS + (DatabaseKeyError,):
        raise _not_restorable(chosen, "berkas tidak dapat dibuka", "it cannot be opened") from None
    try:
        with translate_sqlite_errors():
            _check_restorable(data_dir, chosen, source, key, office_key)
        aside = data_dir / BACKUPS_FOLDER / f"replaced-{_stamp(now or datetime.now(UTC))}.sqlite3"
        # The snapshot is copied in whole (checked, fsynced) before the database is touched.
        with disk_full_while(*_RESTORING, data_dir):
            staged = copy_database(source, temporary_name(target), key=key)
    finally:
        source.close()
    try:
        with disk_full_while(*_RESTORING, data_dir):
            _swap_in(target, staged, aside, key)
    except BaseException:
        _remove_quietly(staged)
        raise
    rewrite_head(data_dir, key, office_key)  # the chain now ends where the snapshot's did
    return aside


_RESTORING = ("memulihkan snapshot", "restoring the snapshot")
_CHECKING = (
    "memeriksa basis data (ini bukan tanda basis data rusak)",
    "checking the database (this is no sign of damage)",
)


def _swap_in(target: Path, staged: Path, aside: Path, key: bytes | None = None) -> None:
    """Keep the current database in backups/ (a hard link: instant, no space needed), move its
    -wal/-shm after it, then rename the staged copy into place. A kill at any point leaves a
    whole database under the name: the old one (checkpointed first, so its -wal holds nothing
    that matters) or the restored one; the old one is in backups/ either way."""
    _checkpoint_quietly(target, key)
    with known_os_errors(aside):
        aside.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            try:
                os.link(target, aside)
            except OSError:
                shutil.copy2(target, aside)
        for suffix in ("-wal", "-shm"):
            current = target.with_name(target.name + suffix)
            if current.exists():
                replace_with_retry(current, aside.with_name(aside.name + suffix))
        fsync_directory(aside.parent)
        replace_with_retry(staged, target)
        fsync_directory(target.parent)


def _checkpoint_quietly(path: Path, key: bytes | None = None) -> None:
    """Fold the -wal into the main file when the database still opens (a damaged one may not)."""
    if not path.exists():
        return
    try:
        if key is not None:
            conn = connect_keyed(path, key, timeout=1)
        else:
            conn = sqlite3.connect(path, timeout=1)
    except SQLITE_ERRORS + (DatabaseKeyError,):
        return
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    except SQLITE_ERRORS:
        pass
    finally:
        conn.close()


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


def _not_restorable(chosen: Path, reason_id: str, reason_en: str) -> KnownError:
    return KnownError(
        f"{chosen.name} tidak dipulihkan: {reason_id}. Basis data tidak diubah; pilih snapshot "
        "lain (db snapshots).",
        f"{chosen.name} was not restored: {reason_en}. The database was not changed; choose "
        "another snapshot (db snapshots).",
    )


def _setting(conn: sqlite3.Connection, key: str) -> object:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    if row is None:
        return None
    try:
        return json.loads(row[0])
    except (TypeError, ValueError):
        return row[0]


def _current_workstation(data_dir: Path, key: bytes | None = None) -> object:
    """The workstation id of the database being replaced, or None when it cannot be read."""
    path = database_path(data_dir)
    if not path.exists():
        return None
    try:
        conn = _open_read_only(path, key)
    except SQLITE_ERRORS + (DatabaseKeyError,):
        return None
    try:
        return _setting(conn, "workstation_id")
    except SQLITE_ERRORS:
        return None
    finally:
        conn.close()


def _check_restorable(
    data_dir: Path,
    chosen: Path,
    source: sqlite3.Connection,
    page_key: bytes | None = None,
    office_key: tuple[str, bytes] | None = None,
) -> None:
    """Refuse a damaged file, an empty or foreign database, another office's or another
    workstation's, a newer schema, or one whose audit chain is broken."""
    try:
        integrity = [row[0] for row in source.execute("PRAGMA integrity_check")]
    except DATABASE_ERRORS:
        integrity = ["not a database"]
    if integrity != ["ok"]:
        raise KnownError(
            f"Snapshot {chosen.name} juga rusak; pilih snapshot lain.",
            f"Snapshot {chosen.name} is damaged too; choose another one.",
        )
    version = int(source.execute("PRAGMA user_version").fetchone()[0])
    tables = {row[0] for row in source.execute("SELECT name FROM sqlite_master")}
    if version == 0 or not {"settings", "audit_log", "interviews"} <= tables:
        raise _not_restorable(
            chosen,
            "berkas ini kosong atau bukan basis data Asisten Wawancara",
            "the file is empty or not an Asisten Wawancara database",
        )
    if version > SCHEMA.version:
        raise _not_restorable(
            chosen,
            f"dibuat oleh versi aplikasi yang lebih baru (skema {version})",
            f"it was written by a newer version of the application (schema {version})",
        )
    key = office_key or read_office_key(data_dir)
    office = _setting(source, "office_code")
    if key is None:
        # A workstation not set up yet has no key and no audit log: only a snapshot of the
        # same state fits it; anything with an office or a log needs the key to be checked.
        logged = int(source.execute("SELECT count(*) FROM audit_log").fetchone()[0])
        if office or logged:
            raise _not_restorable(
                chosen,
                "berkas office.key tidak ada, jadi kantor dan log auditnya tidak dapat diperiksa",
                "office.key is missing, so its office and audit log cannot be checked",
            )
        return
    if not isinstance(office, str) or office.casefold() != key[0].casefold():
        raise _not_restorable(
            chosen,
            f"basis data kantor lain ({office or 'tanpa kode kantor'}), bukan {key[0]}",
            f"it is another office's database ({office or 'no office code'}), not {key[0]}'s",
        )
    current = _current_workstation(data_dir, page_key)
    theirs = _setting(source, "workstation_id")
    if current is not None and theirs != current:
        raise _not_restorable(
            chosen,
            "basis data komputer (loket) lain di kantor ini",
            "it is another workstation's database of this office",
        )
    audit, content = verify_chain_and_content(Database(chosen, source, page_key), key[1], [])
    if not audit.ok:
        raise _not_restorable(
            chosen,
            f"log auditnya tidak utuh ({audit.message.id})",
            f"its audit log is not intact ({audit.message.en})",
        )
    # A snapshot taken before the chain recorded content has no baseline yet; one that has
    # must match it row for row.
    if content is not None and content.baselined and not content.ok:
        message = content.message()
        raise _not_restorable(
            chosen,
            f"isinya tidak cocok dengan log auditnya ({message.id})",
            f"its content does not match its audit log ({message.en})",
        )


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
    content: ContentCheck | None = None
    # The chain's own problems that are no break in it: office.key or the audit table
    # missing, an empty chain, the head file missing or forged, rows that do not match.
    chain_problems: list[Message] = field(default_factory=list)

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
        found += self.chain_problems
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
        if self.content is not None and self.content.ok:
            lines.append(self.content.message().text(language))
        lines += [note.text(language) for note in self.notes]
        lines += [problem.text(language) for problem in self.problems]
        if self.content is not None:
            lines += content_problems_text(self.content, language)
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
    key: bytes | None = None,
    office_key: tuple[str, bytes] | None = None,
) -> DbCheckReport:
    """Full integrity check, foreign keys, schema version against the code, the audit chain.
    Reads only; a newer or damaged file is reported, not refused. `database_file` checks another
    file (a backup) with this data folder's office key. `key`: the page key of an encrypted
    file; `office_key`: (office code, key) for the audit chain of an encrypted folder (a
    signed-in session holds it; office.key in the folder is read when None)."""
    path = Path(database_file) if database_file is not None else database_path(Path(data_dir))
    if not path.exists():
        raise NotFound(f"Basis data {path} tidak ada.", f"There is no database at {path}.")
    # A full disk or a locked file stops the check: it is reported as what it is, never as
    # damage to a sound database.
    with disk_full_while(*_CHECKING, path.parent):
        try:
            conn = connect(path, key=key)
        except (DatabaseLocked, DiskFull):
            raise
        except KnownError as exc:
            if isinstance(exc, StorageIOError) and nearly_full(path.parent):
                raise
            return DbCheckReport(path, [exc.message.en], [], None, SCHEMA.version, None)
        try:
            return _check_open(Path(data_dir), path, conn, expected_head, key, office_key)
        finally:
            conn.close()


_ChainResult = tuple[AuditCheck | None, ContentCheck | None, list[Message]]


class _ChainWalk:
    """The audit chain and the rows against its records (_check_chain), on a connection of its
    own, in a thread, while the caller's connection runs the integrity and foreign-key checks
    (SQLite releases the GIL while it reads, so on a machine with two cores the walk adds
    little time). Its result is used only when the file proved sound; otherwise the walk is
    interrupted and dropped."""

    def __init__(
        self,
        data_dir: Path,
        path: Path,
        expected_head: tuple[int, str] | None,
        key: bytes | None = None,
        office_key: tuple[str, bytes] | None = None,
    ) -> None:
        self._data_dir, self._path, self._expected_head = data_dir, path, expected_head
        self._key, self._office_key = key, office_key
        self._conn: sqlite3.Connection | None = None
        self._stopped = False
        self._result: _ChainResult | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="audit-walk", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            conn = connect(self._path, key=self._key)  # the connection belongs to this thread
        except BaseException as exc:  # handed to the caller by result()
            self._error = exc
            return
        self._conn = conn
        try:
            if not self._stopped:
                self._result = _check_chain(
                    self._data_dir, self._path, conn, self._expected_head, self._office_key
                )
        except BaseException as exc:
            self._error = exc
        finally:
            self._conn = None
            conn.close()

    def result(self) -> _ChainResult:
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
            except PROGRAMMING_ERRORS:
                pass  # closed by the thread meanwhile
        self._thread.join()


def _check_open(
    data_dir: Path,
    path: Path,
    conn: sqlite3.Connection,
    expected_head: tuple[int, str] | None,
    key: bytes | None = None,
    office_key: tuple[str, bytes] | None = None,
) -> DbCheckReport:
    notes: list[Message] = []
    walk = _ChainWalk(data_dir, path, expected_head, key, office_key)
    try:
        integrity = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
        fk_problems = [
            f"{table} rowid {rowid} -> {parent}"
            for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check")
        ]
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    except DATABASE_ERRORS as exc:
        walk.drop()
        known = known_error_for(exc)
        if isinstance(known, DatabaseLocked | DiskFull) or (
            isinstance(known, StorageIOError) and nearly_full(path.parent)
        ):
            raise known from None
        detail = known.message.en if known else str(exc)
        return DbCheckReport(path, [detail], [], None, SCHEMA.version, None)
    except BaseException:
        walk.drop()
        raise
    audit: AuditCheck | None = None
    content: ContentCheck | None = None
    chain_problems: list[Message] = []
    if integrity == ["ok"]:
        audit, content, chain_problems = walk.result()
    else:
        walk.drop()  # a damaged file is the finding; the chain cannot be read
    if content is not None and not content.baselined:
        notes.append(
            Message(
                "Isi basis data belum tercatat di rantai audit (dibuat versi lama); dicatat saat "
                "aplikasi membukanya.",
                "The database's content is not yet recorded in the audit chain (an older "
                "version made it); it is recorded when the app opens it.",
            )
        )
    if version < SCHEMA.version:
        notes.append(
            Message(
                f"Skema {version} akan diperbarui ke {SCHEMA.version} saat aplikasi dibuka.",
                f"Schema {version} will be upgraded to {SCHEMA.version} when the app opens it.",
            )
        )
    return DbCheckReport(
        path,
        integrity,
        fk_problems,
        version,
        SCHEMA.version,
        audit,
        notes,
        content=content,
        chain_problems=chain_problems,
    )


def _log_guarded(conn: sqlite3.Connection) -> bool:
    """The triggers that make the audit log append-only are there and still refuse."""
    found = dict(
        conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
        ).fetchall()
    )
    return all(
        "RAISE(ABORT" in str(found.get(name, "")).upper()
        for name in ("audit_log_no_update", "audit_log_no_delete")
    )


def _check_chain(
    data_dir: Path,
    path: Path,
    conn: sqlite3.Connection,
    expected_head: tuple[int, str] | None,
    office_key: tuple[str, bytes] | None = None,
) -> tuple[AuditCheck | None, ContentCheck | None, list[Message]]:
    """The audit chain, the rows against its records, and the head file (for the data
    folder's own database; a backup is older than the folder's head by nature)."""
    has_log = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'"
    ).fetchone()
    if not has_log:
        return None, None, [MISSING_LOG]
    try:
        key = office_key if office_key is not None else read_office_key(data_dir)
    except KnownError as exc:
        return None, None, [exc.message]
    if key is None:
        return None, None, [MISSING_KEY]
    problems: list[Message] = []
    if not _log_guarded(conn):
        problems.append(UNGUARDED_LOG)
    anchors = [expected_head] if expected_head is not None else []
    entries = int(conn.execute("SELECT count(*) FROM audit_log").fetchone()[0])
    own = path.resolve() == database_path(data_dir).resolve()
    if own:
        head = read_head(data_dir, key[1], _workstation_of(conn))
        if head is not None and head.problem is not None:
            problems.append(head.problem)
        elif head is not None and head.anchor is not None:
            anchors.append(head.anchor)
        elif entries and _has_baseline(conn):
            problems.append(MISSING_HEAD)
    if entries == 0 and not anchors:
        if not own or _in_use(conn):
            return None, None, [*problems, EMPTY_LOG]
        # A new data folder (no accounts, no interviews, no head file): nothing logged yet.
        return None, None, problems
    database = Database(path, conn)
    audit, content = verify_chain_and_content(database, key[1], anchors)
    if content is not None and not content.ok and content.baselined:
        problems.append(content.message())
    return audit, content, problems
