"""Fixtures for the supervisor tools: small demo offices, a cached 1,000-interview office."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from interview_app.demo import DEMO_ACCOUNTS, create_demo_office
from interview_app.storage.audit import AuditLog
from interview_app.storage.clock import FixedClock
from interview_app.storage.database import Database, open_database
from interview_app.storage.keys import read_office_key
from interview_app.storage.officers import Officer, OfficerRepository
from interview_app.supervision.session import SupervisorSession

TODAY = dt.date(2026, 3, 2)
SUPERVISOR = DEMO_ACCOUNTS[0]
OFFICER = DEMO_ACCOUNTS[1]
OFFICER2 = DEMO_ACCOUNTS[2]


@dataclass
class Office:
    data_dir: Path
    database: Database
    clock: FixedClock
    audit: AuditLog

    def officer(self, username: str) -> Officer:
        found = OfficerRepository(self.database, self.audit, self.clock).find(username)
        assert found is not None
        return found

    def session(self, username: str = SUPERVISOR.username) -> SupervisorSession:
        return SupervisorSession(self.database, self.officer(username).id, self.audit, self.clock)


def open_office(data_dir: Path, clock: FixedClock | None = None) -> Office:
    clock = clock or FixedClock(dt.datetime.combine(TODAY, dt.time(3), dt.UTC))
    database = open_database(data_dir)
    found = read_office_key(data_dir)
    assert found is not None
    return Office(data_dir, database, clock, AuditLog(database, found[1], clock))


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Office]:
    """A demo office with its accounts, the default script active and 40 interviews."""
    create_demo_office(tmp_path / "office", count=40, today=TODAY)
    opened = open_office(tmp_path / "office")
    try:
        yield opened
    finally:
        opened.database.close()


_CACHE: dict[str, Path] = {}


def demo_1000(factory: pytest.TempPathFactory) -> Path:
    """The 1,000-interview demo office, made once per test session (a few seconds). Tests
    copy it before they change it."""
    if "path" not in _CACHE:
        path = factory.mktemp("demo1000") / "office"
        create_demo_office(path, count=1000, today=TODAY)
        _CACHE["path"] = path
    return _CACHE["path"]


@pytest.fixture
def big_office(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[Office]:
    """A private copy of the 1,000-interview office."""
    copy = tmp_path / "big"
    shutil.copytree(demo_1000(tmp_path_factory), copy)
    opened = open_office(copy)
    try:
        yield opened
    finally:
        opened.database.close()
