"""Figures, their registry, timing helpers, and the table/JSON report of a benchmark run."""

from __future__ import annotations

import json
import os
import platform
import shutil
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interview_app.storage.database import Database

# `bench --scale`: the storage figures, each at these numbers of interviews. The look-ups run
# on bare interview rows up to 1,000,000; the figures over whole interviews (answers, flags,
# revisions, audit entries: about 7 KB each on disk) stop at 100,000, since 1,000,000 of them
# make a 7 GB file that takes longer to build and read than a bench run should.
SCALE_SIZES = (10_000, 100_000, 1_000_000)
SCALE_FIGURES: dict[str, tuple[int, ...]] = {
    "nik_lookup_ratio": SCALE_SIZES,
    "name_search_ratio": SCALE_SIZES,
    "home_search_ratio": SCALE_SIZES,
    "recap_ratio": SCALE_SIZES[:2],
    "db_check_ratio": SCALE_SIZES[:2],
    "export_ratio": SCALE_SIZES[:2],
}
# Bump when a generated data set changes shape, so that a cache of the old one is not reused.
DATA_VERSION = 1


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
    # The data sizes the figure was measured at, e.g. {"interviews": 100000}.
    sizes: dict[str, int] = field(default_factory=dict)

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
    """How big and how often: `smoke` (the test suite: tiny sizes, one repeat, no warm-up),
    `quick` (smaller data sets), or the full run. `cache` keeps generated data sets between
    runs (read-only templates: a figure that writes works on a copy)."""

    quick: bool
    workdir: Path
    smoke: bool = False
    cache: Path | None = None
    # `bench --scale`: the number of interviews every storage figure is measured at.
    interviews: int | None = None

    def size(self, full: int, quick: int, smoke: int) -> int:
        if self.interviews is not None:
            return self.interviews
        return smoke if self.smoke else quick if self.quick else full

    def repeat(self, full: int, quick: int) -> int:
        return 1 if self.smoke else quick if self.quick else full

    def warmup(self, normal: int) -> int:
        return 0 if self.smoke else normal

    def dataset(self, name: str, build: Callable[[Path], object]) -> Path:
        """A generated data folder, built once by `build(folder)` and kept in the cache (or,
        without one, for this run). Its name carries the generator's version, the schema
        version and the password cost in effect, so a changed generator builds anew. A build
        that did not finish leaves no marker and is thrown away the next time."""
        from interview_app.storage import passwords
        from interview_app.storage.schema import SCHEMA

        scrypt_n = passwords.SCRYPT_N  # lowered only by the test suite's seam

        root = self.cache if self.cache is not None else self.workdir.parent
        folder = root / f"{name}-d{DATA_VERSION}-s{SCHEMA.version}-n{scrypt_n}"
        marker = folder / "bench-dataset-complete"
        if marker.exists():
            return folder
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        build(folder)
        marker.write_text("ok\n", encoding="utf-8")
        return folder

    def copy_of(self, template: Path, name: str) -> Path:
        """A fresh copy of a data set (without its marker) under this figure's workdir."""
        target = self.workdir / name
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(template, target, ignore=shutil.ignore_patterns("bench-dataset-complete"))
        return target


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


def registered_so_far() -> dict[str, Measure]:
    """The figures of the modules imported until now (bench/figures.py imports them all)."""
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


def render_scale_table(measured: list[tuple[int | None, Figure]]) -> str:
    """One row per figure, one column per size: the value (unit) and the ratio."""
    sizes = sorted({size for size, _ in measured if size is not None})
    by_name: dict[str, dict[int, Figure]] = {}
    for size, f in measured:
        if size is not None:
            by_name.setdefault(f.name, {})[size] = f
    header = ["figure", "unit", *(f"{size:,} (value / ratio)" for size in sizes), "goal"]
    rows = [header]
    for name, per_size in by_name.items():
        some = next(iter(per_size.values()))
        cells = [
            f"{per_size[size].value:.4g} / {per_size[size].ratio:.2f}" if size in per_size else "-"
            for size in sizes
        ]
        rows.append([name, some.unit, *cells, "" if some.goal is None else f"≤ {some.goal}"])
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


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


def _version(*distributions: str) -> str:
    for distribution in distributions:
        try:
            return metadata.version(distribution)
        except metadata.PackageNotFoundError:
            continue
    return "not installed"


def machine() -> dict[str, object]:
    """What the figures were measured on (the ratios travel better than the values)."""
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {
        "cores": os.cpu_count(),
        "os": platform.platform(),
        "python": sys.version.split()[0],
        "pyside6": _version("PySide6", "PySide6_Essentials"),
        "sqlite": sqlite3.sqlite_version,
        "load_average_1_5_15": [round(x, 2) for x in load] if load else None,
    }


def write_json(
    measured: list[tuple[int | None, Figure]],
    path: Path,
    *,
    mode: str,
    machine_info: dict[str, object],
) -> None:
    """`{"machine": {...}, "mode": ..., "figures": {name: {value, baseline, unit, goal, detail,
    sizes, ratio}}}`; in --scale mode each name carries its size (`nik_lookup_ratio@100000`)."""
    data = {
        "machine": machine_info,
        "mode": mode,
        "figures": {
            (f.name if size is None else f"{f.name}@{size}"): f.as_json() for size, f in measured
        },
    }
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


# -- the bench's own data folders, opened as a signed-in session holds them ---------------------

_UNWRAPPED: dict[tuple[str, bytes], tuple[str, bytes]] = {}


def office_key(data_dir: Path) -> tuple[str, bytes]:
    """(office code, office key) of a data folder the bench made: an encrypted one's (as the
    app makes them) unwrapped from the demo supervisor's key slot, as a sign-in does, once per
    key slots file (a copy of a folder has the same); a plaintext one's from office.key."""
    from interview_app.demo import DEMO_ACCOUNTS
    from interview_app.storage.keys import read_office_key
    from interview_app.storage.keyslots import KeySlots, keyslots_path
    from interview_app.storage.unlock import folder_is_encrypted

    data_dir = Path(data_dir)
    if not folder_is_encrypted(data_dir):
        found = read_office_key(data_dir)
        if found is None:
            raise RuntimeError(f"no office key in {data_dir}")
        return found
    slots = KeySlots(data_dir)
    cache_key = (str(slots.office_code), keyslots_path(data_dir).read_bytes())
    if cache_key not in _UNWRAPPED:
        supervisor = DEMO_ACCOUNTS[0]
        key = slots.unlock_account(supervisor.username, supervisor.password)
        _UNWRAPPED[cache_key] = (str(slots.office_code), key)
    return _UNWRAPPED[cache_key]


def page_key(data_dir: Path) -> bytes | None:
    """The page key of the folder's database; None for a plaintext one."""
    from interview_app.storage.cipher import database_key
    from interview_app.storage.unlock import folder_is_encrypted

    if not folder_is_encrypted(Path(data_dir)):
        return None
    return database_key(office_key(data_dir)[1])


def open_bench_database(data_dir: Path) -> Database:
    """The folder's database, opened by an Office with its key as a signed-in session holds it
    (the code handed the database finds the office key there: Office.of). Close the database
    when done."""
    from interview_app.storage.office import Office
    from interview_app.storage.unlock import folder_is_encrypted

    key = office_key(data_dir) if folder_is_encrypted(Path(data_dir)) else None
    return Office.open(Path(data_dir), key=key).database


def new_station(data_dir: Path, office_code: str, key: bytes, name: str) -> None:
    """Another workstation of the office: a new encrypted database under the same key, with
    the office code, the workstation's name and the demo supervisor (whose key slot opens it
    and its copies, see office_key), closed."""
    from interview_app.demo import DEMO_ACCOUNTS
    from interview_app.storage.office import Office

    supervisor = DEMO_ACCOUNTS[0]
    with Office.create(Path(data_dir), office_code, key=key) as office:
        office.settings.set("office_code", office_code)
        office.settings.set("workstation_name", name)
        office.officers().create(
            supervisor.username,
            supervisor.full_name,
            supervisor.nip,
            supervisor.role,
            supervisor.password,
        )
