"""An encrypted database (SQLCipher): opened with its page key, unreadable without it, its
WAL, snapshots, backups and pre-migration copies encrypted with the same key."""

from __future__ import annotations

import os
import secrets
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from interview_app.storage import maintenance
from interview_app.storage.audit import AuditLog
from interview_app.storage.cipher import database_key, is_plaintext_database, looks_encrypted
from interview_app.storage.database import connect, open_database
from interview_app.storage.errors import DatabaseKeyError, DatabaseLocked
from interview_app.storage.interviews import InterviewRepository
from interview_app.storage.keys import derive_key, load_or_create_office_key
from interview_app.storage.schema import SCHEMA, Schema
from interview_app.storage.settings import SettingsStore

from .conftest import OFFICE_CODE, new_draft

NIK = "7271015708900003"
NAME = "Wulandari Sitompul"


def _key() -> bytes:
    return secrets.token_bytes(32)


def _everything(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def _office(data_dir: Path, page_key: bytes) -> tuple[object, InterviewRepository]:
    database = open_database(data_dir, key=page_key)
    SettingsStore(database).set("office_code", OFFICE_CODE)
    office_key = load_or_create_office_key(data_dir, OFFICE_CODE)
    interviews = InterviewRepository(database, AuditLog(database, office_key))
    return database, interviews


def _identify(interviews: InterviewRepository, uuid: str) -> None:
    interviews.save_answer(
        uuid,
        "nik",
        NIK,
        current_question="full_name",
        identity={"nik": NIK, "full_name": NAME},
    )


def test_the_page_key_is_the_office_keys_own_derivation() -> None:
    office_key = _key()
    assert database_key(office_key) == derive_key(office_key, "database-pages v1")
    assert database_key(office_key) not in {
        derive_key(office_key, "sync-package v1"),
        derive_key(office_key, "audit-chain v1"),
    }
    assert len(database_key(office_key)) == 32


def test_an_encrypted_database_migrates_and_keeps_answers_but_shows_nothing_in_clear(
    data_dir: Path,
) -> None:
    page_key = _key()
    database, interviews = _office(data_dir, page_key)
    try:
        assert database.schema_version == SCHEMA.version  # sqlite-utils' Migrations ran on it
        record = new_draft(interviews)
        _identify(interviews, record.uuid)
        # Before any checkpoint, the answer is in the WAL only: it is encrypted there too.
        wal = database.path.with_name(database.path.name + "-wal")
        assert wal.stat().st_size > 0
        assert looks_encrypted(database.path)
        for text in (NIK, NAME):
            assert text.encode() not in _everything(data_dir)
            assert text.encode("utf-16-le") not in _everything(data_dir)
    finally:
        database.close()
    reopened = open_database(data_dir, key=page_key)
    try:
        row = reopened.conn.execute(
            "SELECT full_name FROM interviews WHERE nik = ?", (NIK,)
        ).fetchone()
        assert row == (NAME,)
    finally:
        reopened.close()


def test_a_wrong_key_or_no_key_is_a_clear_message_and_changes_nothing(data_dir: Path) -> None:
    page_key = _key()
    database, interviews = _office(data_dir, page_key)
    new_draft(interviews)
    database.close()
    before = database.path.read_bytes()
    with pytest.raises(DatabaseKeyError) as wrong:
        open_database(data_dir, key=_key())
    assert "kantor lain" in str(wrong.value) and "another office" in str(wrong.value)
    with pytest.raises(DatabaseKeyError) as missing:
        open_database(data_dir)
    assert "terenkripsi" in str(missing.value) and "Sign in" in str(missing.value)
    assert database.path.read_bytes() == before


def test_a_plaintext_database_opened_with_a_key_is_named_as_not_encrypted(data_dir: Path) -> None:
    open_database(data_dir).close()
    assert is_plaintext_database(data_dir / "interviews.sqlite3")
    with pytest.raises(DatabaseKeyError) as refused:
        connect(data_dir / "interviews.sqlite3", key=_key())
    assert "belum terenkripsi" in str(refused.value)
    assert "not encrypted yet" in str(refused.value)


def test_backups_and_snapshots_are_encrypted_with_the_same_key(
    tmp_path: Path, data_dir: Path
) -> None:
    page_key = _key()
    database, interviews = _office(data_dir, page_key)
    try:
        record = new_draft(interviews)
        _identify(interviews, record.uuid)
        out = maintenance.backup(database, tmp_path / "usb" / "cadangan.sqlite3")
        snap = maintenance.snapshot(database, "daily")
    finally:
        database.close()
    for copy in (out, snap):
        assert looks_encrypted(copy)
        assert NIK.encode() not in copy.read_bytes()
        with pytest.raises(sqlite3.DatabaseError):
            sqlite3.connect(copy).execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn = connect(copy, key=page_key)
        try:
            assert conn.execute("SELECT nik FROM interviews").fetchall() == [(NIK,)]
        finally:
            conn.close()
    assert maintenance.newest_sound_snapshot(data_dir, key=page_key) == snap
    assert maintenance.newest_sound_snapshot(data_dir) is None  # no key: nothing opens
    report = maintenance.check(data_dir, database_file=out, key=page_key)
    assert report.integrity == ["ok"]


def test_a_restored_snapshot_stays_encrypted(data_dir: Path) -> None:
    page_key = _key()
    database, interviews = _office(data_dir, page_key)
    try:
        record = new_draft(interviews)
        _identify(interviews, record.uuid)
        snap = maintenance.snapshot(database, "daily")
        new_draft(interviews)
    finally:
        database.close()
    aside = maintenance.restore_snapshot(data_dir, snap, key=page_key)
    assert looks_encrypted(aside) and looks_encrypted(data_dir / "interviews.sqlite3")
    reopened = open_database(data_dir, key=page_key)
    try:
        assert reopened.conn.execute("SELECT count(*) FROM interviews").fetchone() == (1,)
    finally:
        reopened.close()
    assert NIK.encode() not in _everything(data_dir)


def test_the_copy_before_a_migration_is_encrypted(data_dir: Path) -> None:
    page_key = _key()
    older = Schema(SCHEMA.name, SCHEMA.steps[:-1])
    database = open_database(data_dir, key=page_key, schema=older)
    SettingsStore(database).set("office_code", OFFICE_CODE)
    database.close()
    open_database(data_dir, key=page_key).close()
    copies = list((data_dir / "backups").glob("pre-migration-*.sqlite3"))
    assert len(copies) == 1
    assert looks_encrypted(copies[0])
    conn = connect(copies[0], key=page_key)
    try:
        assert conn.execute("PRAGMA user_version").fetchone() == (len(SCHEMA.steps) - 1,)
    finally:
        conn.close()


def test_the_background_integrity_check_reads_an_encrypted_file(data_dir: Path) -> None:
    page_key = _key()
    database, interviews = _office(data_dir, page_key)
    new_draft(interviews)
    database.close()
    deferred = open_database(data_dir, key=page_key, defer_integrity_check=True)
    try:
        assert deferred.integrity_check_pending
        deferred.start_integrity_check()
        deferred.finish_integrity_check()  # raises DatabaseCorrupt if the check could not read
        assert not deferred.integrity_check_pending
        with deferred.transaction() as conn:
            conn.execute("UPDATE settings SET value = value WHERE key = 'office_code'")
    finally:
        deferred.close()


def test_a_locked_encrypted_database_is_a_known_error_and_sqlite_utils_reads_it(
    data_dir: Path,
) -> None:
    page_key = _key()
    database, interviews = _office(data_dir, page_key)
    record = new_draft(interviews)
    # sqlite-utils' view works on the sqlcipher3 connection as on a sqlite3 one.
    assert database.db["interviews"].count == 1
    assert "nik" in database.db["interviews"].columns_dict
    impatient = open_database(data_dir, key=page_key, busy_timeout_ms=100)
    try:
        database.conn.execute("BEGIN EXCLUSIVE")
        repository = InterviewRepository(impatient, interviews._audit)
        with pytest.raises(DatabaseLocked) as caught:
            repository.save_answer(record.uuid, "q1", 1, current_question="q2")
        assert "dikunci" in str(caught.value) and "locked" in str(caught.value)
        database.conn.execute("ROLLBACK")
        repository.save_answer(record.uuid, "q1", 1, current_question="q2")  # then it saves
    finally:
        impatient.close()
        database.close()


def test_a_wrong_key_prints_no_library_noise(data_dir: Path) -> None:
    """SQLCipher logs HMAC failures on stderr by default: a command's output must show only
    our message."""
    page_key = _key()
    open_database(data_dir, key=page_key).close()
    program = (
        "import sys, secrets; from pathlib import Path;"
        " from interview_app.storage.database import connect;"
        " from interview_app.storage.errors import DatabaseKeyError\n"
        "try:\n connect(Path(sys.argv[1]), key=secrets.token_bytes(32))\n"
        "except DatabaseKeyError as exc:\n print(exc.message.en)"
    )
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join((str(root), os.environ["PYTHONPATH"])))
    result = subprocess.run(
        [sys.executable, "-c", program, str(data_dir / "interviews.sqlite3")],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        timeout=60,
        check=True,
    )
    assert "another office" in result.stdout
    assert result.stderr == ""
