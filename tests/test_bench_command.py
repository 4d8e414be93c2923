"""`interview-app bench`: every figure can be measured (the smoke run, tiny data, one repeat: no
time is asserted, only that each figure produced a number); a measurement that breaks is
named, the others are still printed and written."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from interview_app.bench.figures import registered
from interview_app.bench.harness import SLOW, BenchContext, Figure
from interview_app.cli import main
from interview_app.commands import bench

ROOT = Path(__file__).resolve().parent.parent


def _works(context: BenchContext) -> Figure:
    return Figure("works", 1.2, 1.0, "s", 1.5, "stand-in", sizes={"interviews": 3})


def _breaks(context: BenchContext) -> Figure:
    raise TimeoutError("the child process did not answer")


def test_a_broken_figure_is_named_and_the_rest_are_kept(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(bench, "registered", lambda: {"breaks": _breaks, "works": _works})
    out = tmp_path / "bench.json"
    assert main(["bench", "--quick", "--no-cache", "--json", str(out)]) == 1
    captured = capsys.readouterr()
    assert "works" in captured.out and "1.20" in captured.out
    assert "breaks GAGAL / FAILED: TimeoutError" in captured.err
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written["figures"]["works"]["ratio"] == 1.2
    assert written["figures"]["works"]["sizes"] == {"interviews": 3}
    assert written["mode"] == "quick"
    assert {"cores", "os", "python", "pyside6", "sqlite"} <= set(written["machine"])


def test_the_scale_table_has_a_column_per_size(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def grows(context: BenchContext) -> Figure:
        size = context.size(0, 0, 0)
        return Figure("grows", size / 1000, 1.0, "ms", 3.0, sizes={"interviews": size})

    monkeypatch.setattr(bench, "registered", lambda: {"grows": grows})
    out = tmp_path / "scale.json"
    assert main(["bench", "--scale", "--only", "grows", "--no-cache", "--json", str(out)]) == 0
    table = capsys.readouterr().out
    assert "10,000 (value / ratio)" in table and "1,000,000 (value / ratio)" in table
    assert "10 / 10.00" in table and "1000 / 1000.00" in table
    figures = json.loads(out.read_text(encoding="utf-8"))["figures"]
    assert figures["grows@100000"]["value"] == 100


def test_every_figure_is_measured_in_the_smoke_run(tmp_path: Path) -> None:
    """The whole benchmark as `interview-app bench --smoke` runs it: each figure's programs
    start the app the way an officer's start does, so a start that breaks fails here."""
    out = tmp_path / "smoke.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "interview_app",
            "bench",
            "--smoke",
            "--cache",
            str(tmp_path / "cache"),
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    figures = json.loads(out.read_text(encoding="utf-8"))["figures"]
    expected = set(registered()) - SLOW
    assert set(figures) == expected
    for name, data in figures.items():
        for field in ("value", "baseline", "ratio"):
            assert isinstance(data[field], float | int) and math.isfinite(data[field]), (name, data)
            assert data[field] > 0, (name, field, data)
        assert data["sizes"], name
