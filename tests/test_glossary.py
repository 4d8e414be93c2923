"""The script and the slip follow docs/glossary.md: the words it rules out do not appear."""

from __future__ import annotations

import re
from pathlib import Path

from interview_app.questionnaire.loader import load_file

from .conftest import DEFAULT_SCRIPT, ROOT

# From the glossary's "Not to use" column (Indonesian texts).
RULED_OUT = re.compile(
    r"\b(skrip|kuesioner|bendera|nonprosedural|non prosedural|inprosedural|tidak prosedural|TKI|TKW)\b",
    re.IGNORECASE,
)


def _texts(path: Path) -> list[str]:
    script = load_file(path)
    texts = [script.title.id]
    for question in script.questions.values():
        for message in (question.label, question.hint, question.constraint_message):
            if message is not None:
                texts.append(message.id)
        texts += [choice.label.id for choice in question.choices]
    texts += [rule.reason.id for rule in script.risk_rules]
    texts += [rule.explain.id for rule in script.outcome_rules if rule.explain]
    texts += [purpose.label.id for purpose in script.suspected_purposes]
    return texts


def test_the_default_script_uses_the_glossary_words() -> None:
    assert [t for t in _texts(DEFAULT_SCRIPT) if RULED_OUT.search(t)] == []


def test_the_slip_templates_use_the_glossary_words() -> None:
    for template in sorted((ROOT / "resources" / "slip").glob("*.j2")):
        found = RULED_OUT.findall(template.read_text(encoding="utf-8"))
        assert found == [], (template.name, found)


def test_the_glossary_names_the_fixed_choices() -> None:
    glossary = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    for word in ("naskah", "petugas", "pemohon", "rujukan", "tanda bahaya berat", "non-prosedural"):
        assert word in glossary
    assert "BENDERA BERAT" in glossary  # listed as a word not to use
