"""`interview-app simulate` on the default script with the answer sets in tests/fixtures/answers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from interview_app.cli import main

from .conftest import DEFAULT_SCRIPT, FIXTURES

ANSWERS = FIXTURES / "answers"
WORK_SECTION_RULES = {
    "scam_job",
    "domestic_worker_middle_east",
    "fishing_crew",
    "employer_unknown",
    "salary_too_high",
    "contract_problem",
    "visa_not_work",
    "not_registered",
    "unlicensed_company",
}


def simulate(name: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert (
        main(["simulate", "--questionnaire", str(DEFAULT_SCRIPT), "--answers", str(ANSWERS / name)])
        == 0
    )
    return json.loads(capsys.readouterr().out)


def rules(result: dict[str, Any]) -> set[str]:
    return {flag["rule"] for flag in result["flags"]}


def test_tourist_visa_while_intending_to_work_is_a_hard_flag_and_referral(capsys) -> None:  # type: ignore[no-untyped-def]
    result = simulate("tourist_visa_work.json", capsys)
    assert "visa_not_work" in rules(result) and result["hard_flag"]
    flag = next(f for f in result["flags"] if f["rule"] == "visa_not_work")
    assert flag["hard"] and flag["reason"]["id"] and flag["reason"]["en"]
    assert result["suggested_outcome"]["code"] in ("TUNDA_RUJUK_BP3MI", "RUJUK_APH")
    assert result["suggested_outcome"]["refers_bp3mi"]


def test_a_seventeen_year_old_going_to_work_is_a_hard_flag(capsys) -> None:  # type: ignore[no-untyped-def]
    result = simulate("minor_17.json", capsys)
    assert {"child_work", "child_unaccompanied"} <= rules(result) and result["hard_flag"]
    assert result["suggested_outcome"]["code"] in ("TUNDA_RUJUK_BP3MI", "RUJUK_APH")


def test_a_clean_procedural_worker_continues(capsys) -> None:  # type: ignore[no-untyped-def]
    result = simulate("clean_procedural_worker.json", capsys)
    assert result["errors"] == []
    assert not result["hard_flag"] and result["score"] <= 3
    assert result["suggested_outcome"]["code"] == "TERBIT"
    assert "job_type" in result["asked"] and "visa_type" in result["asked"]


def test_scam_recruitment_to_cambodia_goes_to_law_enforcement(capsys) -> None:  # type: ignore[no-untyped-def]
    result = simulate("scam_cambodia.json", capsys)
    assert {"scam_country", "scam_job", "told_to_lie", "individual_recruiter"} <= rules(result)
    assert result["suggested_outcome"]["code"] == "RUJUK_APH"


def test_changing_purpose_from_work_to_tourism_removes_the_work_section_flags(
    capsys, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    as_tourist = simulate("work_changed_to_tourism.json", capsys)
    assert not rules(as_tourist) & WORK_SECTION_RULES
    assert "job_type" not in as_tourist["asked"] and "job_type" in as_tourist["ignored_answers"]
    document = json.loads((ANSWERS / "work_changed_to_tourism.json").read_text(encoding="utf-8"))
    document["answers"]["purpose"] = "kerja"
    as_worker_file = tmp_path / "as_worker.json"
    as_worker_file.write_text(json.dumps(document), encoding="utf-8")
    assert (
        main(["simulate", "--questionnaire", str(DEFAULT_SCRIPT), "--answers", str(as_worker_file)])
        == 0
    )
    as_worker = json.loads(capsys.readouterr().out)
    assert rules(as_worker) & WORK_SECTION_RULES


def test_questions_asked_follow_the_script_order(capsys) -> None:  # type: ignore[no-untyped-def]
    result = simulate("clean_procedural_worker.json", capsys)
    # The data-protection notice is read out before the NIK is asked (UU 27/2022).
    assert result["asked"][:2] == ["privacy_notice", "nik"]
    assert result["asked"].index("purpose") < result["asked"].index("job_type")


def test_bad_answer_file_is_refused_with_exit_1(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "interview_app",
            "simulate",
            "--questionnaire",
            str(DEFAULT_SCRIPT),
            "--answers",
            str(broken),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (
        result.returncode == 1
        and "bukan JSON" in result.stderr
        and "not valid JSON" in result.stderr
    )
    shapeless = tmp_path / "shapeless.json"
    shapeless.write_text("[1, 2]", encoding="utf-8")
    assert (
        main(["simulate", "--questionnaire", str(DEFAULT_SCRIPT), "--answers", str(shapeless)]) == 1
    )


def test_missing_arguments_are_a_usage_error() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "interview_app", "simulate"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2 and "usage" in result.stderr
