"""Fixtures for the supervisor tools: a copy of the 40-interview demo office, and of the
1,000-interview one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.offices import Office, OfficeBuilder


@pytest.fixture
def office(offices: OfficeBuilder, tmp_path: Path) -> Iterator[Office]:
    """A demo office with its accounts, the default script active and 40 interviews."""
    with offices.opened("demo-40", tmp_path / "office") as opened:
        yield opened


@pytest.fixture
def big_office(offices: OfficeBuilder, tmp_path: Path) -> Iterator[Office]:
    """A private copy of the 1,000-interview office."""
    with offices.opened("demo-1000", tmp_path / "big") as opened:
        yield opened
