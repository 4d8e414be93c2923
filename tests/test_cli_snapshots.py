"""`db snapshots` and `db restore` on an encrypted office, signed in as its supervisor: the
automatic copies listed, the newest sound one put back with the replaced file kept (encrypted
too), and refusals while the app has the folder open."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from interview_app.cli import main
from interview_app.commands.secret_input import ENV_PASSWORD, ENV_USER
from interview_app.storage.app_lock import LOCK_FILE
from interview_app.storage.maintenance import snapshot
from interview_app.storage.office import Office
from interview_app.storage.paths import database_path
from tests import keyring
from tests.offices import COUNTER_SUPERVISOR
from tests.sync.factory import files_of as folder_state

NOW = datetime(2026, 11, 28, 2, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _signed_in(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands sign in as the office's supervisor."""
    monkeypatch.setenv(ENV_USER, COUNTER_SUPERVISOR[0])
    monkeypatch.setenv(ENV_PASSWORD, COUNTER_SUPERVISOR[1])


def _new_office(data_dir: Path) -> Office:
    office = Office.create(data_dir, "PLU")
    keyring.remember_office(office)
    office.settings.set("office_code", "PLU")
    office.officers().create(
        COUNTER_SUPERVISOR[0], "Rahmat Hidayat", None, "supervisor", COUNTER_SUPERVISOR[1]
    )
    return office


def _office(tmp_path: Path) -> Path:
    data_dir = tmp_path / "office"
    with _new_office(data_dir) as office:
        office.settings.set("office_name", "Kantor Imigrasi Palu")
        snapshot(office.database, "daily", now=NOW - timedelta(days=1))
        office.settings.set("office_name", "Nama yang salah")
        snapshot(office.database, "daily", now=NOW)
    return data_dir


def _office_name(data_dir: Path) -> str:
    with keyring.open_office(data_dir) as office:
        return str(office.settings.get("office_name"))


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
    with keyring.open_office(data_dir) as office:
        office.settings.set("office_name", "Sesudah snapshot")
    assert main(["db", "restore", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "daily-20261127" in out
    assert _office_name(data_dir) == "Kantor Imigrasi Palu"
    kept = list((data_dir / "backups").glob("replaced-*.sqlite3"))
    assert len(kept) == 1
    assert database_path(data_dir).exists()
    for encrypted in (database_path(data_dir), kept[0]):
        assert not encrypted.read_bytes().startswith(b"SQLite format 3")
    assert main(["db", "check", "--data-dir", str(data_dir)]) == 0  # the chain holds


def test_without_a_sign_in_nothing_is_listed_or_restored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = _office(tmp_path)
    monkeypatch.delenv(ENV_USER)
    monkeypatch.delenv(ENV_PASSWORD)
    before = folder_state(data_dir)
    for action in ("snapshots", "restore"):
        assert main(["db", action, "--data-dir", str(data_dir)]) == 1
        captured = capsys.readouterr()
        assert "masuk dengan --as USERNAME" in captured.err
        assert "sign in with --as USERNAME" in captured.err
        assert "daily-" not in captured.out
    after = folder_state(data_dir)
    assert {name: digest for name, digest in after.items() if name != LOCK_FILE} == before


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
    _new_office(data_dir).close()
    assert main(["db", "restore", "--data-dir", str(data_dir)]) == 1
    captured = capsys.readouterr()
    assert "Tidak ada snapshot" in captured.err + captured.out


def test_the_window_uses_the_same_lock_file_name() -> None:
    source = (Path(__file__).resolve().parents[1] / "interview_app" / "ui" / "app.py").read_text(
        encoding="utf-8"
    )
    assert f'"{LOCK_FILE}"' in source
