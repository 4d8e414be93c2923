"""The script checker: a good script loads; every problem in a bad one is reported with its line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_app.cli import main
from interview_app.questionnaire.loader import QuestionnaireError, load_data, load_file, load_text

from .conftest import DEFAULT_SCRIPT, FIXTURES

MINI = FIXTURES / "scripts" / "mini.yaml"


def problems_of(text: str) -> list[str]:
    with pytest.raises(QuestionnaireError) as info:
        load_text(text, "naskah.yaml")
    return [str(p) for p in info.value.problems]


def test_mini_script_loads_with_its_parts() -> None:
    script = load_file(MINI)
    assert script.id == "mini" and script.version == 1
    assert [s.id for s in script.sections] == ["A", "B", "C"]
    assert script.questions["destination"].choice("KH").label.en == "Cambodia"
    assert script.questions["job"].choice("pabrik").group == "legal"
    assert script.constants["scam_countries"] == ["KH", "MM"]
    assert len(script.content_hash) == 64


def test_default_script_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["questionnaire", "check", str(DEFAULT_SCRIPT)]) == 0
    assert "OK" in capsys.readouterr().out


def test_three_mistakes_give_three_messages_each_with_its_line(tmp_path: Path) -> None:
    text = DEFAULT_SCRIPT.read_text(encoding="utf-8")
    lines = text.splitlines()
    # 1: a choice value that does not exist, 2: a missing English translation,
    # 3: a reference to a question that does not exist.
    purpose_line = next(i for i, line in enumerate(lines) if "purpose = 'kerja'" in line)
    lines[purpose_line] = lines[purpose_line].replace("purpose = 'kerja'", "purpose = 'kerjaa'", 1)
    label_line = next(
        i
        for i, line in enumerate(lines)
        if "label:" in line and "en:" in line and i > purpose_line + 5
    )
    lines[label_line] = (
        lines[label_line].split(", en:")[0] + "}"
        if ", en:" in lines[label_line]
        else lines[label_line]
    )
    when_line = next(
        i for i, line in enumerate(lines) if line.strip().startswith("when:") and "age" in line
    )
    lines[when_line] = lines[when_line].replace("age", "agee", 1)
    broken = tmp_path / "rusak.yaml"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = subprocess.run(
        [sys.executable, "-m", "interview_app", "questionnaire", "check", str(broken)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    located = [line for line in result.stderr.splitlines() if line.startswith(f"{broken}:")]
    assert len(located) == 3, result.stderr
    reported_lines = sorted(int(line.split(":")[1]) for line in located)
    # Each message names a line at or just above the edit (the item that holds the mistake).
    for expected in sorted([purpose_line + 1, label_line + 1, when_line + 1]):
        assert any(0 <= expected - got <= 3 for got in reported_lines), (expected, reported_lines)
    assert "kerjaa" in result.stderr and "agee" in result.stderr and "'en'" in result.stderr


def test_every_kind_of_problem_is_reported_at_once() -> None:
    text = """\
id: bad
version: 1
title: {id: "Uji", en: "Test"}
outcome_codes:
  - {code: OK, label: {id: "Baik", en: "Fine"}}
sections:
  - id: A
    title: {id: "A", en: "A"}
    questions:
      - id: born
        type: date
        label: {id: "Lahir", en: "Born"}
      - id: born
        type: integer
        label: {id: "Dobel", en: "Twice"}
      - id: kids
        type: integer
        label: {id: "Anak"}
      - id: c1
        type: calculate
        calculate: "c2 + 1"
      - id: c2
        type: calculate
        calculate: "c1 + 1"
      - id: pick
        type: single
        label: {id: "Pilih", en: "Pick"}
        choices: nowhere
      - id: odd
        type: textbox
        label: {id: "Aneh", en: "Odd"}
risk_rules:
  - id: r1
    when: "born > 5"
    weight: 1
    reason: {id: "r", en: "r"}
  - id: r2
    when: "kids >= (1"
    weight: 1
    reason: {id: "r", en: "r"}
  - id: r3
    when: "ghost = 1"
    weight: 1
    reason: {id: "r", en: "r"}
outcome_rules:
  - outcome: NOPE
"""
    found = "\n".join(problems_of(text))
    assert "naskah.yaml:13:" in found and "ganda" in found and "duplicate id 'born'" in found
    assert "naskah.yaml:18:" in found and "missing 'en' translation" in found
    assert "cycle in calculations" in found
    assert "unknown choice list 'nowhere'" in found
    assert "unknown question type: 'textbox'" in found
    assert "naskah.yaml:33:" in found  # date compared with a number
    assert "naskah.yaml:38:" in found  # bad syntax
    assert "unknown name 'c1'" not in found  # a cycle is reported once, as a cycle
    assert "ghost" in found
    assert "outcome code 'NOPE' is not in outcome_codes" in found


def test_bad_yaml_reports_its_line() -> None:
    found = problems_of("id: x\nversion: 1\ntitle: [unclosed\n")
    assert len(found) == 1 and "naskah.yaml:" in found[0] and "YAML" in found[0]


def test_duplicate_yaml_key_is_a_problem() -> None:
    found = problems_of("id: x\nid: y\n")
    assert any(":2:" in p and "appears twice" in p for p in found)


def test_yaml_one_point_one_booleans_stay_text() -> None:
    text = MINI.read_text(encoding="utf-8").replace(
        "scam_countries: [KH, MM]", "scam_countries: [KH, NO, ON]"
    )
    with pytest.raises(QuestionnaireError) as refused:
        load_text(text)
    # NO (Norway) stays the text "NO"; ON is no country and is reported, not read as true.
    assert [p.message.en for p in refused.value.problems] == [
        "'when': list 'scam_countries' holds 'ON', which is not a choice of 'destination' (column 16)"
    ]
    script = load_text(text.replace("[KH, NO, ON]", "[KH, NO]"))
    assert script.constants["scam_countries"] == ["KH", "NO"]


def test_unreadable_and_non_utf8_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(QuestionnaireError) as missing:
        load_file(tmp_path / "missing.yaml")
    assert "cannot be read" in str(missing.value.problems[0])
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("id: é\n".encode("latin-1"))
    with pytest.raises(QuestionnaireError) as not_utf8:
        load_file(latin)
    assert "UTF-8" in str(not_utf8.value.problems[0])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text_only_raises_the_loaders_error(text: str) -> None:
    try:
        load_text(text)
    except QuestionnaireError as error:
        assert error.problems and all(str(p) for p in error.problems)


json_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "version",
                    "title",
                    "sections",
                    "questions",
                    "type",
                    "label",
                    "en",
                    "choices",
                    "risk_rules",
                    "outcome_rules",
                    "when",
                    "outcome",
                    "constants",
                    "value",
                    "relevant",
                    "calculate",
                    "choice_lists",
                    "outcome_codes",
                    "code",
                    "weight",
                    "hard",
                    "reason",
                ]
            )
            | st.text(max_size=6),
            children,
            max_size=5,
        )
    ),
    max_leaves=30,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_like)
def test_arbitrary_structures_only_raise_the_loaders_error(data: object) -> None:
    try:
        load_data(data)
    except QuestionnaireError as error:
        assert error.problems


SHIPPED_REGENCIES = """id: regions
version: 1
title: {id: "Wilayah", en: "Regions"}
outcome_codes:
  - {code: LANJUT, label: {id: "Lanjut", en: "Continue"}}
choice_lists:
  regencies: {shipped: regencies}
sections:
  - id: A
    title: {id: "A", en: "A"}
    questions:
      - id: home_regency
        type: single
        identity: home_regency
        choices: regencies
        label: {id: "Kabupaten/kota asal", en: "Home regency/city"}
      - id: outside
        type: yes_no
        relevant: "not (home_regency in ['7201', '7271'])"
        label: {id: "Luar", en: "Outside"}
outcome_rules:
  - {outcome: LANJUT}
"""


def test_a_script_can_take_every_regency_from_the_shipped_list() -> None:
    script = load_text(SHIPPED_REGENCIES)
    question = script.questions["home_regency"]
    assert len(question.choices) == 514
    palu = question.choice("7271")
    assert palu is not None and palu.label.id == "Kota Palu" and palu.group == "72"
    surabaya = question.choice("3578")
    assert surabaya is not None and surabaya.label.en == "Kota Surabaya"
    assert question.choice("9101") is None  # a former NIK code is not today's regency


def test_an_unknown_shipped_list_is_a_problem() -> None:
    text = SHIPPED_REGENCIES.replace("{shipped: regencies}", "{shipped: villages}")
    (problem,) = problems_of(text)
    assert ":7:" in problem and "villages" in problem and "regencies" in problem
    text = SHIPPED_REGENCIES.replace("{shipped: regencies}", "{shipped: regencies, x: 1}")
    assert any("'x'" in p for p in problems_of(text))


def test_the_default_scripts_regency_question_takes_applicants_from_anywhere() -> None:
    from datetime import date

    from interview_app.interview.engine import InterviewSession

    script = load_file(DEFAULT_SCRIPT)
    session = InterviewSession(script, office_province="72", today=date(2026, 8, 1))
    # Kota Palu, Aceh Selatan, Kota Jayapura, Kota Surabaya.
    for code in ("7271", "1101", "9171", "3578"):
        assert session.answer("home_regency", code).saved, code
    assert session.identity_fields()["home_regency"] == "3578"  # Kota Surabaya
    assert not session.answer("home_regency", "lainnya").saved  # no "outside" catch-all now
