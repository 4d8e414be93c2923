"""The interview engine on a small script: navigation, skip logic, validation, flags, outcome."""

from __future__ import annotations

import datetime as dt

import pytest

from interview_app.interview.engine import InterviewSession
from interview_app.questionnaire.loader import load_file

from .conftest import FIXTURES

TODAY = dt.date(2026, 11, 28)
# 7271 Palu, district 01, born 15-08-1990, male, serial 0001
NIK_MAN_1990 = "7271011508900001"
NIK_WOMAN_1990 = "7271015508900002"  # day 15 + 40


@pytest.fixture(scope="module")
def script():  # type: ignore[no-untyped-def]
    return load_file(FIXTURES / "scripts" / "mini.yaml")


def session(script, **answers):  # type: ignore[no-untyped-def]
    return InterviewSession(script, answers, today=TODAY, office_province="72")


def test_walks_only_relevant_questions_in_order(script) -> None:  # type: ignore[no-untyped-def]
    s = session(script)
    walked = []
    current = s.first_question()
    while current is not None:
        walked.append(current.id)
        current = s.next_question(current.id)
    # Section C is hidden until work is the purpose or admitted; calculations are never asked;
    # a question whose condition reads an unanswered question stays hidden until it is answered.
    assert walked == ["nik", "birth_date", "sex", "purpose", "destination", "info"]
    s.answer("purpose", "wisata")
    assert s.next_question("purpose").id == "intends_work"
    assert s.answer("purpose", "kerja").saved
    assert [q.id for q in s.visible_questions("B")] == ["purpose", "destination", "info"]
    assert [q.id for q in s.visible_questions("C")] == ["job", "salary", "documents"]
    assert s.previous_question("job").id == "info"
    assert s.next_question("info").id == "job"


def test_answers_hidden_by_skip_logic_are_kept_but_not_scored(script) -> None:  # type: ignore[no-untyped-def]
    s = session(script, purpose="kerja", job="judi_online", documents=["kontrak"])
    assert "work_without_visa" in {f.rule_id for f in s.flags}
    s.answer("purpose", "wisata")
    s.answer("intends_work", False)
    assert s.answers["job"] == "judi_online"  # kept
    assert "work_without_visa" not in {f.rule_id for f in s.flags}
    assert "job" not in s.effective_answers()
    s.answer("intends_work", True)
    assert {"work_without_visa", "admits_work"} <= {f.rule_id for f in s.flags}


def test_hard_flag_forces_referral_and_score_sums_weights(script) -> None:  # type: ignore[no-untyped-def]
    s = session(script, purpose="wisata", destination="KH")
    assert s.score == 3 and s.suggestion.code == "LANJUT"
    s.answer("intends_work", True)
    # documents not answered: "not selected(...)" has no value yet, so that rule stays quiet
    assert s.score == 3 + 3 and s.suggestion.code == "RUJUK"
    minor = session(script, birth_date=dt.date(2010, 1, 1))
    assert minor.hard_flag and [f.rule_id for f in minor.flags] == ["under_18"]
    assert minor.suggestion.code == "RUJUK" and minor.suggestion.refers_bp3mi


def test_validation_errors_block_and_warnings_need_confirmation(script) -> None:  # type: ignore[no-untyped-def]
    s = session(script)
    future = s.answer("birth_date", "2030-01-01")
    assert not future.saved and future.errors[0].en == "Birth date in the future"
    old = s.answer("birth_date", "01-01-1940")
    assert not old.saved and old.needs_confirmation and "70" in old.warnings[0].id
    assert s.answer("birth_date", "01-01-1940", confirm_warnings=True).saved
    assert s.value("age") == 86
    assert not s.answer("purpose", "").saved  # required
    bad = s.answer("purpose", "belanja")
    assert not bad.saved and "belanja" in bad.errors[0].en
    s.answer("purpose", "kerja")
    assert s.answer("salary", "0").errors[0].id == "Gaji harus lebih dari 0"
    assert s.answer("salary", "1.500.000,50").value == 1500000.5
    assert s.answer("documents", ["kontrak", "visa", "visa"]).value == ["visa", "kontrak"]


def test_clearing_an_answer_removes_it(script) -> None:  # type: ignore[no-untyped-def]
    s = session(script, destination="KH")
    assert s.answer("destination", "").saved
    assert "destination" not in s.answers and s.score == 0


def test_nik_cross_checks_birth_date_and_sex(script) -> None:  # type: ignore[no-untyped-def]
    s = session(script)
    assert s.answer("nik", NIK_MAN_1990).saved
    wrong_date = s.answer("birth_date", "16-08-1990")
    assert not wrong_date.saved and "NIK" in wrong_date.errors[0].en
    assert s.answer("birth_date", "15-08-1990").saved
    wrong_sex = s.answer("sex", "P")
    assert not wrong_sex.saved and "40" in wrong_sex.errors[0].en
    assert s.answer("sex", "L").saved
    woman = session(script, birth_date=dt.date(1990, 8, 15), sex="P")
    assert woman.answer("nik", NIK_WOMAN_1990).saved
    assert not woman.answer("nik", NIK_MAN_1990).saved
    outside = session(script).answer("nik", "3578011508900001")  # Surabaya: warning only
    assert outside.needs_confirmation and not outside.errors
    assert "Sulawesi Tengah" in outside.warnings[0].id


def test_choice_filter_offers_only_matching_choices(script) -> None:  # type: ignore[no-untyped-def]
    text = (
        (FIXTURES / "scripts" / "mini.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "        choices: jobs\n",
            "        choices: jobs\n        choice_filter: \"@group = 'legal'\"\n",
        )
    )
    from interview_app.questionnaire.loader import load_text

    filtered = InterviewSession(load_text(text), {"purpose": "kerja"}, today=TODAY)
    assert [c.value for c in filtered.choices_for("job")] == ["pabrik"]
    assert not filtered.answer("job", "judi_online").saved


def test_identity_fields_and_stored_round_trip(script) -> None:  # type: ignore[no-untyped-def]
    s = session(
        script,
        nik=NIK_MAN_1990,
        birth_date=dt.date(1990, 8, 15),
        sex="L",
        purpose="kerja",
        documents=["visa"],
    )
    assert s.identity_fields() == {"nik": NIK_MAN_1990, "birth_date": "1990-08-15", "sex": "L"}
    stored = s.stored_answers()
    again = InterviewSession.from_stored(script, stored, today=TODAY)
    assert again.answers == s.answers and again.score == s.score


def test_resume_point_and_progress(script) -> None:  # type: ignore[no-untyped-def]
    s = session(script, nik=NIK_MAN_1990, birth_date=dt.date(1990, 8, 15))
    assert s.resume_point().id == "sex"
    assert s.progress("sex") == (3, 6)
    assert [q.id for q in s.missing_required()] == ["purpose"]
