"""Fixtures for the workflow tests: a copy of the counter office on a fixed clock, with its
officer signed in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from interview_app.storage.clock import FixedClock
from interview_app.workflow.counter import CounterSession
from interview_app.workflow.interview import InterviewController
from tests.offices import COUNTER_NOW, COUNTER_OFFICER, COUNTER_SUPERVISOR, OfficeBuilder

# The counter office's accounts, as (username, password).
SUPERVISOR = COUNTER_SUPERVISOR
OFFICER = COUNTER_OFFICER


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(COUNTER_NOW)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "office"


@pytest.fixture
def counter(offices: OfficeBuilder, data_dir: Path, clock: FixedClock) -> Iterator[CounterSession]:
    session = CounterSession.open(offices.copy("counter", data_dir), clock=clock)
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
