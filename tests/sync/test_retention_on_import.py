"""An import never brings back interviews past this office's retention period (purged here,
or due): a workstation that has not purged yet cannot undo another's purge."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from interview_app.storage.settings import SettingsStore
from interview_app.sync.export import export_package
from interview_app.sync.importer import apply_package, inspect_package
from tests.sync.factory import Station, add_interviews


def _count(station: Station) -> int:
    return int(station.database.conn.execute("SELECT count(*) FROM interviews").fetchone()[0])


def test_interviews_past_retention_are_not_imported_and_the_plan_says_so(
    station_a: Station, station_b: Station, stick: Path
) -> None:
    old = add_interviews(station_a, 8, seed=3)
    station_a.clock.advance(timedelta(days=365 * 3))
    recent = add_interviews(station_a, 5, seed=4)
    station_b.clock.advance(timedelta(days=365 * 3 + 30))
    SettingsStore(station_b.database).set("retention_years", 2)
    result = export_package(station_a.database, station_a.data_dir, stick, clock=station_a.clock)
    assert result.path is not None
    plan = inspect_package(
        station_b.database, station_b.data_dir, result.path, clock=station_b.clock
    )
    exported_old = plan.past_retention
    assert exported_old > 0 and plan.new > 0
    assert "melewati masa simpan" in plan.summary().id
    assert "past the retention period" in plan.summary().en
    imported = apply_package(
        station_b.database, station_b.data_dir, result.path, plan=plan, clock=station_b.clock
    )
    assert imported.past_retention == exported_old and imported.new == plan.new
    here = {r[0] for r in station_b.database.conn.execute("SELECT uuid FROM interviews").fetchall()}
    assert not here & set(old)
    assert here <= set(recent) and _count(station_b) == plan.new


def test_within_the_retention_period_everything_comes(
    station_a: Station, station_b: Station, stick: Path
) -> None:
    add_interviews(station_a, 6, seed=5)
    station_b.clock.advance(timedelta(days=365))
    result = export_package(station_a.database, station_a.data_dir, stick, clock=station_a.clock)
    assert result.path is not None
    imported = apply_package(
        station_b.database, station_b.data_dir, result.path, clock=station_b.clock
    )
    assert imported.past_retention == 0 and imported.new == _count(station_b) > 0
