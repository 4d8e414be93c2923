"""Fixtures for the sync tests: two workstations of one office and a "stick" folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sync.factory import Station


@pytest.fixture
def station_a(stations: tuple[Station, Station]) -> Station:
    return stations[0]


@pytest.fixture
def station_b(stations: tuple[Station, Station]) -> Station:
    return stations[1]


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    path = tmp_path / "stick"
    path.mkdir()
    return path
