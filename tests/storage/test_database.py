"""Opening the database: settings, schema version, migrations with a copy aside, refusals."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from interview_app.storage.database import Database, open_database, translate_sqlite_errors
from interview_app.storage.errors import (
    DatabaseCorrupt,
    DatabaseLocked,
    DiskFull,
    ReadOnlyStorage,
    SchemaTooNew,
)
from interview_app.storage.interviews import InterviewRepository
from interview_app.storage.schema import SCHEMA
from interview_app.storage.settings import SettingsStore

from .conftest import new_draft


def _raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def test_every_connection_gets_the_settings(database: Database) -> None:
    conn = database.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert conn.execute("PRAGMA trusted_schema").fetchone()[0] == 0
    assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    assert conn.execute("PRAGMA mmap_size").fetchone()[0] == 0
    assert database.path.name == "interviews.sqlite3"
    assert isinstance(database.db, sqlite_utils.Database)


def test_schema_version_is_number_of_migrations(database: Database) -> None:
    assert database.schema_version == SCHEMA.version == len(SCHEMA.names) == 7
    assert SCHEMA.names[-2:] == ["m006_sync_tables", "m007_slip_ledger_and_unsaved_input"]
    applied = database.conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = 'interview_app'"
    ).fetchall()
    assert [name for (name,) in applied] == SCHEMA.names


def test_start_up_reads_the_migrations_table_as_sqlite_utils_does(database: Database) -> None:
    from sqlite_utils.migrations import Migrations

    from interview_app.storage.database import _applied_migrations
    from interview_app.storage.schema import MIGRATIONS_TABLE

    assert MIGRATIONS_TABLE == Migrations.migrations_table
    expected = [m.name for m in SCHEMA.migrations().applied(database.db)]
    assert _applied_migrations(database.conn, SCHEMA.name) == expected == SCHEMA.names
    assert _applied_migrations(database.conn, "another_set") == []


def test_an_up_to_date_database_opens_without_sqlite_utils(data_dir: Path) -> None:
    """Start-up time: sqlite-utils (tens of milliseconds to import) is loaded only when
    migrations must run or its API is used."""
    import subprocess
    import sys

    open_database(data_dir).close()
    code = (
        "import sys\n"
        "from interview_app.storage.database import open_database\n"
        f"open_database({str(data_dir)!r}).close()\n"
        "print('sqlite_utils' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"


def test_workstation_id_made_once(data_dir: Path) -> None:
    with open_database(data_dir) as first:
        workstation = SettingsStore(first).get("workstation_id")
    with open_database(data_dir) as second:
        assert SettingsStore(second).get("workstation_id") == workstation
    assert len(workstation) == 36


def test_newer_schema_refused_and_file_untouched(data_dir: Path) -> None:
    open_database(data_dir).close()
    path = data_dir / "interviews.sqlite3"
    conn = _raw(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA.version + 1}")
    conn.close()
    with pytest.raises(SchemaTooNew) as caught:
        open_database(data_dir)
    assert "Basis data dibuat oleh versi aplikasi yang lebih baru" in caught.value.message.id
    assert "The database was written by a newer version" in caught.value.message.en
    conn = _raw(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA.version + 1
    conn.close()
    assert not (data_dir / "backups").exists()


def test_unknown_applied_migration_refused(data_dir: Path) -> None:
    future = SCHEMA.with_step(lambda db: None, name="m099_from_the_future")
    open_database(data_dir, schema=future).close()
    path = data_dir / "interviews.sqlite3"
    conn = _raw(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA.version}")  # a careless downgrade tool
    conn.close()
    with pytest.raises(SchemaTooNew):
        open_database(data_dir)


def _m002_add_column(db: sqlite_utils.Database) -> None:
    db.conn.execute("ALTER TABLE interviews ADD COLUMN test_extra TEXT")


def test_migration_copies_file_aside_first(
    database: Database, interviews: InterviewRepository
) -> None:
    record = new_draft(interviews)
    interviews.save_answer(record.uuid, "q1", "kept", current_question="q2")
    data_dir = database.data_dir
    database.close()

    with open_database(data_dir, schema=SCHEMA.with_step(_m002_add_column)) as upgraded:
        assert upgraded.schema_version == SCHEMA.version + 1
        columns = {row[1] for row in upgraded.conn.execute("PRAGMA table_info(interviews)")}
        assert "test_extra" in columns

    old, new = SCHEMA.version, SCHEMA.version + 1
    copies = list((data_dir / "backups").glob(f"pre-migration-{old}-to-{new}-*.sqlite3"))
    assert len(copies) == 1
    copy = _raw(copies[0])
    try:
        assert copy.execute("PRAGMA user_version").fetchone()[0] == SCHEMA.version
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        columns = {row[1] for row in copy.execute("PRAGMA table_info(interviews)")}
        assert "test_extra" not in columns
        assert copy.execute("SELECT value FROM answers").fetchone()[0] == '"kept"'
    finally:
        copy.close()
    assert not Path(str(copies[0]) + "-wal").exists()


def test_failed_migration_rolls_back(database: Database) -> None:
    data_dir = database.data_dir
    database.close()

    def m002_broken(db: sqlite_utils.Database) -> None:
        db.conn.execute("CREATE TABLE half_done (x INTEGER)")
        raise RuntimeError("bug in a migration")

    with pytest.raises(RuntimeError):
        open_database(data_dir, schema=SCHEMA.with_step(m002_broken))
    with open_database(data_dir) as reopened:
        assert reopened.schema_version == SCHEMA.version
        assert not reopened.db["half_done"].exists()
    old, new = SCHEMA.version, SCHEMA.version + 1
    assert len(list((data_dir / "backups").glob(f"pre-migration-{old}-to-{new}-*"))) == 1


def test_new_database_needs_no_copy(data_dir: Path) -> None:
    open_database(data_dir).close()
    assert not (data_dir / "backups").exists()


def test_damaged_file_refused_with_snapshot_advice(data_dir: Path) -> None:
    (data_dir / "interviews.sqlite3").write_bytes(b"this is not a database at all" * 200)
    with pytest.raises(DatabaseCorrupt) as caught:
        open_database(data_dir)
    assert "snapshot" in caught.value.message.id
    assert "snapshot" in caught.value.message.en


def test_corrupt_page_found_by_quick_check(data_dir: Path, interviews: InterviewRepository) -> None:
    # The fixture's connection is still open; corrupting the file under it is what a failing
    # disk does. One index page scribbled over, opened afresh.
    broken = _scribble_over_index(data_dir, interviews)
    with pytest.raises(DatabaseCorrupt):
        open_database(broken)


def test_locked_database_is_a_known_error(data_dir: Path, interviews: InterviewRepository) -> None:
    record = new_draft(interviews)
    impatient = open_database(data_dir, busy_timeout_ms=100)
    other = _raw(data_dir / "interviews.sqlite3")
    try:
        repo = InterviewRepository(impatient, interviews._audit)
        other.execute("BEGIN EXCLUSIVE")
        with pytest.raises(DatabaseLocked) as caught:
            repo.save_answer(record.uuid, "q1", "ya", current_question="q2")
        assert "dikunci" in caught.value.message.id
        assert not impatient.conn.in_transaction
        other.execute("ROLLBACK")
        repo.save_answer(record.uuid, "q1", "ya", current_question="q2")  # the retry works
        assert interviews.get(record.uuid).answers == {"q1": "ya"}
    finally:
        other.close()
        impatient.close()


def test_disk_full_is_a_known_error_and_data_intact(
    database: Database, interviews: InterviewRepository
) -> None:
    record = new_draft(interviews)
    interviews.save_answer(record.uuid, "q1", "before", current_question="q2")
    pages = database.conn.execute("PRAGMA page_count").fetchone()[0]
    # SQLite's own size cap: a write that needs a new page fails with SQLITE_FULL, exactly
    # as on a full disk.
    database.conn.execute(f"PRAGMA max_page_count = {pages}").fetchall()
    with pytest.raises(DiskFull) as caught:
        interviews.save_answer(record.uuid, "q2", "x" * 50_000, current_question="q3")
    assert "Disk penuh" in caught.value.message.id
    assert not database.conn.in_transaction
    database.conn.execute("PRAGMA max_page_count = 1073741823").fetchall()
    assert database.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = interviews.get(record.uuid)
    assert stored.answers == {"q1": "before"}
    assert stored.current_question == "q2"


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (sqlite3.OperationalError("database is locked"), DatabaseLocked),
        (sqlite3.OperationalError("database or disk is full"), DiskFull),
        (sqlite3.OperationalError("attempt to write a readonly database"), ReadOnlyStorage),
        (sqlite3.DatabaseError("database disk image is malformed"), DatabaseCorrupt),
    ],
)
def test_translate_sqlite_errors(error: sqlite3.Error, kind: type) -> None:
    with pytest.raises(kind) as caught:
        with translate_sqlite_errors():
            raise error
    assert caught.value.__cause__ is error


def test_bugs_are_not_translated() -> None:
    with pytest.raises(sqlite3.OperationalError):
        with translate_sqlite_errors():
            raise sqlite3.OperationalError("no such table: nothing")


def test_read_only_file_is_a_known_error(data_dir: Path, interviews: InterviewRepository) -> None:
    record = new_draft(interviews)
    readonly = sqlite3.connect(
        f"file:{(data_dir / 'interviews.sqlite3').as_posix()}?mode=ro",
        uri=True,
        isolation_level=None,
    )
    try:
        wrapped = Database(data_dir / "interviews.sqlite3", readonly)
        repo = InterviewRepository(wrapped, interviews._audit)
        with pytest.raises(ReadOnlyStorage):
            repo.save_answer(record.uuid, "q1", "ya", current_question=None)
    finally:
        readonly.close()


def test_transaction_nests_with_sqlite_utils_atomic(database: Database) -> None:
    with pytest.raises(RuntimeError):
        with database.db.atomic():
            database.conn.execute("INSERT INTO settings VALUES ('a', '1')")
            with database.transaction() as conn:
                conn.execute("INSERT INTO settings VALUES ('b', '2')")
            raise RuntimeError("outer fails")
    assert (
        database.conn.execute("SELECT count(*) FROM settings WHERE key IN ('a','b')").fetchone()[0]
        == 0
    )


def test_a_failed_inner_transaction_undoes_only_its_own_writes(database: Database) -> None:
    with database.transaction() as outer:
        outer.execute("INSERT INTO settings VALUES ('kept', '1')")
        with pytest.raises(RuntimeError), database.transaction() as inner:
            inner.execute("INSERT INTO settings VALUES ('undone', '2')")
            raise RuntimeError("inner fails")
        with database.transaction() as again:
            again.execute("INSERT INTO settings VALUES ('also kept', '3')")
    keys = {row[0] for row in database.conn.execute("SELECT key FROM settings")}
    assert {"kept", "also kept"} <= keys and "undone" not in keys
    assert not database.conn.in_transaction


def _scribble_over_index(data_dir: Path, interviews: InterviewRepository) -> Path:
    """A copy of the fixture's database with one index page overwritten (a failing disk)."""
    for _ in range(30):
        record = new_draft(interviews)
        interviews.save_answer(
            record.uuid,
            "q",
            "x" * 500,
            current_question=None,
            identity={"full_name": "Nama " + record.uuid},
        )
    conn = _raw(data_dir / "interviews.sqlite3")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'interviews_full_name'"
    ).fetchone()[0]
    conn.close()
    data = bytearray((data_dir / "interviews.sqlite3").read_bytes())
    offset = (root - 1) * page_size
    data[offset + 8 : offset + 200] = b"\xff" * 192
    broken = data_dir.parent / "broken"
    broken.mkdir()
    (broken / "interviews.sqlite3").write_bytes(bytes(data))
    return broken


def test_deferred_check_writes_nothing_until_it_has_passed(database: Database) -> None:
    data_dir = database.data_dir
    database.close()
    with open_database(data_dir, defer_integrity_check=True) as deferred:
        assert deferred.integrity_check_pending
        assert SettingsStore(deferred).get("office_code") is not None  # reads are fine
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            deferred.conn.execute("INSERT INTO settings (key, value) VALUES ('x', '1')")
        with deferred.transaction() as conn:  # runs the check first, then may write
            conn.execute("INSERT INTO settings (key, value) VALUES ('x', '1')")
        assert not deferred.integrity_check_pending
        deferred.finish_integrity_check()  # nothing left to do


def test_deferred_check_refuses_a_damaged_file_and_keeps_it_unwritten(
    data_dir: Path, interviews: InterviewRepository
) -> None:
    broken = _scribble_over_index(data_dir, interviews)
    with open_database(broken, defer_integrity_check=True) as deferred:
        with pytest.raises(DatabaseCorrupt):
            deferred.finish_integrity_check()
        assert deferred.integrity_check_pending
        with pytest.raises(DatabaseCorrupt), deferred.transaction() as conn:
            conn.execute("INSERT INTO settings (key, value) VALUES ('x', '1')")
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            deferred.conn.execute("INSERT INTO settings (key, value) VALUES ('x', '1')")


def test_a_check_is_never_deferred_past_a_write_at_open(data_dir: Path) -> None:
    with open_database(data_dir, defer_integrity_check=True) as new:  # a new file: migrations
        assert not new.integrity_check_pending
    newer = SCHEMA.with_step(_m002_add_column)
    with open_database(data_dir, schema=newer, defer_integrity_check=True) as upgraded:
        assert not upgraded.integrity_check_pending  # a pending step ran
        assert upgraded.schema_version == SCHEMA.version + 1
    conn = _raw(data_dir / "interviews.sqlite3")
    conn.execute("DELETE FROM settings WHERE key = 'workstation_id'")
    conn.close()
    with open_database(data_dir, schema=newer, defer_integrity_check=True) as reopened:
        assert not reopened.integrity_check_pending  # a new workstation id was written
        assert SettingsStore(reopened).get("workstation_id")
    with open_database(data_dir, schema=newer, defer_integrity_check=True) as settled:
        assert settled.integrity_check_pending  # nothing to write: deferred


def test_a_background_check_keeps_writes_refused_until_its_verdict(database: Database) -> None:
    data_dir = database.data_dir
    database.close()
    with open_database(data_dir, defer_integrity_check=True) as deferred:
        deferred.start_integrity_check()
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            deferred.conn.execute("INSERT INTO settings (key, value) VALUES ('x', '1')")
        with deferred.transaction() as conn:  # waits for the thread's verdict, then writes
            conn.execute("INSERT INTO settings (key, value) VALUES ('x', '1')")
        assert not deferred.integrity_check_pending
        assert not deferred.integrity_check_running


def test_a_background_check_refuses_a_damaged_file(
    data_dir: Path, interviews: InterviewRepository
) -> None:
    broken = _scribble_over_index(data_dir, interviews)
    with open_database(broken, defer_integrity_check=True) as deferred:
        deferred.start_integrity_check()
        with pytest.raises(DatabaseCorrupt):
            deferred.finish_integrity_check()
        assert deferred.integrity_check_pending
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            deferred.conn.execute("INSERT INTO settings (key, value) VALUES ('x', '1')")


def test_closing_during_a_background_check_ends_it(database: Database) -> None:
    data_dir = database.data_dir
    database.close()
    deferred = open_database(data_dir, defer_integrity_check=True)
    deferred.start_integrity_check()
    deferred.close()  # interrupts and joins the reading thread
    assert not deferred.integrity_check_running
