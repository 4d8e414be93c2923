"""Retention: exactly the interviews past the period go, with everything stored for them; the
purge is logged with counts only and the audit chain stays verifiable."""

from __future__ import annotations

import datetime as dt
import json

from interview_app.storage.interviews import FlagRecord, InterviewRepository
from interview_app.storage.office_settings import OfficeSettings
from interview_app.storage.slips import SlipLedger
from interview_app.storage.unsaved_input import HalfTypedAnswers, UnsavedCorrections
from interview_app.supervision.audit_view import AuditViewer
from interview_app.supervision.retention import Retention, cutoff_for, purge_due
from interview_app.supervision.review_desk import ReviewDesk
from tests.offices import Office


def _interview(office: Office, when: dt.datetime, *, complete: bool = True) -> str:
    office.clock.set(when)
    repository = InterviewRepository(office.database, office.audit, office.clock)
    record = repository.create_draft(
        officer_id=2,
        questionnaire_id="tppo-default",
        questionnaire_version=1,
        questionnaire_hash="a" * 64,
        language="id",
    )
    repository.save_answer(
        record.uuid,
        "destination",
        "MY",
        current_question="destination",
        identity={"nik": "7271014501900001", "full_name": "Nur Aisyah"},
    )
    if complete:
        repository.complete(
            record.uuid,
            chosen_outcome="TERBIT",
            override_reason=None,
            flags=[FlagRecord("young_adult", 1, False, "Usia muda", "Young adult")],
            score=1,
            hard_flag=False,
            suggested_outcome="TERBIT",
            consent_bp3mi=False,
            officer_id=2,
        )
    return record.uuid


def _children(office: Office, uuid: str) -> dict[str, int]:
    conn = office.database.conn
    return {
        table: int(
            conn.execute(f"SELECT count(*) FROM {table} WHERE {column} = ?", (uuid,)).fetchone()[0]
        )
        for table, column in (
            ("interviews", "uuid"),
            ("answers", "interview_uuid"),
            ("flags", "interview_uuid"),
            ("interview_revisions", "interview_uuid"),
            ("slips", "interview_uuid"),
            ("reviews", "interview_uuid"),
            ("unsaved_input", "interview_uuid"),
        )
    }


def test_purge_removes_exactly_the_interviews_past_the_period(office: Office) -> None:
    OfficeSettings(office.database).update(office.session(), {"retention_years": 2})
    now = dt.datetime(2026, 3, 2, 3, 0, tzinfo=dt.UTC)
    cutoff = cutoff_for(now, 2)
    old = [
        _interview(office, dt.datetime(2023, 5, 1, 2, tzinfo=dt.UTC)),
        _interview(office, dt.datetime(2023, 9, 9, 2, tzinfo=dt.UTC), complete=False),
        _interview(office, cutoff - dt.timedelta(seconds=1)),
    ]
    kept = [_interview(office, cutoff), _interview(office, cutoff + dt.timedelta(days=1))]
    for uuid in old + kept:
        SlipLedger(office.database).issue(
            prefix="PLU",
            kind="rujukan",
            interview_uuid=uuid,
            revision=1,
            issued_at="2024-01-02T03:04:05.000000Z",
            issued_on=dt.date(2024, 1, 2),
            outcome="TERBIT",
            payload_for=lambda number: f"AW2|{number}",
        )
    # Text half typed in the old draft, and in a kept interview's correction.
    HalfTypedAnswers(office.database).save(old[1], "destination", "Mala")
    UnsavedCorrections(office.database).save(kept[0], {"destination": "SG"}, None)
    office.clock.set(now)
    ReviewDesk(office.session()).return_to_officer(old[0], "Periksa lagi")
    InterviewRepository(office.database, office.audit, office.clock).void(old[2], "Ganda", 1)
    before = int(office.database.conn.execute("SELECT count(*) FROM interviews").fetchone()[0])

    reminder = purge_due(office.database, office.clock)
    assert reminder is not None and reminder.count == 3 and reminder.retention_years == 2
    retention = Retention(office.session())
    plan = retention.plan()
    assert [c.uuid for c in plan.candidates] == old
    result = retention.purge(plan)

    assert result.counts["interviews"] == 3
    assert result.counts["slips"] == 3 and result.counts["reviews"] == 1
    assert result.counts["interview_revisions"] == 1 and result.counts["flags"] == 2
    assert result.counts["unsaved_input"] == 1
    for uuid in old:
        assert set(_children(office, uuid).values()) == {0}
    for uuid in kept:
        counts = _children(office, uuid)
        assert counts["interviews"] == 1 and counts["answers"] == 1 and counts["slips"] == 1
    assert UnsavedCorrections(office.database).pending() == [kept[0]]
    after = int(office.database.conn.execute("SELECT count(*) FROM interviews").fetchone()[0])
    assert after == before - 3
    assert purge_due(office.database, office.clock) is None
    assert AuditViewer(office.session()).check().ok and office.audit.verify().ok
    entry = office.audit.entries(limit=1)[0]
    assert entry.action == "retention.purge" and entry.details["counts"] == result.counts
    logged = json.dumps(entry.details)
    assert not any(uuid in logged for uuid in old) and "Nur" not in logged
    # The purged interviews' earlier audit entries are still there: the log is append-only.
    assert office.audit.entries(object_id=old[0])


def test_nothing_is_due_inside_the_period(office: Office) -> None:
    assert purge_due(office.database, office.clock) is None
    plan = Retention(office.session()).plan()
    assert plan.count == 0 and plan.retention_years == 5


def test_cutoff_on_29_february() -> None:
    leap = dt.datetime(2028, 2, 29, 12, tzinfo=dt.UTC)
    assert cutoff_for(leap, 1) == dt.datetime(2027, 2, 28, 12, tzinfo=dt.UTC)
