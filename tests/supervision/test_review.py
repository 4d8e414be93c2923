"""Review: each filter against SQL, the read-only view is logged, reviewed/returned/corrected."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from interview_app.errors import KnownError
from interview_app.storage.interviews import InterviewRepository
from interview_app.supervision.review_desk import (
    OfficerKey,
    ReviewDesk,
    ReviewFilter,
    local_bounds,
    returned_interviews,
)
from tests.offices import OFFICER, Office


def _count(office: Office, where: str, *params: object) -> int:
    return int(
        office.database.conn.execute(
            f"SELECT count(*) FROM interviews i WHERE i.status = 'completed' AND {where}", params
        ).fetchone()[0]
    )


def test_each_filter_matches_a_direct_count(office: Office) -> None:
    desk = ReviewDesk(office.session())
    assert len(desk.list()) == _count(office, "1")
    officer = office.officer(OFFICER.username)
    workstation = office.database.conn.execute(
        "SELECT workstation_id FROM interviews LIMIT 1"
    ).fetchone()[0]
    key = OfficerKey(workstation, officer.id)
    assert key in [choice.key for choice in desk.officers()]
    assert len(desk.list(ReviewFilter(officer=key))) == _count(
        office, "i.officer_id = ?", officer.id
    )
    outcome = desk.list()[0].outcome
    assert len(desk.list(ReviewFilter(outcome=outcome))) == _count(
        office, "coalesce(i.chosen_outcome, i.suggested_outcome) = ?", outcome
    )
    rule = desk.flag_rules()[0][0]
    assert len(desk.list(ReviewFilter(flag_rule_id=rule))) == _count(
        office,
        "EXISTS (SELECT 1 FROM flags f WHERE f.interview_uuid = i.uuid AND f.rule_id = ?)",
        rule,
    )
    destination = desk.destinations()[0]
    assert len(desk.list(ReviewFilter(destination=destination))) == _count(
        office,
        "EXISTS (SELECT 1 FROM answers a WHERE a.interview_uuid = i.uuid"
        " AND a.question_id = 'destination' AND a.value = ?)",
        json.dumps(destination),
    )
    start, end = dt.date(2026, 1, 1), dt.date(2026, 1, 31)
    low, high = local_bounds(start, end)
    in_january = desk.list(ReviewFilter(date_from=start, date_to=end))
    assert len(in_january) == _count(office, "i.created_at >= ? AND i.created_at < ?", low, high)
    assert 0 < len(in_january) < len(desk.list())


def test_open_is_read_only_and_logged(office: Office) -> None:
    desk = ReviewDesk(office.session())
    row = desk.list()[0]
    view = desk.open(row.ref_no)
    assert view.record.uuid == row.uuid and view.questionnaire is not None
    assert view.officer_name == row.officer_name
    entry = office.audit.entries(limit=1)[0]
    assert (entry.action, entry.object_id, entry.actor) == (
        "interview.view",
        row.uuid,
        office.session().actor,
    )


def test_reviewed_returned_and_corrected(office: Office) -> None:
    desk = ReviewDesk(office.session())
    officer = office.officer(OFFICER.username)
    mine = [r for r in desk.list() if r.officer_name == officer.full_name]
    first, second = mine[0], mine[1]
    desk.mark_reviewed(first.uuid)
    with pytest.raises(KnownError):
        desk.return_to_officer(second.uuid, "   ")
    desk.return_to_officer(second.uuid, "Lengkapi nama perekrut")
    states = {r.uuid: r.review_state for r in desk.list()}
    assert (states[first.uuid], states[second.uuid]) == ("reviewed", "returned")
    assert [r.uuid for r in desk.list(ReviewFilter(review_state="returned"))] == [second.uuid]
    returned = returned_interviews(office.database, officer.id)
    assert [(r.ref_no, r.comment) for r in returned] == [(second.ref_no, "Lengkapi nama perekrut")]
    assert returned_interviews(office.database, officer.id + 1) == []
    # The officer corrects it: a new revision; the home screen no longer lists it.
    repository = InterviewRepository(office.database, office.audit, office.clock)
    record = repository.get(second.uuid)
    repository.correct(
        second.uuid,
        reason="Nama perekrut dilengkapi",
        officer_id=officer.id,
        answers={**record.answers, "recruiter_name": "Pak Labolo"},
        flags=record.flags,
        score=record.score,
        hard_flag=bool(record.hard_flag),
        suggested_outcome=record.suggested_outcome,
        chosen_outcome=record.chosen_outcome or "TERBIT",
        override_reason=record.override_reason,
    )
    assert returned_interviews(office.database, officer.id) == []
    assert {r.uuid: r.review_state for r in desk.list()}[second.uuid] == "corrected"
    actions = [e.action for e in office.audit.entries(object_type="interview", limit=3)]
    assert actions == ["interview.correct", "interview.returned", "interview.reviewed"]
    assert "Lengkapi" not in json.dumps([e.details for e in office.audit.entries(limit=5)])
