"""m006_sync_tables: the sync tables join the schema; a database of the release before keeps
every row, passes `db check`, and still exports and imports."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from interview_app.cli import main
from interview_app.commands.secret_input import ENV_PASSWORD, ENV_USER
from interview_app.storage.clock import FixedClock
from interview_app.storage.database import open_database
from interview_app.storage.keys import read_office_key
from interview_app.storage.office import Office
from interview_app.storage.paths import database_path
from interview_app.storage.schema import SCHEMA, Schema
from tests.offices import OFFICER
from tests.sync.factory import START, Station, add_interviews

RELEASE = Path(__file__).resolve().parents[1] / "fixtures" / "release_2026_12"
M006 = "m006_sync_tables"
BEFORE_M006 = Schema(SCHEMA.name, SCHEMA.steps[: SCHEMA.names.index(M006)])
SYNC_TABLES = {
    "sync_history",
    "sync_sent",
    "sync_sent_reviews",
    "sync_sent_referrals",
    "sync_conflicts",
    "sync_resolutions",
    "sync_sent_resolutions",
    "sync_anchors",
    "sync_officers",
    "sync_foreign_audit",
    "sync_export_numbers",
}
SYNC_INDEXES = {"sync_foreign_audit_object", "sync_conflicts_open", "sync_resolutions_subject"}


def _copy(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(RELEASE / name, target)
    return target


def _rows(data_dir: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (but sqlite-utils' record of applied steps), read through a
    connection of its own."""
    conn = sqlite3.connect(database_path(data_dir))
    try:
        tables = [
            str(name)
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: sorted(conn.execute(f'SELECT * FROM "{table}"'), key=repr)
            for table in tables
            if table != "_sqlite_migrations"
        }
    finally:
        conn.close()


# Made (or moved into) by m007, the step after this one.
M007_TABLES = {"slip_counters", "slips", "unsaved_input"}


def _unsaved_input(row: tuple[object, ...]) -> bool:
    return str(row[0]).startswith(("typing:", "correction:"))


def _assert_kept(
    before: dict[str, list[tuple[object, ...]]], after: dict[str, list[tuple[object, ...]]]
) -> None:
    """Every table as it was, row for row; the audit log only longer (opening records the
    upgrade's changes in the chain). m007's own changes are tested in test_release_upgrade.py:
    its new tables, and the unsaved input it moves out of the settings table."""
    assert set(after) - set(before) <= M007_TABLES
    for table in M007_TABLES:
        before.pop(table, None), after.pop(table, None)
    before["settings"] = [row for row in before["settings"] if not _unsaved_input(row)]
    log_before, log_after = before.pop("audit_log"), after.pop("audit_log")
    counts = {t: len(r) for t, r in after.items()}
    assert counts == {t: len(r) for t, r in before.items()}
    assert after == before
    seq = sorted(log_after)  # by seq, the first column
    assert seq[: len(log_before)] == sorted(log_before) and len(seq) > len(log_before)


def _names(data_dir: Path, kind: str) -> set[str]:
    conn = sqlite3.connect(database_path(data_dir))
    try:
        return {
            str(r[0])
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = ?", (kind,))
        }
    finally:
        conn.close()


def _cli(*argv: str | Path) -> int:
    try:
        return main([str(arg) for arg in argv])
    except SystemExit as exit_:
        return int(exit_.code or 0)


def _upgrade(data_dir: Path) -> None:
    with open_database(data_dir) as database:
        assert database.schema_version == SCHEMA.version


@pytest.mark.parametrize("name", ["A", "B"])
def test_a_release_folder_upgrades_and_keeps_every_row(name: str, tmp_path: Path) -> None:
    data_dir = _copy(name, tmp_path)
    before = _rows(data_dir)
    assert SYNC_TABLES <= set(before)  # the release made them at its first sync
    _upgrade(data_dir)
    after = _rows(data_dir)
    _assert_kept(before, after)
    assert SYNC_INDEXES <= _names(data_dir, "index")
    assert _cli("db", "check", "--data-dir", data_dir) == 0


def test_a_folder_with_some_sync_tables_gets_the_others(tmp_path: Path) -> None:
    """An older release made fewer of them (each sync feature added its table): those there
    keep their rows, the missing ones are made, the audit chain still matches the rows."""
    data_dir = _copy("A", tmp_path)
    missing = {
        "sync_sent_reviews",
        "sync_sent_referrals",
        "sync_conflicts",
        "sync_resolutions",
        "sync_sent_resolutions",
        "sync_officers",
    }
    conn = sqlite3.connect(database_path(data_dir))
    try:
        for table in missing:
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
            conn.execute(f"DROP TABLE {table}")
        conn.commit()
    finally:
        conn.close()
    before = _rows(data_dir)
    assert not missing & set(before)
    _upgrade(data_dir)
    after = _rows(data_dir)
    _assert_kept(before, {t: r for t, r in after.items() if t not in missing})
    assert SYNC_TABLES <= set(after) and all(after[t] == [] for t in missing)
    assert SYNC_INDEXES <= _names(data_dir, "index")
    assert _cli("db", "check", "--data-dir", data_dir) == 0


def test_a_database_without_sync_tables_gets_them(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with open_database(data_dir, schema=BEFORE_M006) as old:
        assert old.schema_version == SCHEMA.names.index(M006)
    assert not SYNC_TABLES & _names(data_dir, "table")
    _upgrade(data_dir)
    assert SYNC_TABLES <= _names(data_dir, "table")
    assert SYNC_INDEXES <= _names(data_dir, "index")


def test_a_new_database_has_the_sync_tables(tmp_path: Path) -> None:
    with open_database(tmp_path / "data"):
        pass
    assert SYNC_TABLES <= _names(tmp_path / "data", "table")


def test_upgraded_folders_still_export_and_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The commands sign in as an officer of the release's demo accounts: an officer's sign-in
    # leaves a folder of the release before in clear (only a supervisor's converts it).
    monkeypatch.setenv(ENV_USER, OFFICER.username)
    monkeypatch.setenv(ENV_PASSWORD, OFFICER.password)
    a, b = _copy("A", tmp_path), _copy("B", tmp_path)
    _upgrade(a)
    _upgrade(b)
    found = read_office_key(a)
    assert found is not None
    database = open_database(a)
    try:
        station = Station(a, database, found[1], FixedClock(START.replace(year=2027)))
        new = add_interviews(station, 3, seed=14)
    finally:
        database.close()
    # Export and import sign in: at A as its officer (a plaintext folder of the release before
    # checks the password against the account's hash and stays as it is); B was set up with
    # no account, so it gets one (a plaintext folder still opens without a sign-in).
    with Office.open(b) as office_b:
        office_b.officers().create("petugas-b", "Petugas B", None, "officer", "loket-dua-uji")
    secrets = tmp_path / "secrets"
    secrets.mkdir()
    (secrets / "a").write_text("loket-satu-demo", encoding="utf-8")
    (secrets / "b").write_text("loket-dua-uji", encoding="utf-8")
    stick = tmp_path / "stick"
    stick.mkdir()
    as_a = ("--as", "petugas1", "--password-file", secrets / "a")
    assert _cli("export", "--data-dir", a, "--out", stick, *as_a) == 0
    (package,) = stick.glob("*.awsync")
    with Office.open(b) as station_b:  # B had no account yet: one to sign in with
        station_b.officers().create(OFFICER.username, "Petugas", None, "officer", OFFICER.password)
    interviews_before = len(_rows(b)["interviews"])
    as_b = ("--as", "petugas-b", "--password-file", secrets / "b")
    assert _cli("import", "--data-dir", b, package, *as_b) == 0
    rows = _rows(b)
    uuids = {row[0] for row in rows["interviews"]}
    assert set(new) <= uuids and len(rows["interviews"]) == interviews_before + len(new)
    assert sorted(row[1] for row in rows["sync_history"]) == ["import", "import"]
    assert _cli("db", "check", "--data-dir", a) == 0
    assert _cli("db", "check", "--data-dir", b) == 0
