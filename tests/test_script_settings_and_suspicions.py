"""Two parts of the script language: office settings read by name, and suspected purposes that
rest on strong red flags only."""

from __future__ import annotations

import datetime as dt

import pytest

from interview_app.interview.engine import InterviewSession
from interview_app.questionnaire.loader import QuestionnaireError, load_file, load_text
from interview_app.questionnaire.office_settings import SCRIPT_SETTINGS
from interview_app.settings_spec import Kind, spec_for

from .conftest import DEFAULT_SCRIPT, FIXTURES

MINI = (FIXTURES / "scripts" / "mini.yaml").read_text(encoding="utf-8")
TODAY = dt.date(2026, 11, 28)

WITH_SETTING = MINI.replace(
    "risk_rules:\n",
    "office_settings: [disnaker_recommendation_required, no_recommendation_outcome]\nrisk_rules:\n",
    1,
).replace(
    "outcome_rules:\n",
    "  - id: strict_office\n"
    '    when: "intends_work and disnaker_recommendation_required"\n'
    "    weight: 1\n"
    '    reason: {id: "Kantor ketat", en: "Strict office"}\n'
    "suspected_purposes:\n"
    "  - id: as_worker\n"
    "    when: \"flagged('admits_work')\"\n"
    "    work: true\n"
    '    label: {id: "bekerja", en: "work"}\n'
    "outcome_rules:\n"
    "  - when: \"flagged('strict_office') and no_recommendation_outcome = 'TOLAK'\"\n"
    "    outcome: RUJUK\n",
    1,
)


def problems_of(text: str) -> list[str]:
    with pytest.raises(QuestionnaireError) as info:
        load_text(text, "naskah.yaml")
    return [p.message.en for p in info.value.problems]


def test_every_setting_a_script_may_read_is_declared_once_with_the_same_kind_and_default() -> None:
    for key, setting in SCRIPT_SETTINGS.items():
        spec = spec_for(key)
        assert spec.default == setting.default
        if setting.choices:
            assert spec.kind is Kind.CHOICE
            assert tuple(code for code, _ in spec.choices) == setting.choices
        else:
            assert spec.kind is Kind.BOOL


def test_a_script_reads_the_office_setting_and_falls_back_on_its_default() -> None:
    script = load_text(WITH_SETTING)
    assert script.office_settings == (
        "disnaker_recommendation_required",
        "no_recommendation_outcome",
    )
    answers = {"purpose": "wisata", "intends_work": True, "birth_date": dt.date(1990, 1, 1)}
    lenient = InterviewSession(script, answers, today=TODAY)
    assert "strict_office" not in [f.rule_id for f in lenient.flags]
    strict = InterviewSession(
        script,
        answers,
        today=TODAY,
        office_settings={
            "disnaker_recommendation_required": True,
            "no_recommendation_outcome": "TOLAK",
        },
    )
    assert "strict_office" in [f.rule_id for f in strict.flags]
    # A stored value of the wrong form (e.g. from another version) counts as the default.
    odd = InterviewSession(
        script, answers, today=TODAY, office_settings={"disnaker_recommendation_required": "ya"}
    )
    assert odd.office_settings["disnaker_recommendation_required"] is False


def test_suspected_purpose_comes_from_the_script(capsys: pytest.CaptureFixture[str]) -> None:
    script = load_text(WITH_SETTING)
    answers = {"purpose": "wisata", "intends_work": True, "birth_date": dt.date(1990, 1, 1)}
    session = InterviewSession(script, answers, today=TODAY)
    assert session.suspected_purpose is not None and session.suspected_purpose.id == "as_worker"
    session.answer("intends_work", False)
    assert session.suspected_purpose is None


def test_unknown_settings_and_weak_suspicions_are_refused_at_load_time() -> None:
    typo = WITH_SETTING.replace(
        "[disnaker_recommendation_required, no_recommendation_outcome]",
        "[disnaker_recomendation_required, no_recommendation_outcome]",
    )
    assert any(
        "unknown office setting 'disnaker_recomendation_required'" in p for p in problems_of(typo)
    )
    bad_choice = WITH_SETTING.replace(
        "no_recommendation_outcome = 'TOLAK'", "no_recommendation_outcome = 'TOLOK'"
    )
    assert any("'TOLOK' is not a choice" in p for p in problems_of(bad_choice))
    weak = WITH_SETTING.replace("flagged('admits_work')", "flagged('strict_office')")
    assert any("red flag 'strict_office' is too weak" in p for p in problems_of(weak))
    no_flag = WITH_SETTING.replace("flagged('admits_work')", "intends_work")
    assert any("must rest on red flags" in p for p in problems_of(no_flag))


def test_the_default_script_declares_its_suspected_purposes_on_strong_flags() -> None:
    script = load_file(DEFAULT_SCRIPT)
    assert "disnaker_recommendation_required" in script.office_settings
    ids = [p.id for p in script.suspected_purposes]
    assert ids[0] == "suspected_scam_work" and "suspected_online_partner" in ids
    # A Thailand trip alone suggests nothing (it did when the slip decided it in Python).
    assert not any("risky_transit_country" in p.when.flag_refs for p in script.suspected_purposes)
