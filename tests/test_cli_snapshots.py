"""`db snapshots` and `db restore`: the automatic copies listed, the newest sound one put back
with the replaced file kept, and refusals while the app has the folder open."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from interview_app.cli import main
from interview_app.storage.app_lock import LOCK_FILE
from interview_app.storage.database import open_database
from interview_app.storage.keys import load_or_create_office_key
from interview_app.storage.maintenance import snapshot
from interview_app.storage.paths import database_path
from interview_app.storage.settings import SettingsStore

NOW = datetime(2026, 11, 28, 2, 0, tzinfo=UTC)


def _office(tmp_path: Path) -> Path:
    data_dir = tmp_path / "office"
    database = open_database(data_dir)
    try:
        SettingsStore(database).set("office_code", "PLU")
        load_or_create_office_key(data_dir, "PLU")
        SettingsStore(database).set("office_name", "Kantor Imigrasi Palu")
        snapshot(database, "daily", now=NOW - timedelta(days=1))
        SettingsStore(database).set("office_name", "Nama yang salah")
        snapshot(database, "daily", now=NOW)
    finally:
        database.close()
    return data_dir


def _office_name(data_dir: Path) -> str:
    database = open_database(data_dir)
    try:
        return str(SettingsStore(database).get("office_name"))
    finally:
        database.close()


def test_snapshots_are_listed_newest_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = _office(tmp_path)
    assert main(["db", "snapshots", "--data-dir", str(data_dir)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and lines[0].startswith("daily-20261128")


def test_restore_puts_the_newest_sound_snapshot_back_and_keeps_the_replaced_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = _office(tmp_path)
    newest = sorted((data_dir / "snapshots").glob("daily-*"))[-1]
    with newest.open("r+b") as handle:  # the newest snapshot is damaged: the one before it
        handle.seek(4096)
        handle.write(os.urandom(8192))
    database = open_database(data_dir)
    SettingsStore(database).set("office_name", "Sesudah snapshot")
    database.close()
    assert main(["db", "restore", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "daily-20261127" in out
    assert _office_name(data_dir) == "Kantor Imigrasi Palu"
    kept = list((data_dir / "backups").glob("replaced-*.sqlite3"))
    assert len(kept) == 1
    assert database_path(data_dir).exists()


HOLD_QT_LOCK = """
import sys, time
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1])
assert lock.tryLock(1000)
print("locked", flush=True)
time.sleep(60)
"""


def test_restore_is_refused_while_the_app_has_the_folder_open(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = _office(tmp_path)
    before = database_path(data_dir).read_bytes()
    # The window's own lock: Qt's QLockFile on app.lock, held by another process.
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_QT_LOCK, str(data_dir / LOCK_FILE)], stdout=subprocess.PIPE
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"locked\n"
        assert main(["db", "restore", "--data-dir", str(data_dir)]) == 1
        captured = capsys.readouterr()
        assert "aplikasi Asisten Wawancara" in captured.err
        assert f"proses {holder.pid}" in captured.err and f"process {holder.pid}" in captured.err
        assert database_path(data_dir).read_bytes() == before
    finally:
        holder.kill()
        holder.communicate(timeout=10)
    # A lock file left by a process that is gone does not stand in the way.
    assert (data_dir / LOCK_FILE).exists()
    assert main(["db", "restore", "--data-dir", str(data_dir)]) == 0


def test_restore_without_snapshots_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "empty"
    open_database(data_dir).close()
    assert main(["db", "restore", "--data-dir", str(data_dir)]) == 1
    captured = capsys.readouterr()
    assert "Tidak ada snapshot" in captured.err + captured.out


def test_the_window_uses_the_same_lock_file_name() -> None:
    source = (Path(__file__).resolve().parents[1] / "interview_app" / "ui" / "app.py").read_text(
        encoding="utf-8"
    )
    assert f'"{LOCK_FILE}"' in source
