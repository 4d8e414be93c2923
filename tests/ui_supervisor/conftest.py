"""GUI fixtures: a demo office on a fixed clock, a parent window, and sign-in contexts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6 import QtWidgets

from interview_app.demo import DEMO_ACCOUNTS, create_demo_office
from interview_app.storage.audit import AuditLog
from interview_app.storage.clock import FixedClock
from interview_app.storage.database import Database, open_database
from interview_app.storage.keys import read_office_key
from interview_app.storage.officers import Officer, OfficerRepository
from interview_app.supervision.session import SupervisorSession
from tests.ui.language import _display_language_reset, english  # noqa: F401 - fixtures

TODAY = dt.date(2026, 3, 2)
SUPERVISOR = DEMO_ACCOUNTS[0]
OFFICER = DEMO_ACCOUNTS[1]


@dataclass
class Context:
    """What the main window hands over: the open database, the clock, the signed-in account."""

    database: Database
    clock: FixedClock
    officer: Officer | None
    audit: AuditLog

    def session(self) -> SupervisorSession:
        assert self.officer is not None
        return SupervisorSession(self.database, self.officer.id, self.audit, self.clock)


@dataclass
class Office:
    data_dir: Path
    database: Database
    clock: FixedClock
    audit: AuditLog

    def context(self, username: str | None) -> Context:
        officer = None
        if username is not None:
            officer = OfficerRepository(self.database, self.audit, self.clock).find(username)
        return Context(self.database, self.clock, officer, self.audit)


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Office]:
    data_dir = tmp_path / "office"
    create_demo_office(data_dir, count=40, today=TODAY)
    database = open_database(data_dir)
    clock = FixedClock(dt.datetime.combine(TODAY, dt.time(3), dt.UTC))
    found = read_office_key(data_dir)
    assert found is not None
    try:
        yield Office(data_dir, database, clock, AuditLog(database, found[1], clock))
    finally:
        database.close()


@pytest.fixture
def parent(qtbot: Any) -> QtWidgets.QWidget:
    widget = QtWidgets.QWidget()
    qtbot.addWidget(widget)
    return widget
