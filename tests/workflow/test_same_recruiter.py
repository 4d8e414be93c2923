"""The same recruiter across interviews: the flag the counter adds, its reason, and what is kept."""

from __future__ import annotations

import datetime as dt

from interview_app.storage.clock import FixedClock
from interview_app.workflow.counter import CounterSession
from interview_app.workflow.recruiter import SAME_RECRUITER_RULE
from tests.offices import answers
from tests.workflow.conftest import walk

# The fixture's applicant was recruited by "Pak Rusdi", 0852 1234 9876.
GIVEN = dict(answers("work_changed_to_tourism"), purpose="kerja")
NIKS = ("7202013001940007", "7202013001940015", "7202013001940023", "7202013001940031")


def _interview(counter: CounterSession, nik: str, **changes: object) -> str:
    given = dict(GIVEN, nik=nik, **changes)
    interview = counter.start_interview()
    walk(interview, given)
    interview.complete(interview.review().risk.suggestion.code)
    return interview.uuid


def _recruiter_flag(interview) -> object:  # type: ignore[no-untyped-def]
    return next((f for f in interview.risk().flags if f.rule_id == SAME_RECRUITER_RULE), None)


def test_a_recruiter_seen_before_raises_a_flag_naming_how_many_and_since_when(
    counter: CounterSession, clock: FixedClock
) -> None:
    clock.set(dt.datetime(2026, 8, 12, 2, 0, tzinfo=dt.UTC))
    _interview(counter, NIKS[0])  # "0852 1234 9876", "Pak Rusdi"
    clock.set(dt.datetime(2026, 9, 3, 2, 0, tzinfo=dt.UTC))
    _interview(counter, NIKS[1], recruiter_phone="+62-852-1234-9876", recruiter_name="x y z")
    clock.set(dt.datetime(2026, 10, 20, 2, 0, tzinfo=dt.UTC))
    _interview(counter, NIKS[2], recruiter_phone="0811 000 111", recruiter_name="BAPAK  rusdi.")
    clock.set(dt.datetime(2026, 11, 28, 1, 30, tzinfo=dt.UTC))
    # An unrelated recruiter: no flag.
    other = counter.start_interview()
    walk(other, dict(GIVEN, nik=NIKS[3], recruiter_name="Bu Wati", recruiter_phone="0813 777 888"))
    assert _recruiter_flag(other) is None
    assert other.recruiter_matches().count == 0
    # The same recruiter by phone (written another way) and by name (with a title).
    current = counter.start_interview()
    walk(current, dict(GIVEN, nik=NIKS[3]))
    flag = _recruiter_flag(current)
    assert flag is not None
    assert flag.reason.id == (
        "Perekrut ini muncul di 3 wawancara lain sejak Agustus 2026 (nomor telepon atau nama sama)"
    )
    assert flag.reason.en == (
        "This recruiter appears in 3 other interviews since August 2026 (same phone number or name)"
    )
    assert (
        flag.weight == 0 and not flag.hard
    )  # advisory: the score and suggestion stay the script's
    matches = current.recruiter_matches()
    assert (matches.count, matches.by_phone, matches.by_name) == (3, 2, 2)
    assert [m.created_at[:7] for m in matches.recent] == ["2026-10", "2026-09", "2026-08"]
    review = current.review()
    assert flag in review.risk.flags  # on the review as well
    assert review.risk.score == current.session.score


def test_the_flag_follows_the_answers_and_is_kept_with_the_decision(
    counter: CounterSession,
) -> None:
    first = _interview(counter, NIKS[0])
    current = counter.start_interview()
    walk(current, dict(GIVEN, nik=NIKS[1]))
    assert _recruiter_flag(current) is not None
    # Not recruited by an individual after all: the recruiter questions are hidden, no flag.
    outcome = current.answer("recruited_by_individual", False)
    assert outcome.saved and outcome.risk_changed
    assert _recruiter_flag(current) is None
    assert current.recruiter_matches().count == 0
    outcome = current.answer("recruited_by_individual", True)
    assert outcome.risk_changed
    flag = _recruiter_flag(current)
    assert flag is not None and "1 wawancara lain" in flag.reason.id
    assert "1 other interview since" in flag.reason.en
    current.complete(current.review().risk.suggestion.code)
    record = counter.interviews().get(current.uuid)
    stored = [f for f in record.flags if f.rule_id == SAME_RECRUITER_RULE]
    assert len(stored) == 1 and stored[0].reason_id == flag.reason.id
    assert stored[0].reason_en == flag.reason.en and stored[0].weight == 0
    # The next interview counts both; a voided one no longer counts.
    repository = counter.interviews()
    assert repository.same_recruiter("+6285212349876", None).count == 2
    repository.void(first, "salah input", None)
    matches = repository.same_recruiter("+6285212349876", "rusdi", exclude_uuid=current.uuid)
    assert matches.count == 0 and matches.recent == ()


def test_a_resumed_draft_shows_the_flag_again(counter: CounterSession) -> None:
    _interview(counter, NIKS[0])
    draft = counter.start_interview()
    walk(draft, dict(GIVEN, nik=NIKS[1]))
    resumed = counter.resume(draft.uuid)
    flag = _recruiter_flag(resumed)
    assert flag is not None and "1 wawancara lain" in flag.reason.id


def test_the_recap_counts_the_flag_under_one_label(counter: CounterSession) -> None:
    from interview_app.reports.recap import Period, build_recap

    for nik in NIKS[:3]:  # the second and third find 1 and 2 others: two different reasons
        _interview(counter, nik)
    day = dt.date(2026, 11, 28)
    recap = build_recap(counter.database, Period.of(day, day, dt.UTC), top=50)
    (same,) = [c for c in recap.flags if c.key == SAME_RECRUITER_RULE]
    assert same.count == 2
    assert same.label.id == "Perekrut yang sama muncul di wawancara lain"
