"""The recruiter's look-up keys: names and phone numbers written so that the same person matches,
and the script's `recruiter:` declaration that says which answers hold them."""

from __future__ import annotations

import datetime as dt

import pytest

from interview_app.interview.engine import InterviewSession
from interview_app.interview.recruiters import RecruiterKeys, name_key, phone_key, recruiter_keys
from interview_app.questionnaire.loader import QuestionnaireError, load_file, load_text

from .conftest import DEFAULT_SCRIPT


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Pak Rusdi", "rusdi"),
        ("pak  RUSDI.", "rusdi"),
        ("Bapak Rusdi", "rusdi"),
        ("Rusdi", "rusdi"),
        ("H. Ahmad  Yani", "ahmad yani"),
        ("Ibu Wati Lamato", "wati lamato"),
        ("José Ñoño", "jose nono"),
        ("rusdi_lamato", "rusdi lamato"),
    ],
)
def test_names_fold_case_spaces_punctuation_accents_and_titles(text: str, key: str) -> None:
    assert name_key(text) == key


@pytest.mark.parametrize(
    "text", ["", "-", "Pak", "bu", "tidak tahu", "Tidak Tahu!", "lupa", "ab", "N/A", "12345"]
)
def test_answers_that_name_nobody_give_no_key(text: str) -> None:
    assert name_key(text) is None


@pytest.mark.parametrize(
    "text", ["0852-1234-9876", "+62 852 1234 9876", "62852 1234 9876", "(0852) 1234.9876"]
)
def test_phone_numbers_fold_to_one_form(text: str) -> None:
    assert phone_key(text) == "+6285212349876"


def test_not_a_phone_number_gives_no_key() -> None:
    assert phone_key("tidak tahu") is None and phone_key(None) is None


def test_keys_come_from_the_declared_questions_while_they_are_asked() -> None:
    script = load_file(DEFAULT_SCRIPT)
    assert script.recruiter_question("name").id == "recruiter_name"  # type: ignore[union-attr]
    assert script.recruiter_question("phone").id == "recruiter_phone"  # type: ignore[union-attr]
    session = InterviewSession(script, today=dt.date(2026, 11, 28), office_province="72")
    assert recruiter_keys(session) == RecruiterKeys()
    for question, value in (
        ("purpose", "kerja"),
        ("recruited_by_individual", True),
        ("recruiter_name", "Pak Rusdi"),
        ("recruiter_phone", "0852 1234 9876"),
    ):
        assert session.answer(question, value, confirm_warnings=True).saved, question
    assert recruiter_keys(session) == RecruiterKeys(phone="+6285212349876", name="rusdi")
    assert recruiter_keys(session).columns() == {
        "recruiter_phone_key": "+6285212349876",
        "recruiter_name_key": "rusdi",
    }
    session.answer("recruited_by_individual", False)
    assert recruiter_keys(session) == RecruiterKeys()  # hidden answers do not count


SCRIPT = """id: r
version: 1
title: {id: "R", en: "R"}
outcome_codes:
  - {code: LANJUT, label: {id: "Lanjut", en: "Continue"}}
sections:
  - id: A
    title: {id: "A", en: "A"}
    questions:
      - id: who
        type: text
        recruiter: name
        label: {id: "Nama", en: "Name"}
      - id: tel
        type: phone
        recruiter: phone
        label: {id: "Telepon", en: "Phone"}
outcome_rules:
  - {outcome: LANJUT}
"""


def _problems(text: str) -> list[str]:
    with pytest.raises(QuestionnaireError) as info:
        load_text(text, "naskah.yaml")
    return [str(p) for p in info.value.problems]


def test_the_declaration_is_checked() -> None:
    script = load_text(SCRIPT)
    assert script.questions["who"].recruiter == "name"
    assert script.questions["tel"].recruiter == "phone"
    (problem,) = _problems(SCRIPT.replace("recruiter: phone", "recruiter: email"))
    assert ":16:" in problem and "'recruiter'" in problem
    (problem,) = _problems(SCRIPT.replace("type: phone", "type: text"))
    assert "on type phone" in problem
    twice = SCRIPT.replace(
        "type: phone\n        recruiter: phone", "type: text\n        recruiter: name"
    )
    (problem,) = _problems(twice)
    assert "already on 'who'" in problem
