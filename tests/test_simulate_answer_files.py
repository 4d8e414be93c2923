"""`interview-app simulate` answer files: steps in order, completeness, and every bad file refused
with exit 1 and a message in both languages (never a traceback)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from interview_app.cli import main
from interview_app.commands.simulate import MAX_ANSWER_FILE_BYTES

from .conftest import DEFAULT_SCRIPT, FIXTURES

ANSWERS = FIXTURES / "answers"
TOURIST = json.loads((ANSWERS / "work_changed_to_tourism.json").read_text(encoding="utf-8"))
WORK_RULES = {"visa_not_work", "not_registered", "unlicensed_company", "employer_unknown"}


def _write(tmp_path: Path, document: Any, name: str = "answers.json") -> Path:
    path = tmp_path / name
    text = document if isinstance(document, str) else json.dumps(document)
    path.write_text(text, encoding="utf-8")
    return path


def run_ok(path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert main(["simulate", "--questionnaire", str(DEFAULT_SCRIPT), "--answers", str(path)]) == 0
    return json.loads(capsys.readouterr().out)


def run_refused(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    code = main(["simulate", "--questionnaire", str(DEFAULT_SCRIPT), "--answers", str(path)])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out == ""  # nothing half-printed
    assert "Traceback" not in captured.err
    lines = captured.err.strip().splitlines()
    assert len(lines) == 2 and lines[0] != lines[1]  # Indonesian, then English
    return captured.err


def rules(result: dict[str, Any]) -> set[str]:
    return {flag["rule"] for flag in result["flags"]}


# --- good files ------------------------------------------------------------------------------


def test_a_full_file_says_the_interview_is_complete(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run_ok(ANSWERS / "work_changed_to_tourism.json", capsys)
    assert result["complete"] is True
    # An identity answer not given is listed, but it is not required.
    assert result["missing"] == [{"question": "kk", "required": False, "identity": "kk"}]
    assert result["refused"] == []
    assert result["today"] == "2026-11-28" and result["office_province"] == "72"


def test_steps_give_answers_in_order_and_a_later_step_changes_one(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    answers = dict(TOURIST["answers"])
    answers["purpose"] = "kerja"
    # Walked as a worker, then the applicant says it is a holiday after all, then work again.
    document = {"today": TOURIST["today"], "answers": answers, "steps": [["purpose", "wisata"]]}
    as_tourist = run_ok(_write(tmp_path, document), capsys)
    assert as_tourist["steps"] == [{"question": "purpose", "saved": True}]
    assert not rules(as_tourist) & WORK_RULES
    document["steps"] = [["purpose", "wisata"], ["purpose", "kerja"]]
    as_worker = run_ok(_write(tmp_path, document), capsys)
    assert rules(as_worker) & WORK_RULES
    # Steps alone, like the example: answers in the officer's order.
    steps_only = {
        "today": TOURIST["today"],
        "steps": [["purpose", "kerja"], ["destination", "KH"], ["purpose", "wisata"]],
    }
    result = run_ok(_write(tmp_path, steps_only), capsys)
    assert [s["saved"] for s in result["steps"]] == [True, True, True]
    assert result["asked"][:2] == ["purpose", "destination"]
    assert result["complete"] is False
    missing = {m["question"]: m for m in result["missing"]}
    assert missing["nik"] == {"question": "nik", "required": True, "identity": "nik"}
    assert missing["phone"]["identity"] == "phone"  # identity answers are listed too


def test_a_step_for_a_hidden_or_unknown_question_is_reported_not_kept(
    capsys, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    document = {
        "today": TOURIST["today"],
        "answers": TOURIST["answers"],
        "steps": [["job_type", "construction"], ["no_such_question", 1]],
    }
    result = run_ok(_write(tmp_path, document), capsys)
    assert result["steps"] == [
        {"question": "job_type", "saved": False},
        {"question": "no_such_question", "saved": False},
    ]
    errors = {e["question"]: e["message"]["en"] for e in result["errors"]}
    assert "not asked at this point" in errors["job_type"]
    assert "no such question" in errors["no_such_question"]
    assert result["complete"] is True  # the interview itself is whole


def test_refused_answers_make_the_interview_incomplete(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    answers = dict(TOURIST["answers"])
    answers["nik"] = "7202013001940000"  # serial 0000
    answers["phone"] = {"nested": "object"}
    del answers["full_name"]
    result = run_ok(_write(tmp_path, {"today": TOURIST["today"], "answers": answers}), capsys)
    assert result["complete"] is False
    refused = {r["question"]: r["messages"] for r in result["refused"]}
    assert set(refused) == {"nik", "phone"}
    assert "0000" in refused["nik"][0]["id"]
    assert "a list of values" in refused["phone"][0]["en"]
    assert {"question": "full_name", "required": True, "identity": "full_name"} in result["missing"]


def test_unconfirmed_warnings_are_refusals(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    answers = dict(TOURIST["answers"])
    answers["nik"] = "3578013001940007"  # Surabaya: outside the office's province, a warning
    document = {"today": TOURIST["today"], "answers": answers, "confirm_warnings": False}
    result = run_ok(_write(tmp_path, document), capsys)
    assert result["complete"] is False
    (nik,) = [r for r in result["refused"] if r["question"] == "nik"]
    assert "confirm_warnings" in nik["messages"][0]["en"]
    assert "Kota Surabaya, Jawa Timur" in nik["messages"][1]["id"]
    document["office_province"] = "Jawa Timur"  # a name works as well as a code
    assert run_ok(_write(tmp_path, document), capsys)["complete"] is True
    document["office_province"] = None  # no office province: nothing is outside it
    result = run_ok(_write(tmp_path, document), capsys)
    assert result["complete"] is True and result["office_province"] is None


# --- bad files -------------------------------------------------------------------------------


def test_a_misspelt_key_is_refused_rather_than_ignored(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    document = {"todya": "2026-11-28", "answers": TOURIST["answers"]}
    err = run_refused(_write(tmp_path, document), capsys)
    assert "todya" in err and "kunci tidak dikenal" in err and "unknown keys" in err


@pytest.mark.parametrize(
    ("document", "fragment"),
    [
        ({"today": "2026-11-28"}, "neither"),
        ({"answers": []}, '"answers" must be a JSON object'),
        ({"answers": {}, "today": "28-11-2026"}, "YYYY-MM-DD"),
        ({"answers": {}, "today": 20261128}, "YYYY-MM-DD"),
        ({"answers": {}, "confirm_warnings": "yes"}, "true or false"),
        ({"steps": {"purpose": "kerja"}}, "pairs"),
        ({"steps": [["purpose"]]}, "step 1"),
        ({"steps": [["purpose", "kerja"], [1, "x"]]}, "step 2"),
        ([1, 2], "JSON object"),
        ("null", "JSON object"),
    ],
)
def test_a_badly_shaped_file_is_refused(  # type: ignore[no-untyped-def]
    document: Any, fragment: str, capsys, tmp_path: Path
) -> None:
    assert fragment in run_refused(_write(tmp_path, document), capsys)


@pytest.mark.parametrize("province", ["Atlantis", "99", 72, ["72"], ""])
def test_an_unknown_office_province_is_refused(province: Any, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    document = {"office_province": province, "answers": TOURIST["answers"]}
    err = run_refused(_write(tmp_path, document), capsys)
    assert "office_province" in err and "bukan provinsi" in err and "not a known province" in err


def test_deeply_nested_json_is_refused_without_a_traceback(tmp_path: Path) -> None:
    deep = _write(tmp_path, '{"answers": {"nik": ' + "[" * 100_000 + "]" * 100_000 + "}}")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "interview_app",
            "simulate",
            "--questionnaire",
            str(DEFAULT_SCRIPT),
            "--answers",
            str(deep),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "bersarang terlalu dalam" in result.stderr and "nested too deeply" in result.stderr


def test_nesting_within_the_limit_is_a_refused_answer_not_a_crash(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    answers = dict(TOURIST["answers"])
    answers["full_name"] = json.loads("[" * 200 + "]" * 200)
    result = run_ok(_write(tmp_path, {"today": TOURIST["today"], "answers": answers}), capsys)
    assert [r["question"] for r in result["refused"]] == ["full_name"]


def test_a_file_too_large_is_refused_before_it_is_read(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    big = tmp_path / "big.json"
    with big.open("w", encoding="utf-8") as f:
        f.write('{"answers": {"notes": "')
        f.write("x" * MAX_ANSWER_FILE_BYTES)
        f.write('"}}')
    err = run_refused(big, capsys)
    assert "terlalu besar" in err and "too large" in err and "1024 KiB" in err


def test_a_missing_or_undecodable_file_is_refused(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert "cannot be read" in run_refused(tmp_path / "absent.json", capsys)
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"answers": {"full_name": "Andrés"}}'.encode("latin-1"))
    assert "not valid JSON" in run_refused(latin, capsys)
