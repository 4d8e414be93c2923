"""A data folder made by the release before the storage façade (schema 5) opens through the
normal path, upgrades, keeps every row, and passes `db check` (tests/fixtures/release_2026_12)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from interview_app.cli import main
from interview_app.storage.database import open_database
from interview_app.storage.paths import database_path
from interview_app.storage.schema import SCHEMA
from interview_app.workflow.counter import CounterSession

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "release_2026_12"
# The draft the release left half-typed in folder A ('typing:<uuid>' in its settings table).
HALF_TYPED_UUID = "2b279b06-c429-4e44-b989-d8c55074b579"
HALF_TYPED = ("privacy_notice", "Sit")


def _copy(name: str, tmp_path: Path) -> Path:
    """The fixture folder copied whole (its -wal file holds committed rows too)."""
    target = tmp_path / name
    shutil.copytree(FIXTURE / name, target)
    return target


def _row_counts(data_dir: Path) -> dict[str, int]:
    """Rows of every table, read without writing (a read-only connection)."""
    uri = database_path(data_dir).resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    try:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return {
            table: int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
            for table in tables
        }
    finally:
        conn.close()


def _settings_keys(data_dir: Path, pattern: str) -> list[str]:
    uri = database_path(data_dir).resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    try:
        return [k for (k,) in conn.execute("SELECT key FROM settings WHERE key GLOB ?", (pattern,))]
    finally:
        conn.close()


def _open_and_upgrade(data_dir: Path) -> None:
    database = open_database(data_dir)
    try:
        assert database.schema_version == SCHEMA.version
    finally:
        database.close()


@pytest.mark.parametrize("name", ["A", "B"])
def test_a_release_data_folder_upgrades_keeping_every_row(name: str, tmp_path: Path) -> None:
    data_dir = _copy(name, tmp_path)
    before = _row_counts(data_dir)
    assert before["_sqlite_migrations"] == 5
    moved = len(_settings_keys(data_dir, "typing:*")) + len(
        _settings_keys(data_dir, "correction:*")
    )

    _open_and_upgrade(data_dir)

    after = _row_counts(data_dir)
    assert after["_sqlite_migrations"] == SCHEMA.version
    assert after["settings"] == before["settings"] - moved
    assert after["unsaved_input"] == moved
    assert after["audit_log"] > before["audit_log"]  # the upgrade's changes are recorded
    # A (slips printed) keeps its ledger; B (none printed) gets the tables, empty.
    assert after["slips"] == before.get("slips", 0)
    assert after["slip_counters"] == before.get("slip_counters", 0)
    changed = {"_sqlite_migrations", "settings", "unsaved_input", "audit_log"}
    assert {t: n for t, n in after.items() if t not in changed and t in before} == {
        t: n for t, n in before.items() if t not in changed
    }
    assert set(before) <= set(after)
    assert set(after) - set(before) <= {"unsaved_input", "slips", "slip_counters"}
    assert _settings_keys(data_dir, "typing:*") == []
    assert main(["db", "check", "--data-dir", str(data_dir)]) == 0

    _open_and_upgrade(data_dir)  # opening again changes nothing
    assert _row_counts(data_dir) == after


def test_the_half_typed_answer_is_still_offered_after_the_upgrade(tmp_path: Path) -> None:
    data_dir = _copy("A", tmp_path)
    assert _settings_keys(data_dir, f"typing:{HALF_TYPED_UUID}")

    session = CounterSession.open(data_dir)
    try:
        session.login("petugas1", "loket-satu-demo")
        assert HALF_TYPED_UUID in {d.uuid for d in session.home().drafts}
        controller = session.resume(HALF_TYPED_UUID)
        assert controller.typing == HALF_TYPED
        assert controller.typed_text(HALF_TYPED[0]) == HALF_TYPED[1]
    finally:
        session.close()
    assert _row_counts(data_dir)["unsaved_input"] == 1
    assert _settings_keys(data_dir, "typing:*") == []
    assert main(["db", "check", "--data-dir", str(data_dir)]) == 0


def test_an_unsaved_correction_moves_and_a_value_of_a_purged_interview_goes(
    tmp_path: Path,
) -> None:
    """The release also kept unsaved corrections in its settings, and its purge left such
    values behind: the correction moves with the rest; a value whose interview is gone is
    dropped (everything else of that person was purged already)."""
    data_dir = _copy("A", tmp_path)
    conn = sqlite3.connect(database_path(data_dir))
    try:
        completed = conn.execute(
            "SELECT uuid FROM interviews WHERE status = 'completed' ORDER BY ref_no LIMIT 1"
        ).fetchone()[0]
        conn.executemany(
            "INSERT INTO settings (key, value) VALUES (?, ?)",
            [
                (
                    f"correction:{completed}",
                    '{"answers": {"employer_name": "Tan Logistics"}, "notes": null}',
                ),
                ("typing:00000000-0000-4000-8000-000000000000", '["employer_name", "Ta"]'),
            ],
        )
        conn.commit()
    finally:
        conn.close()

    session = CounterSession.open(data_dir)
    try:
        session.login("petugas1", "loket-satu-demo")
        assert completed in {c.uuid for c in session.home().corrections}
        controller = session.resume(completed)
        assert controller.correction is not None
        assert controller.session.answers["employer_name"] == "Tan Logistics"
    finally:
        session.close()
    assert _row_counts(data_dir)["unsaved_input"] == 2
    assert _settings_keys(data_dir, "typing:*") == _settings_keys(data_dir, "correction:*") == []
