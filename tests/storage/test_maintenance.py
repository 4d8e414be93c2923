"""Backups, snapshots, restore, and the db check report."""

from __future__ import annotations

import errno
import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from interview_app.storage import maintenance
from interview_app.storage.audit import AuditLog
from interview_app.storage.database import Database, open_database
from interview_app.storage.errors import DiskFull
from interview_app.storage.interviews import InterviewRepository
from interview_app.storage.schema import SCHEMA

from .conftest import new_draft


def _some_data(interviews: InterviewRepository, count: int = 3) -> list[str]:
    uuids = []
    for n in range(count):
        record = new_draft(interviews)
        interviews.save_answer(record.uuid, "q1", n, current_question="q2")
        uuids.append(record.uuid)
    return uuids


def test_backup_passes_check(
    tmp_path: Path, database: Database, interviews: InterviewRepository, office_key: bytes
) -> None:
    uuids = _some_data(interviews)
    out = maintenance.backup(database, tmp_path / "usb" / "cadangan.sqlite3")
    assert out.exists()
    assert not [p for p in out.parent.iterdir() if p.name != out.name]  # no temp or -wal
    assert maintenance.check(database.data_dir, database_file=out).ok  # db check --file
    # The copy is a complete data folder of its own once the key and the chain's head file
    # travel with it (without the head file, db check reports it missing: see tests/attacks).
    restored_dir = tmp_path / "restored"
    restored_dir.mkdir()
    out.rename(restored_dir / "interviews.sqlite3")
    for name in ("office.key", "audit.head"):
        (restored_dir / name).write_bytes((database.data_dir / name).read_bytes())
    report = maintenance.check(restored_dir)
    assert report.ok, report.summary("en")
    assert report.integrity == ["ok"] and report.audit is not None and report.audit.ok
    assert report.content is not None and report.content.ok  # the rows match the chain
    with open_database(restored_dir) as copy:
        assert {r[0] for r in copy.conn.execute("SELECT uuid FROM interviews")} == set(uuids)


def test_check_reports_a_broken_audit_chain(
    database: Database, audit: AuditLog, interviews: InterviewRepository
) -> None:
    _some_data(interviews)
    head = audit.head()
    report = maintenance.check(database.data_dir, expected_head=head)
    assert report.ok
    assert "RESULT: OK" in report.summary("en") and "HASIL: BAIK" in report.summary("id")
    conn = sqlite3.connect(database.path, isolation_level=None)
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute("DELETE FROM audit_log WHERE seq = 2")
    conn.close()
    report = maintenance.check(database.data_dir)
    assert not report.ok
    assert report.audit is not None and report.audit.first_broken_seq == 2
    assert "#2" in report.summary("en") and "RESULT: PROBLEMS FOUND" in report.summary("en")


def test_check_notes_missing_key_and_newer_schema(database: Database) -> None:
    (database.data_dir / "office.key").unlink(missing_ok=True)
    database.conn.execute("PRAGMA user_version = 9")
    report = maintenance.check(database.data_dir)
    assert not report.ok
    assert report.schema_version == 9 and report.code_schema_version == SCHEMA.version
    assert "office.key" in report.summary("en")


def test_check_of_a_damaged_file(data_dir: Path) -> None:
    (data_dir / "interviews.sqlite3").write_bytes(b"\x00garbage" * 1000)
    report = maintenance.check(data_dir)
    assert not report.ok and report.integrity != ["ok"]


def test_snapshots_keep_the_newest(database: Database, interviews: InterviewRepository) -> None:
    _some_data(interviews, 1)
    start = datetime(2025, 1, 1, 6, tzinfo=UTC)
    for day in range(10):
        maintenance.snapshot(database, "daily", now=start + timedelta(days=day))
    for n in range(6):
        maintenance.snapshot(database, "pre-import", now=start + timedelta(hours=n))
    daily = maintenance.list_snapshots(database.data_dir, "daily")
    assert len(daily) == 7 and daily[0].name.startswith("daily-20250110T")
    assert daily[-1].name.startswith("daily-20250104T")
    assert len(maintenance.list_snapshots(database.data_dir, "pre-import")) == 4
    assert (
        maintenance.snapshot_daily_if_due(database, now=start + timedelta(days=9, hours=3)) is None
    )
    assert maintenance.snapshot_daily_if_due(database, now=start + timedelta(days=10)) is not None


def test_restore_snapshot(database: Database, interviews: InterviewRepository) -> None:
    kept = _some_data(interviews, 2)
    snap = maintenance.snapshot(database, "daily")
    _some_data(interviews, 1)
    data_dir = database.data_dir
    database.close()
    aside = maintenance.restore_snapshot(data_dir, snap)
    assert aside.exists()
    with open_database(data_dir) as restored:
        assert {r[0] for r in restored.conn.execute("SELECT uuid FROM interviews")} == set(kept)


def test_backup_on_a_full_disk(
    tmp_path: Path, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out" / "backup.sqlite3"
    out.parent.mkdir()
    out.write_bytes(b"the previous backup")

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(DiskFull):
        maintenance.backup(database, out, overwrite=True)
    monkeypatch.undo()
    assert out.read_bytes() == b"the previous backup"
    assert [p.name for p in out.parent.iterdir()] == ["backup.sqlite3"]
    assert database.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
