"""Benchmark figures of USB sync: export and import against a bare row copy plus AES-GCM."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from interview_app.bench.harness import (
    BenchContext,
    Figure,
    figure,
    new_station,
    office_key,
    open_bench_database,
    page_key,
)
from interview_app.demo import create_demo_office
from interview_app.storage.audit import AuditLog
from interview_app.storage.baselines import copy_package_rows
from interview_app.storage.bulk import replicate_exported_interviews
from interview_app.sync.container import CHUNK_SIZE
from interview_app.sync.export import export_package
from interview_app.sync.importer import apply_package

TODAY = dt.date(2026, 11, 28)


def _interviews(context: BenchContext) -> int:
    return context.size(100_000, 10_000, 60)


def _source(context: BenchContext) -> Path:
    return source_office(context, _interviews(context))


def source_office(context: BenchContext, target: int) -> Path:
    """Station A: the demo office's interviews (up to 200) copied under new uuids up to the
    size asked, each copy with its answers, flags, revisions and two audit entries. Built once
    (and kept in the bench's cache)."""
    return context.dataset(f"sync-source-{target}", lambda folder: _build_source(folder, target))


def _build_source(data_dir: Path, target: int) -> None:
    create_demo_office(data_dir, count=min(200, target), today=TODAY)
    database = open_bench_database(data_dir)
    try:
        found = office_key(data_dir)
        replicate_exported_interviews(database, AuditLog(database, found[1]), target)
    finally:
        database.close()


def _empty_station(context: BenchContext, source: Path) -> Path:
    """Station B's template: same office and key, no interviews."""
    template = context.workdir / "station-b-template"
    if template.exists():
        return template
    found = office_key(source)
    new_station(template, found[0], found[1], "Loket 2")
    return template


def _fresh_copy(template: Path, where: Path) -> Path:
    if where.exists():
        shutil.rmtree(where)
    shutil.copytree(template, where)
    return where


def _bare_copy(
    source: Path, empty: Path, workdir: Path, package_bytes: bytes
) -> Callable[[], Callable[[], None]]:
    """Prepare (untimed) then run (timed): the same rows read from A and written into a fresh
    database of the same schema in one transaction, plus AES-256-GCM over as many bytes as the
    package has, in chunks of the same size."""
    aead = AESGCM(AESGCM.generate_key(bit_length=256))

    def prepare() -> Callable[[], None]:
        target = _fresh_copy(empty, workdir / "bare")

        def run() -> None:
            copy_package_rows(source, target, page_key(source))
            view = memoryview(package_bytes)
            for counter, offset in enumerate(range(0, len(view), CHUNK_SIZE)):
                aead.encrypt(counter.to_bytes(12, "big"), view[offset : offset + CHUNK_SIZE], b"")

        return run

    return prepare


def paired_prepared(
    ours: Callable[[], Callable[[], None]],
    bare: Callable[[], Callable[[], None]],
    repeat: int,
    warmup: int = 1,
) -> tuple[float, float]:
    """Medians of both, alternately; each run prepared untimed (fresh destinations). The
    first `warmup` pairs warm the caches and are not counted."""
    samples: tuple[list[float], list[float]] = ([], [])
    for index in range(repeat + warmup):
        for kind, prepare in enumerate((ours, bare)):
            run = prepare()
            start = time.perf_counter()
            run()
            if index >= warmup:
                samples[kind].append(time.perf_counter() - start)
    return statistics.median(samples[0]), statistics.median(samples[1])


def _export_once(source: Path, out: Path) -> Callable[[], Callable[[], None]]:
    def prepare() -> Callable[[], None]:
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)

        def run() -> None:
            database = open_bench_database(source)
            try:
                export_package(database, source, out, full=True)
            finally:
                database.close()

        return run

    return prepare


def _warmup(context: BenchContext) -> int:
    """An unmeasured pair first in quick runs; at 100,000 interviews and up a run takes tens
    of seconds and the untimed export of the package just before has warmed the source."""
    return 1 if context.quick and not context.smoke else 0


def _package(context: BenchContext, source: Path) -> Path:
    out = context.workdir / "package"
    _export_once(source, out)()()
    (path,) = out.glob("*.awsync")
    return path


@figure("export_ratio")
def export_ratio(context: BenchContext) -> Figure:
    source = _source(context)
    package = _package(context, source)
    empty = _empty_station(context, source)
    bare = _bare_copy(source, empty, context.workdir, os.urandom(package.stat().st_size))
    value, baseline = paired_prepared(
        _export_once(source, context.workdir / "out"),
        bare,
        repeat=context.repeat(2, 3),
        warmup=_warmup(context),
    )
    return Figure(
        "export_ratio",
        value,
        baseline,
        "s",
        goal=2.0,
        detail=f"{_interviews(context):,} interviews with answers, full export incl. read-back "
        f"check, {package.stat().st_size / 1e6:.1f} MB package; baseline: the same rows copied "
        "into a fresh database + AES-256-GCM of as many bytes",
        sizes={"interviews": _interviews(context)},
    )


def measure_import(context: BenchContext, source: Path, station: Path) -> tuple[float, float, int]:
    """Medians of our import of a full package of `source` into a fresh copy of `station`
    (opened untimed, as the app has it open when an import starts: opening runs quick_check)
    and of the bare copy of the same rows into another copy; and how many interviews were new."""
    package = _package(context, source)
    bare = _bare_copy(source, station, context.workdir, os.urandom(package.stat().st_size))
    imported: list[int] = []

    def ours() -> Callable[[], None]:
        target = _fresh_copy(station, context.workdir / "station-b")
        database = open_bench_database(target)

        def run() -> None:
            try:
                imported.append(apply_package(database, target, package).new)
            finally:
                database.close()

        return run

    value, baseline = paired_prepared(
        ours, bare, repeat=context.repeat(2, 3), warmup=_warmup(context)
    )
    return value, baseline, imported[-1]


@figure("import_ratio")
def import_ratio(context: BenchContext) -> Figure:
    source = _source(context)
    value, baseline, new = measure_import(context, source, _empty_station(context, source))
    if new < _interviews(context) * 0.9:
        raise RuntimeError(f"only {new} interviews were imported")
    return Figure(
        "import_ratio",
        value,
        baseline,
        "s",
        goal=2.0,
        detail=f"{new:,} interviews into an empty station (already open): check, plan, "
        "pre-import snapshot, one transaction, close; baseline: the same rows copied into a "
        "fresh database + AES-256-GCM of as many bytes",
        sizes={"interviews": new},
    )
