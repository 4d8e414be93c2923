"""Fixtures for the workflow tests: a set-up office on a fixed clock, and scripted answers."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from interview_app.storage.clock import FixedClock
from interview_app.workflow.counter import CounterSession
from interview_app.workflow.interview import InterviewController

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "answers"
SUPERVISOR = ("kasi", "kepala seksi palu")
OFFICER = ("petugas1", "loket satu palu")


def answers(name: str) -> dict[str, Any]:
    return dict(json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))["answers"])


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(dt.datetime(2026, 11, 28, 1, 30, tzinfo=dt.UTC))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "office"


@pytest.fixture
def counter(data_dir: Path, clock: FixedClock) -> Iterator[CounterSession]:
    session = CounterSession.open(data_dir, clock=clock)
    session.setup_office(
        office_code="PLU",
        office_name="Kanim Palu",
        workstation_name="Loket 1",
        username=SUPERVISOR[0],
        full_name="Rahmat Hidayat",
        password=SUPERVISOR[1],
    )
    session._officers().create(OFFICER[0], "Siti Nurhaliza", None, "officer", OFFICER[1])
    session.settings.set("office_province", "72")
    session.logout()
    session.login(*OFFICER)
    try:
        yield session
    finally:
        session.close()


def walk(interview: InterviewController, given: dict[str, Any]) -> list[str]:
    """Answer every question reached, in order, as the officer would; the ids answered."""
    asked = []
    question = interview.next_from(None)
    while question is not None:
        if question.takes_answer and question.id in given:
            outcome = interview.answer(question.id, given[question.id], confirm_warnings=True)
            assert outcome.saved, (question.id, outcome.errors)
            asked.append(question.id)
        question = interview.next_from(question.id)
    return asked
