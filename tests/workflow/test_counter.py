"""Workflow without a display: setup, sign-in and lock, a whole interview, resume, look-ups."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from interview_app.errors import KnownError
from interview_app.storage.clock import FixedClock
from interview_app.storage.errors import AccountLocked, AuthenticationFailed
from interview_app.storage.questionnaires import QuestionnaireStore
from interview_app.workflow.counter import CounterSession
from tests.offices import answers
from tests.workflow.conftest import OFFICER, SUPERVISOR, walk


def test_a_fresh_folder_needs_setup_and_setup_signs_the_supervisor_in(tmp_path: Path) -> None:
    session = CounterSession.open(tmp_path / "new")
    try:
        assert not session.office().configured
        with pytest.raises(KnownError):
            session.login("x", "yyyyyyyyyy")
        signed = session.setup_office(
            office_code="plu",
            office_name="Kanim Palu",
            workstation_name="Loket 1",
            username="kasi",
            full_name="Rahmat",
            password="kepala seksi palu",
        )
        assert signed.is_supervisor
        info = session.office()
        assert info.configured and info.office_code == "PLU"
        assert session.active_questionnaire()[1].id == "tppo-default"
        with pytest.raises(KnownError):
            session.setup_office(
                office_code="PLU",
                office_name="x",
                workstation_name="y",
                username="z",
                full_name="z",
                password="zzzzzzzzzzzz",
            )
    finally:
        session.close()


def test_wrong_password_is_refused_and_locks_after_five(counter: CounterSession) -> None:
    counter.logout()
    for _ in range(4):
        with pytest.raises(AuthenticationFailed):
            counter.login(OFFICER[0], "not the password")
    with pytest.raises(AccountLocked):
        counter.login(OFFICER[0], "not the password")
    assert counter.officer is None


def test_lock_unlocks_only_with_the_same_officers_password(counter: CounterSession) -> None:
    interview = counter.start_interview()
    interview.answer("nik", "7271015203990002")
    counter.lock()
    with pytest.raises(KnownError):
        counter.home()
    with pytest.raises(AuthenticationFailed):
        counter.unlock(SUPERVISOR[1])  # another account's password does not open it
    assert counter.locked
    counter.unlock(OFFICER[1])
    assert not counter.locked and counter.officer is not None
    assert counter.officer.username == OFFICER[0]
    assert interview.raw_answer("nik") == "7271015203990002"
    actions = [e.action for e in counter.audit().entries(limit=20)]
    assert "screen.lock" in actions and "screen.unlock" in actions


def test_idle_timeout_comes_from_the_settings(counter: CounterSession) -> None:
    assert counter.idle_lock_seconds == 300
    counter.settings.set("idle_lock_minutes", 2)
    assert counter.idle_lock_seconds == 120


def test_a_whole_interview_to_a_referral_with_the_override_rule(counter: CounterSession) -> None:
    interview = counter.start_interview()
    asked = walk(interview, answers("tourist_visa_work"))
    assert asked[0] == "nik" and "visa_type" in asked
    risk = interview.risk()
    assert risk.suggestion.code == "TUNDA_RUJUK_BP3MI" and risk.hard_flag
    assert any(f.rule_id == "visa_not_work" and f.hard for f in risk.flags)
    review = interview.review()
    assert review.ready
    assert [s.section_id for s in review.sections][:2] == ["A", "B"]
    visa = next(i for s in review.sections for i in s.items if i.question_id == "visa_type")
    assert visa.flagged
    with pytest.raises(KnownError) as refused:
        interview.complete("TERBIT")
    assert "alasan" in refused.value.message.id
    done = interview.complete("TUNDA_RUJUK_BP3MI", consent_bp3mi=True)
    assert done.refers_bp3mi
    record = counter.interviews().get(interview.uuid)
    assert record.status == "completed" and record.chosen_outcome == "TUNDA_RUJUK_BP3MI"
    assert record.full_name == "Sri Wahyuni Lasahido" and record.nik == "7271015203990002"
    assert {f.rule_id for f in record.flags} == {f.rule_id for f in risk.flags}
    with pytest.raises(KnownError):
        interview.answer("full_name", "Changed")


def test_override_with_a_reason_is_kept(counter: CounterSession) -> None:
    interview = counter.start_interview()
    walk(interview, answers("tourist_visa_work"))
    interview.complete("TOLAK", "  dokumen palsu  ")
    record = counter.interviews().get(interview.uuid)
    assert record.chosen_outcome == "TOLAK" and record.override_reason == "dokumen palsu"


def test_errors_block_and_warnings_wait_for_confirmation(counter: CounterSession) -> None:
    interview = counter.start_interview()
    refused = interview.answer("nik", "123")
    assert not refused.saved and refused.errors
    assert interview.raw_answer("nik") is None
    interview.answer("nik", "7271015203990002")
    mismatch = interview.answer("sex", "L")  # the NIK says female
    assert not mismatch.saved and (mismatch.errors or mismatch.needs_confirmation)


def test_a_killed_session_resumes_at_the_question_where_it_stopped(
    data_dir: Path, counter: CounterSession, clock: FixedClock
) -> None:
    interview = counter.start_interview()
    given = answers("tourist_visa_work")
    for qid in ("nik", "full_name", "birth_place", "birth_date", "sex", "phone"):
        interview.answer(qid, given[qid], confirm_warnings=True)
    interview.save_notes("pemohon ditemani calo")
    uuid = interview.uuid
    counter.close()  # as if the process had died: nothing else is written

    again = CounterSession.open(data_dir, clock=clock)
    try:
        again.login(*OFFICER)
        drafts = again.home().drafts
        assert [d.uuid for d in drafts] == [uuid]
        resumed = again.resume(uuid)
        assert resumed.current == "passport_application_no"  # the question after the last answer
        assert resumed.raw_answer("full_name") == "Sri Wahyuni Lasahido"
        assert resumed.notes == "pemohon ditemani calo"
        assert resumed.go_back().question_id == "phone"
    finally:
        again.close()


def test_a_draft_continues_under_the_script_version_it_started_with(
    counter: CounterSession,
) -> None:
    interview = counter.start_interview()
    interview.answer("nik", "7271015203990002")
    old_hash, old = counter.active_questionnaire()
    text = QuestionnaireStore(counter.database).get(old_hash)
    later = old.version + 1
    newer = text.replace(f"version: {old.version}\n", f"version: {later}\n", 1).replace(
        "Nama lengkap sesuai KTP", "Nama lengkap (versi baru)", 1
    )
    store = QuestionnaireStore(counter.database, counter.audit())
    digest = store.install(newer, old.id, later)
    store.activate(digest)
    assert counter.active_questionnaire()[1].version == later
    resumed = counter.resume(interview.uuid)
    assert resumed.questionnaire.version == old.version
    label = resumed.questionnaire.questions["full_name"].label
    assert label is not None and label.id == "Nama lengkap sesuai KTP"
    assert counter.start_interview().questionnaire.version == later


def test_repeat_applicants_and_a_logged_read_only_view(counter: CounterSession) -> None:
    given = answers("tourist_visa_work")
    first = counter.start_interview()
    walk(first, given)
    first.complete("TUNDA_RUJUK_BP3MI")
    second = counter.start_interview()
    second.answer("nik", given["nik"])
    earlier = second.repeat_applicants()
    assert [e.uuid for e in earlier] == [first.uuid]
    assert earlier[0].outcome == "TUNDA_RUJUK_BP3MI" and "visa_not_work" in earlier[0].flag_rule_ids
    view = counter.open_record(first.uuid)
    assert view.ref_no == first.ref_no and view.flags and view.sections
    logged = counter.audit().entries(object_type="interview", object_id=first.uuid, limit=5)
    assert logged[0].action == "interview.view"


def test_search_by_name_prefix_and_today(counter: CounterSession) -> None:
    interview = counter.start_interview()
    interview.answer("nik", "7271015203990002")
    interview.answer("full_name", "Sri Wahyuni Lasahido")
    assert [r.uuid for r in counter.search("sri wah")] == [interview.uuid]
    assert counter.search("Budi") == ()
    assert [r.uuid for r in counter.home().today] == [interview.uuid]


def test_switching_the_script_language_keeps_the_answers(counter: CounterSession) -> None:
    interview = counter.start_interview()
    interview.answer("sex", "P")
    interview.set_language("en")
    assert interview.text(interview.questionnaire.questions["sex"].label).startswith("Sex")
    assert interview.raw_answer("sex") == "P"
    assert counter.interviews().get(interview.uuid).language == "en"
    with pytest.raises(KnownError):
        interview.set_language("fr")


def test_a_locked_database_keeps_the_answer_to_retry(
    counter: CounterSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    from interview_app.storage.errors import DatabaseLocked
    from interview_app.storage.interviews import InterviewRepository

    interview = counter.start_interview()

    def locked(*args: object, **kwargs: object) -> None:
        raise DatabaseLocked("Basis data sedang dikunci.", "The database is locked.")

    monkeypatch.setattr(InterviewRepository, "save_answer", locked)
    with pytest.raises(DatabaseLocked):
        interview.answer("full_name", "Sri")
    assert interview.raw_answer("full_name") is None  # the engine did not move on
    monkeypatch.undo()
    assert interview.answer("full_name", "Sri").saved


def test_today_uses_the_clock(counter: CounterSession, clock: FixedClock) -> None:
    assert counter.today() == clock().astimezone().date()
    clock.advance(dt.timedelta(days=1))
    assert counter.home().today == ()


def test_a_correction_is_a_new_revision_with_its_reason(counter: CounterSession) -> None:
    interview = counter.start_interview()
    walk(interview, answers("tourist_visa_work"))
    interview.complete("TUNDA_RUJUK_BP3MI")
    with pytest.raises(KnownError):
        counter.correct(interview.uuid, reason="  ", changes={"full_name": "Sri W. Lasahido"})
    view = counter.correct(
        interview.uuid, reason="salah ketik nama", changes={"full_name": "Sri W. Lasahido"}
    )
    assert view.full_name == "Sri W. Lasahido"
    repository = counter.interviews()
    assert repository.get(interview.uuid).revision == 2
    assert [r.reason for r in repository.revisions(interview.uuid)] == ["salah ketik nama"]
    assert repository.get_revision(interview.uuid, 1).full_name == "Sri Wahyuni Lasahido"
    with pytest.raises(KnownError):
        counter.correct(interview.uuid, reason="x", changes={"nik": "123"})


def test_a_correction_cut_short_by_a_crash_goes_on_where_it_stopped(
    counter: CounterSession, data_dir: Path, clock: FixedClock
) -> None:
    interview = counter.start_interview()
    walk(interview, answers("tourist_visa_work"))
    interview.complete("TUNDA_RUJUK_BP3MI")
    correcting = counter.start_correction(interview.uuid)
    assert correcting.answer("full_name", "Sri W. Lasahido").saved
    assert correcting.answer("phone", None).saved  # clearing an optional answer
    correcting.save_notes("Nama dibetulkan sesuai KTP")
    # The process dies here: a new session on the same folder.
    counter.close()
    again = CounterSession.open(data_dir, clock=clock)
    try:
        again.login(*OFFICER)
        home = again.home()
        assert [row.uuid for row in home.corrections] == [interview.uuid]
        record = again.interviews().get(interview.uuid)
        assert record.revision == 1 and record.full_name == "Sri Wahyuni Lasahido"
        resumed = again.resume(interview.uuid)  # from the home list, like a draft
        assert resumed.correction is not None
        assert resumed.raw_answer("full_name") == "Sri W. Lasahido"
        assert resumed.raw_answer("phone") is None
        assert resumed.notes == "Nama dibetulkan sesuai KTP"
        assert resumed.changed == {"full_name", "phone", "notes"}
        resumed.complete("TUNDA_RUJUK_BP3MI", correction_reason="salah ketik nama")
        saved = again.interviews().get(interview.uuid)
        assert saved.revision == 2 and saved.full_name == "Sri W. Lasahido"
        assert saved.notes == "Nama dibetulkan sesuai KTP" and "phone" not in saved.answers
        assert again.home().corrections == ()
    finally:
        again.close()


def test_a_discarded_correction_is_gone(counter: CounterSession) -> None:
    interview = counter.start_interview()
    walk(interview, answers("tourist_visa_work"))
    interview.complete("TUNDA_RUJUK_BP3MI")
    correcting = counter.start_correction(interview.uuid)
    correcting.answer("full_name", "Nama Lain")
    assert counter.home().corrections
    correcting.discard_correction()
    assert counter.home().corrections == ()
    fresh = counter.start_correction(interview.uuid)
    assert fresh.raw_answer("full_name") == "Sri Wahyuni Lasahido" and not fresh.changed
