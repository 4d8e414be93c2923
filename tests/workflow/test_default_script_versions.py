"""The shipped default script's versions: an office still on the earlier default gets the new one,
and an interview begun under the earlier version finishes under it."""

from __future__ import annotations

from interview_app.questionnaire.loader import load_text
from interview_app.resources_path import questionnaire_path
from interview_app.storage.questionnaires import QuestionnaireStore, source_hash
from interview_app.workflow.counter import CounterSession
from interview_app.workflow.default_script import default_script_text, earlier_default_hashes
from tests.offices import answers
from tests.workflow.conftest import walk

V1 = questionnaire_path("history", "tppo_default.v1.yaml")


def _run_v1(counter: CounterSession, *, fresh: bool = False) -> str:
    """Make the office look like one set up with version 1 (as the previous release did);
    `fresh`: as if the current default had never been installed here."""
    text = V1.read_text(encoding="utf-8")
    if fresh:
        with counter.database.transaction() as conn:
            conn.execute("DELETE FROM questionnaires")
    store = QuestionnaireStore(counter.database, counter.audit())
    digest = store.install(text, "tppo-default", 1)
    store.activate(digest)
    return digest


def test_the_previous_version_is_kept_whole_and_older_than_the_shipped_one() -> None:
    previous = load_text(V1.read_text(encoding="utf-8"))
    current = load_text(default_script_text())
    assert previous.id == current.id and previous.version < current.version
    assert source_hash(V1.read_text(encoding="utf-8")) in earlier_default_hashes()


def test_an_interview_begun_under_version_1_finishes_under_it_and_new_ones_use_the_new_default(
    counter: CounterSession,
) -> None:
    v1_hash = _run_v1(counter, fresh=True)
    # Begun under version 1 before the update.
    record = counter.interviews().create_draft(
        officer_id=counter.require().officer_id,
        questionnaire_id="tppo-default",
        questionnaire_version=1,
        questionnaire_hash=v1_hash,
        language="id",
    )
    digest, active = counter.active_questionnaire()
    assert active.version >= 2 and digest != v1_hash
    resumed = counter.resume(record.uuid)
    assert resumed.questionnaire.version == 1
    given = answers("tourist_visa_work")
    # Version 1 still asks its own questions: lost-or-damaged in one, no child questions.
    assert "passport_lost_damaged" in resumed.questionnaire.questions
    walk(resumed, given)
    resumed.complete("TUNDA_RUJUK_BP3MI")
    assert counter.interviews().get(record.uuid).questionnaire_hash == v1_hash
    assert counter.start_interview().questionnaire.version == active.version


def test_a_supervisor_who_went_back_to_version_1_is_not_overruled(
    counter: CounterSession,
) -> None:
    counter.active_questionnaire()  # the shipped default is installed
    v1_hash = _run_v1(counter)
    assert counter.active_questionnaire()[0] == v1_hash


def test_an_office_script_is_never_replaced(counter: CounterSession) -> None:
    text = V1.read_text(encoding="utf-8").replace("id: tppo-default", "id: kantor-palu", 1)
    with counter.database.transaction() as conn:
        conn.execute("DELETE FROM questionnaires")
    store = QuestionnaireStore(counter.database, counter.audit())
    own = store.install(text, "kantor-palu", 1)
    store.activate(own)
    assert counter.active_questionnaire()[0] == own


def test_the_office_setting_decides_a_work_purpose_without_the_disnaker_recommendation(
    counter: CounterSession,
) -> None:
    import json

    from interview_app.interview.values import coerce

    path = questionnaire_path().parent / "tests" / "fixtures" / "decisions"
    document = json.loads(
        (path / "procedural_no_recommendation_refused.json").read_text(encoding="utf-8")
    )
    counter.settings.set("disnaker_recommendation_required", True)
    counter.settings.set("no_recommendation_outcome", "TOLAK")
    interview = counter.start_interview()
    questions = interview.questionnaire.questions
    given = {k: coerce(questions[k], v) for k, v in document["answers"].items()}
    walk(interview, given)
    assert "disnaker_recommendation" in interview.session.answers
    assert interview.session.suggestion.code == "TOLAK"
    counter.settings.set("no_recommendation_outcome", "TUNDA_LENGKAPI")
    again = counter.resume(interview.uuid)
    assert again.session.suggestion.code == "TUNDA_LENGKAPI"


def test_the_officer_confirms_or_changes_the_suspected_purpose_at_review(
    counter: CounterSession,
) -> None:
    interview = counter.start_interview()
    walk(interview, answers("scam_cambodia"))
    suspected = interview.review().suspected
    assert suspected is not None and suspected.suggested == "suspected_scam_work"
    assert suspected.options[0].id == "as_stated"
    import pytest

    from interview_app.errors import KnownError

    with pytest.raises(KnownError, match="tidak dikenal"):
        interview.complete("RUJUK_APH", suspected_purpose="bekerja")
    done = interview.complete("RUJUK_APH", suspected_purpose="suspected_nonprocedural_work")
    record = counter.interviews().get(done.uuid)
    assert record.suspected_purpose == "suspected_nonprocedural_work"
    correction = counter.start_correction(done.uuid)
    assert correction.correction is not None
    assert correction.correction.suspected_purpose == "suspected_nonprocedural_work"
    correction.answer("obs_nervous_notes", True)
    correction.complete("RUJUK_APH", correction_reason="Catatan pengamatan dilengkapi")
    assert counter.interviews().get(done.uuid).suspected_purpose == "suspected_nonprocedural_work"
