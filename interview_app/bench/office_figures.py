"""Benchmark figures of the work that grows with an office's years: the monthly recap, the
retention purge, `db check`, and an import into a station that already holds many interviews;
each against the same work in plain SQL measured in the same run."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path

from interview_app.bench.harness import (
    BenchContext,
    Figure,
    figure,
    new_station,
    office_key,
    open_bench_database,
    page_key,
    paired_median_seconds,
)
from interview_app.bench.storage_figures import fill_bare_interviews
from interview_app.bench.sync_figures import (
    TODAY,
    _fresh_copy,
    measure_import,
    paired_prepared,
    source_office,
)
from interview_app.storage.audit import AuditLog
from interview_app.storage.baselines import (
    RECAP_QUERIES,
    delete_interviews_before,
    integrity_check,
    open_plain,
    recap_counts,
)
from interview_app.storage.bulk import created_at_rank
from interview_app.storage.database import Database
from interview_app.storage.office import Office
from interview_app.storage.officers import OfficerRepository
from interview_app.storage.paths import database_path


def _office_size(context: BenchContext) -> int:
    return context.size(100_000, 10_000, 60)


def _supervisor_id(database: Database, data_dir: Path) -> int:
    """The first active supervisor's account."""
    found = office_key(data_dir)
    officers = OfficerRepository(database, AuditLog(database, found[1]))
    return next(o.id for o in officers.list(include_inactive=False) if o.is_supervisor)


@figure("recap_ratio")
def recap_ratio(context: BenchContext) -> Figure:
    """The supervisor's monthly recap as a PDF with its charts (counts by SQL, labels, layout)
    against the same GROUP BY queries in plain SQL, fetched and nothing else."""
    from interview_app.reports.recap import Period, build_recap
    from interview_app.reports.recap_pdf import render_recap_pdf

    size = _office_size(context)
    data_dir = source_office(context, size)
    period = Period.of(TODAY - dt.timedelta(days=29), TODAY, dt.timezone(dt.timedelta(hours=8)))
    database = open_bench_database(data_dir)
    try:
        in_month = build_recap(database, period).totals.completed
        conn = open_plain(data_dir, page_key(data_dir))
        try:
            value, baseline = paired_median_seconds(
                lambda: render_recap_pdf(build_recap(database, period)),
                lambda: recap_counts(conn, period.bounds),
                repeat=context.repeat(5, 3),
                warmup=context.warmup(1),
            )
        finally:
            conn.close()
    finally:
        database.close()
    return Figure(
        "recap_ratio",
        value,
        baseline,
        "s",
        goal=3.0,
        detail=f"{size:,} interviews in the office, {in_month:,} completed in the month "
        f"{period.start}..{period.end}; ours: build_recap + PDF with charts; baseline: the "
        f"{len(RECAP_QUERIES)} GROUP BY queries in plain SQL",
        sizes={"interviews": size, "in_period": in_month},
    )


@figure("purge_ratio")
def purge_ratio(context: BenchContext) -> Figure:
    """The supervisor's retention purge (dry run, then the purge in one transaction with its
    audit entry and the WAL emptied) of the oldest 10,000 of 100,000 interviews (quick: 1,000
    of 10,000), against a bare DELETE of the same interviews whose foreign keys cascade to
    their answers, flags and revisions, on the project's connection settings
    (secure_delete on, as the purge needs)."""
    from interview_app.storage.clock import FixedClock
    from interview_app.storage.office_settings import OfficeSettings
    from interview_app.supervision.retention import Retention
    from interview_app.supervision.session import SupervisorSession

    size = _office_size(context)
    template = source_office(context, size)
    cutoff = created_at_rank(template, size // 10, page_key(template))
    purged: list[int] = []

    def ours() -> Callable[[], None]:
        data_dir = _fresh_copy(template, context.workdir / "ours")
        # Opened untimed, as the supervisor's app has it open (opening runs quick_check)
        # with the supervisor signed in.
        office = Office.open(data_dir, key=office_key(data_dir))
        database = office.database
        supervisor = _supervisor_id(database, data_dir)

        def run() -> None:
            try:
                years = OfficeSettings(database).retention_years
                when = dt.datetime.fromisoformat(cutoff)
                clock = FixedClock(when.replace(year=when.year + years))
                office.clock = clock
                session = SupervisorSession.open(office, supervisor)
                retention = Retention(session)
                result = retention.purge(retention.plan())
                purged.append(result.interviews)
            finally:
                database.close()

        return run

    def bare() -> Callable[[], None]:
        data_dir = _fresh_copy(template, context.workdir / "bare")
        return lambda: delete_interviews_before(data_dir, cutoff, page_key(data_dir))

    value, baseline = paired_prepared(
        ours, bare, repeat=context.repeat(3, 3), warmup=context.warmup(1)
    )
    return Figure(
        "purge_ratio",
        value,
        baseline,
        "s",
        goal=2.0,
        detail=f"{purged[-1]:,} of {size:,} interviews purged with their answers, flags and "
        "revisions; ours (database already open): dry run + purge + audit entry + WAL "
        "checkpoint + close; baseline: one DELETE with cascading foreign keys, same connection "
        "settings, + close",
        sizes={"interviews": size, "purged": purged[-1]},
    )


@figure("db_check_ratio")
def db_check_ratio(context: BenchContext) -> Figure:
    """`db check` (integrity, foreign keys, schema version, the audit chain's every link)
    against SQLite's bare integrity_check pragma on the same file."""
    from interview_app.storage.maintenance import check

    size = _office_size(context)
    data_dir = source_office(context, size)
    path = database_path(data_dir)
    reports = []
    key, found = page_key(data_dir), office_key(data_dir)
    value, baseline = paired_median_seconds(
        lambda: reports.append(check(data_dir, key=key, office_key=found)),
        lambda: integrity_check(data_dir, key),
        repeat=context.repeat(3, 3),
        warmup=context.warmup(1),
    )
    if not reports[-1].ok:
        raise RuntimeError(f"db check found problems: {reports[-1].integrity[:3]}")
    audit = reports[-1].audit
    entries = audit.entries if audit is not None else 0
    return Figure(
        "db_check_ratio",
        value,
        baseline,
        "s",
        goal=2.0,
        detail=f"{size:,} interviews with answers, {entries:,} audit entries, "
        f"{path.stat().st_size / 1e6:.0f} MB file; ours: integrity_check + foreign_key_check "
        "+ audit chain; baseline: the integrity_check pragma alone",
        sizes={"interviews": size, "audit_entries": entries},
    )


def _holding_station(context: BenchContext, source: Path, held: int) -> Path:
    """Station B of the same office (same key as the package's source) that already holds
    `held` interviews of its own (a cached template)."""
    office_code, key = office_key(source)
    fingerprint = hashlib.sha256(key).hexdigest()[:10]

    def build(data_dir: Path) -> None:
        new_station(data_dir, office_code, key, "Loket 2")
        fill_bare_interviews(data_dir, held, seed=23, key=page_key(data_dir))

    return context.dataset(f"holding-{fingerprint}-{held}", build)


@figure("import_into_held_ratio")
def import_into_held_ratio(context: BenchContext) -> Figure:
    """An import of 10,000 interviews (quick: 1,000) into a station that already holds
    100,000 (quick: 10,000): check, plan, pre-import snapshot, one transaction; against the
    same rows copied into the same station in plain SQL plus AES-256-GCM of as many bytes."""
    imported = context.size(10_000, 1_000, 60)
    held = context.size(100_000, 10_000, 300)
    source = source_office(context, imported)
    station = _holding_station(context, source, held)
    value, baseline, new = measure_import(context, source, station)
    if new < imported * 0.9:
        raise RuntimeError(f"only {new} interviews were imported")
    return Figure(
        "import_into_held_ratio",
        value,
        baseline,
        "s",
        goal=2.0,
        detail=f"{new:,} interviews imported into a station holding {held:,}; ours "
        "(database already open): check, plan, pre-import snapshot, one transaction, close; "
        "baseline: the same rows copied in plain SQL into the same station + AES-256-GCM of "
        "as many bytes",
        sizes={"interviews_imported": new, "interviews_held": held},
    )
