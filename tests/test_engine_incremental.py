"""The engine's quick update after one answer gives exactly what a full recomputation gives."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_app.interview.engine import InterviewSession
from interview_app.questionnaire.loader import load_file
from interview_app.questionnaire.model import Question

from .conftest import DEFAULT_SCRIPT, FIXTURES

SCRIPT = load_file(DEFAULT_SCRIPT)
TODAY = dt.date(2026, 11, 28)
ANSWERABLE = [
    q
    for q in SCRIPT.questions.values()
    if q.takes_answer and q.check is None and q.identity not in ("sex", "birth_date")
]


def values_for(question: Question) -> st.SearchStrategy[Any]:
    if question.type == "yes_no":
        return st.booleans()
    if question.type in ("single", "country"):
        return st.sampled_from([c.value for c in question.choices[:12]])
    if question.type == "multiple":
        return st.lists(st.sampled_from([c.value for c in question.choices]), max_size=3)
    if question.type in ("integer", "decimal"):
        return st.integers(min_value=1, max_value=400)
    if question.type == "date":
        return st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2026, 12, 31))
    return st.sampled_from(["", "PT Maju", "Tidak tahu"])


steps = st.lists(
    st.sampled_from(ANSWERABLE).flatmap(lambda q: st.tuples(st.just(q.id), values_for(q))),
    min_size=1,
    max_size=40,
)


def snapshot(session: InterviewSession) -> tuple[Any, ...]:
    return (
        sorted(session._state.relevant),
        {k: v for k, v in session._state.values.items() if k in session._state.relevant},
        [(f.rule_id, f.weight, f.hard) for f in session.flags],
        session.score,
        session.hard_flag,
        session.suggestion.code,
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps)
def test_incremental_update_equals_full_recomputation(sequence: list[tuple[str, Any]]) -> None:
    session = InterviewSession(SCRIPT, today=TODAY, office_province="72")
    for question_id, value in sequence:
        session.answer(question_id, value, confirm_warnings=True)
        fresh = InterviewSession(SCRIPT, session.answers, today=TODAY, office_province="72")
        assert snapshot(session) == snapshot(fresh)


def test_fixture_walks_agree_with_full_recomputation() -> None:
    for path in sorted((FIXTURES / "answers").glob("*.json")):
        answers = json.loads(path.read_text(encoding="utf-8"))["answers"]
        session = InterviewSession(SCRIPT, today=TODAY, office_province="72")
        for question_id, value in answers.items():
            session.answer(question_id, value, confirm_warnings=True)
        fresh = InterviewSession(SCRIPT, session.answers, today=TODAY, office_province="72")
        assert snapshot(session) == snapshot(fresh), path.name
