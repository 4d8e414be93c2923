"""The default script decides realistic applicants the way practice does (docs/decisions.md)."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from interview_app.cli import main

from .decision_table import CASES_DIR, DOC, SCRIPT, Result, load_cases, render, run_all

PURPOSES = {
    "wisata",
    "umrah",
    "haji",
    "ziarah",
    "kunjungan_keluarga",
    "kerja",
    "magang",
    "studi",
    "menikah",
}


@pytest.fixture(scope="module")
def results() -> list[Result]:
    return run_all()[1]


def test_the_table_holds_at_least_forty_cases_each_with_its_answer_file() -> None:
    cases = load_cases()
    assert len(cases) >= 40
    assert len({case.name for case in cases}) == len(cases)
    files = {path.stem for path in CASES_DIR.glob("*.json")} - {"cases"}
    assert files == {case.name for case in cases}
    assert all(case.rationale.strip() for case in cases)


def test_every_case_gets_the_expected_outcome_hard_flags_and_suspected_purpose(
    results: list[Result],
) -> None:
    wrong = [
        f"{r.case.name}: {r.outcome} {list(r.hard_flags)} {r.suspected_purpose} "
        f"(expected {r.case.outcome} {list(r.case.hard_flags)} {r.case.suspected_purpose}; "
        f"errors {r.errors})"
        for r in results
        if not r.as_expected
    ]
    assert wrong == []


def test_the_table_covers_every_purpose_route_scam_country_and_outcome(
    results: list[Result],
) -> None:
    answers = [r.case.document()["answers"] for r in results]
    assert {a["purpose"] for a in answers} >= PURPOSES
    assert {a.get("route") for a in answers} >= {
        "direct",
        "via_batam",
        "via_nunukan",
        "via_entikong",
        "via_unofficial_boat",
        "via_thailand_land",
    }
    assert {a["destination"] for a in answers} >= {"KH", "MM", "LA", "TH", "PH", "AE", "VN"}
    assert set(Counter(r.outcome for r in results)) == {
        "TERBIT",
        "TUNDA_LENGKAPI",
        "TUNDA_RUJUK_BP3MI",
        "TOLAK",
        "RUJUK_APH",
    }
    minors = [a for a in answers if "minor_travels_with" in a]
    assert {a["minor_travels_with"] for a in minors} >= {"parents", "guardian", "non_family"}
    assert {a.get("placement_company_licensed") for a in answers} >= {"yes", "no"}
    assert {a.get("old_passport_status") for a in answers} >= {"lost", "damaged", "held_by_other"}
    assert {a.get("documents_holder") for a in answers} >= {"p3mi_processing", "individual"}


def test_a_case_runs_the_same_through_the_command_line(capsys) -> None:  # type: ignore[no-untyped-def]
    case = next(c for c in load_cases() if c.name == "procedural_no_recommendation_refused")
    assert main(["simulate", "--questionnaire", str(SCRIPT), "--answers", str(case.path)]) == 0
    output = json.loads(capsys.readouterr().out)
    assert output["suggested_outcome"]["code"] == "TOLAK"


def test_docs_decisions_md_is_current(results: list[Result]) -> None:
    questionnaire = run_all()[0]
    assert DOC.read_text(encoding="utf-8") == render(questionnaire, results), (
        "docs/decisions.md is out of date: run `python -m tests.decision_table`"
    )
