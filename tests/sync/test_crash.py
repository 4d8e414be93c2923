"""SIGKILL in the middle of an export or an import: never a finished-looking bad file, never a
half import."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from interview_app.storage.audit import AuditLog
from interview_app.sync.container import PackageReader
from interview_app.sync.export import export_package
from interview_app.sync.records import BodyReader
from tests import keyring
from tests.offices import OfficeBuilder
from tests.sync.crash_child import CHILD_KEY_VARIABLE
from tests.sync.factory import (
    OFFICE,
    Station,
    add_interviews,
    content_digest,
    opened_pair,
    raw_connection,
)

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("crash_child.py")
pytestmark = pytest.mark.slow


def run_and_kill(args: list[str], delay: float, station: Station) -> str:
    """The child working on a folder of `station`'s office (it gets the office key)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join((str(ROOT), os.environ["PYTHONPATH"])))
    env[CHILD_KEY_VARIABLE] = f"{OFFICE}:{station.key.hex()}"
    child = subprocess.Popen(
        [sys.executable, str(CHILD), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
    )
    time.sleep(delay)
    child.kill()  # SIGKILL: no cleanup, no finally, no atexit
    out, err = child.communicate()
    assert b"Traceback" not in err, err.decode()
    return out.decode()


def verify(path: Path, key: bytes) -> int:
    with open(path, "rb") as handle:
        reader = PackageReader(handle, key)
        body = BodyReader(reader.header, reader.blocks())
        return sum(1 for _ in body)


@pytest.fixture
def stations(offices: OfficeBuilder, tmp_path: Path) -> Iterator[tuple[Station, Station]]:
    """The pair of tests/conftest.py, station A with about 11,000 interviews."""
    with opened_pair(offices.copy("big-stations", tmp_path / "stations")) as pair:
        yield pair


@pytest.fixture
def big_station(station_a: Station) -> Station:
    return station_a


def test_sigkill_during_export_leaves_no_file_under_the_final_name(
    big_station: Station, stick: Path
) -> None:
    big_station.database.close()
    rng = random.Random(11)
    cut_off = 0
    for _ in range(8):
        run_and_kill(
            ["export", str(big_station.data_dir), str(stick)], rng.uniform(0.3, 1.6), big_station
        )
        for package in stick.glob("*.awsync"):
            assert verify(package, big_station.key) > 10_000  # whole, or not there at all
            package.unlink()
        for leftover in stick.glob(".*.tmp"):
            leftover.unlink()
            cut_off += 1
    assert cut_off >= 1  # the kills did land in the middle of writing
    conn = raw_connection(big_station.data_dir)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        conn.close()


def test_sigkill_during_import_leaves_the_database_as_before(
    big_station: Station, station_b: Station, stick: Path, tmp_path: Path
) -> None:
    result = export_package(big_station.database, big_station.data_dir, stick)
    assert result.path is not None
    add_interviews(station_b, 5, seed=8)
    station_b.database.close()
    before = content_digest(station_b.data_dir)
    rng = random.Random(12)
    outcomes = set()
    for attempt in range(6):
        copy = tmp_path / f"b-{attempt}"
        shutil.copytree(station_b.data_dir, copy)
        keyring.copied(station_b.data_dir, copy)
        out = run_and_kill(
            ["import", str(copy), str(result.path)], rng.uniform(0.3, 3.0), station_b
        )
        database = keyring.open_office(copy).database
        try:
            assert database.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert AuditLog(database, station_b.key).verify().ok
            imported = (
                database.conn.execute(
                    "SELECT count(*) FROM sqlite_master WHERE name = 'sync_history'"
                ).fetchone()[0]
                and database.conn.execute(
                    "SELECT count(*) FROM sync_history WHERE package_id = ?", (result.package_id,)
                ).fetchone()[0]
            )
            count = database.conn.execute("SELECT count(*) FROM interviews").fetchone()[0]
        finally:
            database.close()
        if imported:
            outcomes.add("imported")
            assert count == 5 + result.interviews
        else:
            outcomes.add("as before" + (" (finished)" if "imported" in out else ""))
            assert content_digest(copy) == before
        shutil.rmtree(copy)
    assert "as before" in outcomes  # at least one kill landed before the commit
