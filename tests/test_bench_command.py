"""`interview-app bench`: a measurement that breaks is named, the others are still printed and
written (the harness itself, with stand-in figures; the real ones run in the benchmark)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interview_app.bench.harness import BenchContext, Figure
from interview_app.cli import main
from interview_app.commands import bench


def _works(context: BenchContext) -> Figure:
    return Figure("works", 1.2, 1.0, "s", 1.5, "stand-in")


def _breaks(context: BenchContext) -> Figure:
    raise TimeoutError("the child process did not answer")


def test_a_broken_figure_is_named_and_the_rest_are_kept(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(bench, "registered", lambda: {"breaks": _breaks, "works": _works})
    out = tmp_path / "bench.json"
    assert main(["bench", "--quick", "--json", str(out)]) == 1
    captured = capsys.readouterr()
    assert "works" in captured.out and "1.20" in captured.out
    assert "breaks GAGAL / FAILED: TimeoutError" in captured.err
    assert json.loads(out.read_text(encoding="utf-8"))["works"]["ratio"] == 1.2
