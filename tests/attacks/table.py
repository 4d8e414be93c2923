"""The attack table in docs/attacks.md, kept truthful by the tests that produce its numbers.

Each attack test calls record(class, tried, refused, lost): the row in docs/attacks.md must say
exactly that, or the test fails. `ATTACKS_UPDATE_DOC=1` rewrites the row instead (then commit
the file)."""

from __future__ import annotations

import os
import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "attacks.md"
UPDATE = os.environ.get("ATTACKS_UPDATE_DOC") == "1"


def row_text(attack_class: str, tried: int, refused: int, lost: int) -> str:
    return f"| {attack_class} | {tried} | {refused} | {lost} |"


def record(attack_class: str, tried: int, refused: int, lost: int) -> None:
    """Check (or with ATTACKS_UPDATE_DOC=1 write) the table row for `attack_class`."""
    text = DOC.read_text(encoding="utf-8")
    wanted = row_text(attack_class, tried, refused, lost)
    pattern = re.compile(rf"^\| {re.escape(attack_class)} \|[^\n]*$", re.MULTILINE)
    found = pattern.search(text)
    if UPDATE:
        if found:
            text = text[: found.start()] + wanted + text[found.end() :]
        else:
            raise AssertionError(f"docs/attacks.md has no row for {attack_class!r}; add one")
        DOC.write_text(text, encoding="utf-8")
        return
    assert found is not None, f"docs/attacks.md has no row for {attack_class!r}"
    assert found.group(0) == wanted, (
        f"docs/attacks.md says {found.group(0)!r}, the test found {wanted!r} "
        "(run with ATTACKS_UPDATE_DOC=1 to rewrite it)"
    )
