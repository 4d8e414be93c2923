"""A damaged database at start: the newest sound snapshot is offered and, on yes, put back with
the damaged file kept; on no, nothing changes; without a snapshot the officer is told so."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from interview_app.storage.database import open_database
from interview_app.storage.maintenance import snapshot
from interview_app.storage.paths import database_path
from interview_app.storage.settings import SettingsStore
from interview_app.ui.recovery import offer_snapshot

pytestmark = [pytest.mark.gui]
NOW = datetime(2026, 11, 28, 2, 0, tzinfo=UTC)


def _office_with_snapshot(tmp_path: Path) -> Path:
    data_dir = tmp_path / "office"
    database = open_database(data_dir)
    try:
        SettingsStore(database).set("office_name", "Kantor Imigrasi Palu")
        snapshot(database, "daily", now=NOW - timedelta(days=1))
    finally:
        database.close()
    return data_dir


def _damage(path: Path) -> bytes:
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xee" * 4096
    path.write_bytes(bytes(data))
    return bytes(data)


def test_yes_puts_the_snapshot_back_and_keeps_the_damaged_file(qtbot: Any, tmp_path: Path) -> None:
    data_dir = _office_with_snapshot(tmp_path)
    damaged = _damage(database_path(data_dir))
    asked: list[str] = []
    closed: list[bool] = []
    message = offer_snapshot(
        data_dir, None, lambda: closed.append(True), lambda _, text: asked.append(text) or True
    )
    assert closed == [True]
    assert "2026-11-27 02:00 UTC" in asked[0] and "damaged" in asked[0]
    assert "Dipulihkan" in message.message.id and "Restored" in message.message.en
    (kept,) = (data_dir / "backups").glob("replaced-*.sqlite3")
    assert kept.read_bytes() == damaged
    database = open_database(data_dir)
    try:
        assert SettingsStore(database).get("office_name") == "Kantor Imigrasi Palu"
    finally:
        database.close()


def test_no_changes_nothing(qtbot: Any, tmp_path: Path) -> None:
    data_dir = _office_with_snapshot(tmp_path)
    damaged = _damage(database_path(data_dir))
    message = offer_snapshot(data_dir, None, lambda: None, lambda _, text: False)
    assert "tidak ada yang diubah" in message.message.id
    assert database_path(data_dir).read_bytes() == damaged
    assert not (data_dir / "backups").exists() or not list((data_dir / "backups").iterdir())


def test_without_a_sound_snapshot_the_officer_is_told_to_call_it(
    qtbot: Any, tmp_path: Path
) -> None:
    data_dir = tmp_path / "office"
    open_database(data_dir).close()
    message = offer_snapshot(data_dir, None, lambda: None, lambda _, text: True)
    assert "tidak ada snapshot yang utuh" in message.message.id
    assert "no sound snapshot" in message.message.en
