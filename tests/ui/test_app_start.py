"""The app's start: the database check it defers until the window is up still refuses a
damaged file before anything is written."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from interview_app.storage.database import open_database
from tests.ui.conftest import run_app

pytestmark = [pytest.mark.gui]


def test_a_damaged_database_is_refused_after_the_deferred_check(tmp_path: Path) -> None:
    data_dir = tmp_path / "office"
    open_database(data_dir).close()
    path = data_dir / "interviews.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE filler (n INTEGER, text TEXT)")
    conn.execute("CREATE INDEX filler_text ON filler (text)")
    conn.executemany(
        "INSERT INTO filler VALUES (?, ?)", [(n, f"{n:06d}" + "x" * 300) for n in range(200)]
    )
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'filler_text'").fetchone()
    conn.close()
    settings_before = _settings(path)
    data = bytearray(path.read_bytes())
    offset = (root[0] - 1) * page_size
    data[offset + 8 : offset + 200] = b"\xff" * 192
    path.write_bytes(bytes(data))

    result = run_app(data_dir)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "The database file is damaged" in result.stderr
    assert _settings(path) == settings_before


def test_a_sound_database_opens_and_is_checked(tmp_path: Path) -> None:
    data_dir = tmp_path / "office"
    open_database(data_dir).close()
    result = run_app(data_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("idle ")


def _settings(path: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(path)
    try:
        return sorted(conn.execute("SELECT key, value FROM settings"))
    finally:
        conn.close()
