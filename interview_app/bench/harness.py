"""Figures, their registry, timing helpers, and the table/JSON report of a benchmark run."""

from __future__ import annotations

import importlib
import json
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

# Modules that hold figures; each defines functions decorated with @figure.
FIGURE_MODULES = (
    "interview_app.bench.storage_figures",
    "interview_app.bench.sync_figures",
    "interview_app.bench.slip_figures",
    "interview_app.bench.ui_figures",
    "interview_app.bench.release_figures",
)


@dataclass(frozen=True)
class Figure:
    """One measured figure: `value` against `baseline` (same unit), ratio = value / baseline.
    `goal` is the ratio the issue asks for (at most)."""

    name: str
    value: float
    baseline: float
    unit: str
    goal: float | None = None
    detail: str = ""

    @property
    def ratio(self) -> float:
        return self.value / self.baseline if self.baseline else float("inf")

    def as_json(self) -> dict[str, object]:
        data = asdict(self)
        data.pop("name")
        data["ratio"] = round(self.ratio, 3)
        return data


@dataclass(frozen=True)
class BenchContext:
    quick: bool
    workdir: Path


Measure = Callable[[BenchContext], Figure]
_REGISTRY: dict[str, Measure] = {}
# Figures that take many minutes (two PyInstaller builds): run only when named with --only.
SLOW: set[str] = set()


def figure(name: str, *, slow: bool = False) -> Callable[[Measure], Measure]:
    def register(function: Measure) -> Measure:
        _REGISTRY[name] = function
        if slow:
            SLOW.add(name)
        return function

    return register


def registered() -> dict[str, Measure]:
    for module in FIGURE_MODULES:
        importlib.import_module(module)
    return dict(_REGISTRY)


def median_seconds(action: Callable[[], object], *, repeat: int, warmup: int = 3) -> float:
    """Median wall time of `action` over `repeat` runs, after `warmup` unmeasured runs."""
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def paired_median_seconds(
    action: Callable[[], object], baseline: Callable[[], object], *, repeat: int, warmup: int = 3
) -> tuple[float, float]:
    """Medians of `action` and `baseline` timed alternately, so that drift in the machine's
    load or the disk's cache touches both figures alike."""
    for _ in range(warmup):
        action()
        baseline()
    ours: list[float] = []
    bare: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        middle = time.perf_counter()
        baseline()
        ours.append(middle - start)
        bare.append(time.perf_counter() - middle)
    return statistics.median(ours), statistics.median(bare)


def render_table(figures: list[Figure]) -> str:
    rows = [("figure", "value", "baseline", "unit", "ratio", "goal", "")]
    for f in figures:
        verdict = "" if f.goal is None else ("ok" if f.ratio <= f.goal else "OVER GOAL")
        rows.append(
            (
                f.name,
                f"{f.value:.4g}",
                f"{f.baseline:.4g}",
                f.unit,
                f"{f.ratio:.2f}",
                "" if f.goal is None else f"≤ {f.goal}",
                verdict,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    details = [f"  {f.name}: {f.detail}" for f in figures if f.detail]
    return "\n".join(lines + ([""] + details if details else []))


def write_json(figures: list[Figure], path: Path) -> None:
    path.write_text(
        json.dumps({f.name: f.as_json() for f in figures}, indent=2) + "\n", encoding="utf-8"
    )
