"""Benchmark figures of encryption at rest: the same storage work on an encrypted (SQLCipher)
data folder against a plaintext one, both measured in the same run, and the bytes the cipher
library adds to the bundle against plain SQLite's."""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

from interview_app.bench.harness import (
    BenchContext,
    Figure,
    figure,
    paired_median_seconds,
)
from interview_app.bench.release_figures import folder_bytes
from interview_app.bench.storage_figures import TODAY, fill_bare_interviews, lookup_office
from interview_app.demo import create_demo_office
from interview_app.storage.audit import AuditLog
from interview_app.storage.cipher import database_key
from interview_app.storage.database import Database, open_database
from interview_app.storage.encrypt_in_place import encrypt_data_folder
from interview_app.storage.interviews import InterviewRepository
from interview_app.storage.keys import read_office_key
from interview_app.storage.settings import OFFICE_CODE, SettingsStore

ENCRYPTED = "encrypted"
PLAIN = "plain"


def _page_key(data_dir: Path) -> bytes:
    found = read_office_key(data_dir)
    assert found is not None
    return database_key(found[1])


def _twin_folders(context: BenchContext, template: Path) -> tuple[Path, Path, bytes]:
    """A plaintext copy of `template` and an encrypted one (converted in place), and its key."""
    plain = context.copy_of(template, PLAIN)
    encrypted = context.copy_of(template, ENCRYPTED)
    key = _page_key(encrypted)
    encrypt_data_folder(encrypted, key)
    return plain, encrypted, key


def _repository(database: Database) -> InterviewRepository:
    found = read_office_key(database.data_dir)
    assert found is not None
    return InterviewRepository(database, AuditLog(database, found[1]))


def _saver(database: Database) -> Callable[[], None]:
    """One answer saved per call into a new draft, over twenty questions in turn."""
    repository = _repository(database)
    record = repository.create_draft(
        officer_id=None,
        questionnaire_id="tppo-default",
        questionnaire_version=1,
        questionnaire_hash="0" * 64,
        language="id",
    )
    steps = iter(range(10**9))

    def save() -> None:
        n = next(steps)
        repository.save_answer(
            record.uuid, f"q{n % 20}", f"jawaban {n}", current_question=f"q{n % 20 + 1}"
        )

    return save


def _looker(database: Database, niks: list[str]) -> Callable[[], None]:
    repository = _repository(database)
    cycle = iter(range(10**9))

    def lookup() -> None:
        repository.repeat_applicants(nik=niks[next(cycle) % len(niks)])

    return lookup


def _paired_on_twins(
    context: BenchContext,
    template: Path,
    action: Callable[[Database], Callable[[], None]],
    repeat: int,
) -> tuple[float, float]:
    """Medians of `action` on the encrypted twin of `template` and on the plaintext one,
    timed alternately (seconds: encrypted, plaintext)."""
    plain, encrypted, key = _twin_folders(context, template)
    databases = [open_database(plain), open_database(encrypted, key=key)]
    try:
        on_plain, on_encrypted = (action(database) for database in databases)
        baseline, value = paired_median_seconds(
            on_plain, on_encrypted, repeat=repeat, warmup=context.warmup(20)
        )
    finally:
        for database in databases:
            database.close()
    return value, baseline


def _lookup_size(context: BenchContext) -> int:
    return context.size(10_000, 2_000, 100)


@figure("cipher_autosave_ratio")
def cipher_autosave(context: BenchContext) -> Figure:
    """One answer saved as the counter saves it (InterviewRepository.save_answer: one
    transaction, the audit chain's record of it, WAL + synchronous=FULL)."""
    template = context.workdir / "template"
    create_demo_office(template, count=0, today=TODAY)
    repeat = context.repeat(600, 200)
    value, baseline = _paired_on_twins(context, template, _saver, repeat)
    return Figure(
        "cipher_autosave_ratio",
        value * 1000,
        baseline * 1000,
        "ms",
        goal=1.5,
        detail="one answer saved (save_answer) in an encrypted folder; baseline: the same in a "
        "plaintext one",
        sizes={"answers": repeat},
    )


@figure("cipher_nik_lookup_ratio")
def cipher_nik_lookup(context: BenchContext) -> Figure:
    rows = _lookup_size(context)
    template, niks, _ = lookup_office(context, rows)
    value, baseline = _paired_on_twins(
        context, template, lambda database: _looker(database, niks), context.repeat(1000, 300)
    )
    return Figure(
        "cipher_nik_lookup_ratio",
        value * 1e6,
        baseline * 1e6,
        "µs",
        goal=3.0,
        detail=f"repeat-applicant look-up by NIK among {rows:,} interviews, encrypted; "
        "baseline: the same in a plaintext folder",
        sizes={"interviews": rows},
    )


@figure("cipher_import_ratio")
def cipher_import(context: BenchContext) -> Figure:
    """Bulk insert of many interviews in one transaction, as an import writes them."""
    rows = _lookup_size(context)
    template = context.workdir / "empty"
    create_demo_office(template, count=0, today=TODAY)
    repeat = context.repeat(3, 2)

    def fill(encrypt: bool) -> float:
        times = []
        for _ in range(repeat):
            folder = context.copy_of(template, ENCRYPTED if encrypt else PLAIN)
            key = None
            if encrypt:
                key = _page_key(folder)
                encrypt_data_folder(folder, key)
            start = time.perf_counter()
            fill_bare_interviews(folder, rows, key=key)
            times.append(time.perf_counter() - start)
            shutil.rmtree(folder)
        return min(times)

    baseline = fill(False)
    value = fill(True)
    return Figure(
        "cipher_import_ratio",
        value,
        baseline,
        "s",
        goal=2.0,
        detail=f"{rows:,} interviews inserted in one transaction into an encrypted folder "
        "(open, insert, commit, ANALYZE, close); baseline: the same into a plaintext one",
        sizes={"interviews": rows},
    )


def _startup(context: BenchContext, *, deferred: bool) -> tuple[float, float, int]:
    rows = _lookup_size(context)
    template, _, _ = lookup_office(context, rows)
    plain, encrypted, key = _twin_folders(context, template)

    def opener(folder: Path, key: bytes | None) -> Callable[[], None]:
        def open_and_close() -> None:
            database = open_database(folder, key=key, defer_integrity_check=deferred)
            SettingsStore(database).get(OFFICE_CODE)  # a first read
            database.close()

        return open_and_close

    baseline, value = paired_median_seconds(
        opener(plain, None),
        opener(encrypted, key),
        repeat=context.repeat(30, 10),
        warmup=context.warmup(2),
    )
    return value, baseline, rows


@figure("cipher_startup_ratio")
def cipher_startup(context: BenchContext) -> Figure:
    value, baseline, rows = _startup(context, deferred=False)
    return Figure(
        "cipher_startup_ratio",
        value * 1000,
        baseline * 1000,
        "ms",
        goal=1.5,
        detail=f"open_database with the key: connect, key, quick_check (every page read and "
        f"decrypted), schema check, close; {rows:,} interviews; baseline: the same in clear",
        sizes={"interviews": rows},
    )


@figure("cipher_open_deferred_ratio")
def cipher_open_deferred(context: BenchContext) -> Figure:
    value, baseline, rows = _startup(context, deferred=True)
    return Figure(
        "cipher_open_deferred_ratio",
        value * 1000,
        baseline * 1000,
        "ms",
        goal=1.5,
        detail="the officer's app start: open_database with the key, quick_check deferred to "
        f"a background thread, a first read, close; {rows:,} interviews; baseline: in clear",
        sizes={"interviews": rows},
    )


def _plain_sqlite_files() -> list[Path]:
    """The files plain SQLite brings into a bundle: the _sqlite3 extension and the SQLite
    library it links (on Linux the system's libsqlite3, on Windows DLLs/sqlite3.dll)."""
    import _sqlite3

    files = [Path(_sqlite3.__file__)]
    if sys.platform == "win32":
        files.append(Path(sys.base_prefix) / "DLLs" / "sqlite3.dll")
    else:
        try:
            maps = Path("/proc/self/maps").read_text(encoding="utf-8").splitlines()
        except OSError:
            maps = []
        files += sorted({Path(line.split()[-1]) for line in maps if "libsqlite3" in line})
    return [path for path in files if path.is_file()]


@figure("cipher_library_size_ratio")
def cipher_library_size(context: BenchContext) -> Figure:
    """What the bundle gains: sqlcipher3's files (its extension carries SQLCipher and the
    OpenSSL crypto it uses, statically linked) against plain SQLite's, which stay too
    (sqlite-utils and plaintext databases use them). The whole bundle's ratio is
    bundle_size_ratio (slow: two PyInstaller builds)."""
    import sqlcipher3

    package = Path(sqlcipher3.__file__).parent
    cipher = folder_bytes(package) - sum(
        p.stat().st_size for p in package.rglob("__pycache__/*") if p.is_file()
    )
    plain = sum(p.stat().st_size for p in _plain_sqlite_files())
    extension = next(package.glob("_sqlite3*"))
    return Figure(
        "cipher_library_size_ratio",
        cipher / 2**20,
        plain / 2**20,
        "MiB",
        detail=f"sqlcipher3 package ({extension.name}) against plain SQLite's files on this "
        "platform; debug symbols included where the wheel ships them",
        sizes={"files": len(list(package.iterdir()))},
    )
