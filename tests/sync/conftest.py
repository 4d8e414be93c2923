"""Fixtures for the sync tests: two workstations of one office and a "stick" folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sync.factory import Station, make_station


@pytest.fixture
def station_a(tmp_path: Path) -> Iterator[Station]:
    station = make_station(tmp_path / "a", "Loket 1")
    try:
        yield station
    finally:
        station.database.close()


@pytest.fixture
def station_b(tmp_path: Path, station_a: Station) -> Iterator[Station]:
    station = make_station(tmp_path / "b", "Loket 2", key=station_a.key)
    try:
        yield station
    finally:
        station.database.close()


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    path = tmp_path / "stick"
    path.mkdir()
    return path
