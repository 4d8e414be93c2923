"""Benchmark figures of encryption at rest: the same work through the application's one way in
(`Office`) on an encrypted data folder, as the app makes them, against its plaintext twin (the
same database in clear with office.key beside it, as the release before kept a folder), both
measured in the same run; and the bytes the cipher library adds to the bundle."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from interview_app.bench.harness import (
    BenchContext,
    Figure,
    figure,
    paired_median_seconds,
)
from interview_app.bench.release_figures import folder_bytes
from interview_app.bench.storage_figures import TODAY, fill_bare_interviews
from interview_app.bench.sync_figures import paired_prepared
from interview_app.demo import DEMO_ACCOUNTS, create_demo_office
from interview_app.storage.bulk import replicate_exported_interviews
from interview_app.storage.cipher import database_key
from interview_app.storage.cleartext_twin import make_cleartext_twin
from interview_app.storage.interviews import InterviewRepository
from interview_app.storage.keyslots import KeySlots
from interview_app.storage.office import Office
from interview_app.storage.passwords import hash_password, verify_password
from interview_app.storage.settings import OFFICE_CODE, SettingsStore
from interview_app.storage.unlock import PasswordCredentials, folder_is_encrypted
from interview_app.sync.export import export_package
from interview_app.sync.importer import apply_package

ENCRYPTED = "encrypted"
PLAIN = "plain"
SUPERVISOR = DEMO_ACCOUNTS[0]
SYNC_TODAY = dt.date(2026, 11, 28)
NIKS_FILE = "bench-niks.txt"

OfficeKey = tuple[str, bytes]
_KEYS: dict[str, OfficeKey] = {}


def _office_key(data_dir: Path) -> OfficeKey:
    """The demo office's key, unwrapped with its supervisor's slot (once per folder)."""
    name = str(Path(data_dir).resolve())
    if name not in _KEYS:
        slots = KeySlots(Path(data_dir))
        assert slots.office_code is not None
        _KEYS[name] = (
            slots.office_code,
            slots.unlock_account(SUPERVISOR.username, SUPERVISOR.password),
        )
    return _KEYS[name]


def _twins(context: BenchContext, template: Path) -> tuple[Path, Path, OfficeKey]:
    """A fresh copy of the encrypted `template`, its plaintext twin, and the office key."""
    key = _office_key(template)
    encrypted = context.copy_of(template, ENCRYPTED)
    _KEYS[str(encrypted.resolve())] = key
    plain = context.workdir / PLAIN
    if plain.exists():
        shutil.rmtree(plain)
    make_cleartext_twin(template, key, plain)
    return encrypted, plain, key


def _open(data_dir: Path, key: OfficeKey | None, *, deferred: bool = False) -> Office:
    """The folder opened as a signed-in session holds it (the key unwrapped already)."""
    return Office.open(data_dir, key=key, defer_integrity_check=deferred)


@contextmanager
def _both_open(encrypted: Path, plain: Path, key: OfficeKey) -> Iterator[tuple[Office, Office]]:
    offices = [_open(encrypted, key), _open(plain, None)]
    try:
        yield offices[0], offices[1]
    finally:
        for office in offices:
            office.close()


def _empty_office(context: BenchContext) -> Path:
    return context.dataset("cipher-empty", lambda folder: create_demo_office(folder, count=0))


def _lookup_size(context: BenchContext) -> int:
    return context.size(10_000, 2_000, 100)


def _lookup_office(context: BenchContext, rows: int) -> tuple[Path, list[str]]:
    """The demo office's accounts with `rows` bare completed interviews; some NIKs in it."""

    def build(folder: Path) -> None:
        create_demo_office(folder, count=0, today=TODAY)
        niks, _ = fill_bare_interviews(folder, rows, key=database_key(_office_key(folder)[1]))
        (folder / NIKS_FILE).write_text("\n".join(niks), encoding="utf-8")

    folder = context.dataset(f"cipher-lookup-{rows}", build)
    return folder, (folder / NIKS_FILE).read_text(encoding="utf-8").split()


def _sync_size(context: BenchContext) -> int:
    return context.size(10_000, 2_000, 60)


def _sync_source(context: BenchContext, rows: int) -> Path:
    """Station A: the demo office's interviews copied up to `rows` (with answers, flags,
    revisions and audit entries, as an import carries them)."""

    def build(folder: Path) -> None:
        create_demo_office(folder, count=min(200, rows), today=SYNC_TODAY)
        with _open(folder, _office_key(folder)) as office:
            replicate_exported_interviews(office.database, office.audit, rows)

    return context.dataset(f"cipher-sync-source-{rows}", build)


def _saver(office: Office) -> Callable[[], None]:
    """One answer saved per call into a new draft, over twenty questions in turn."""
    repository = InterviewRepository(office.database, office.audit)
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


@figure("cipher_autosave_ratio")
def cipher_autosave(context: BenchContext) -> Figure:
    """One answer saved as the counter saves it (InterviewRepository.save_answer: one
    transaction, the audit chain's record of it, WAL + synchronous=FULL)."""
    encrypted, plain, key = _twins(context, _empty_office(context))
    repeat = context.repeat(600, 200)
    with _both_open(encrypted, plain, key) as (on_encrypted, on_plain):
        value, baseline = paired_median_seconds(
            _saver(on_encrypted), _saver(on_plain), repeat=repeat, warmup=context.warmup(20)
        )
    return Figure(
        "cipher_autosave_ratio",
        value * 1000,
        baseline * 1000,
        "ms",
        goal=1.5,
        detail="one answer saved (save_answer) in an encrypted folder; baseline: the same in its "
        "plaintext twin",
        sizes={"answers": repeat},
    )


@figure("cipher_nik_lookup_ratio")
def cipher_nik_lookup(context: BenchContext) -> Figure:
    rows = _lookup_size(context)
    template, niks = _lookup_office(context, rows)
    encrypted, plain, key = _twins(context, template)

    def looker(office: Office) -> Callable[[], object]:
        repository = InterviewRepository(office.database, office.audit)
        cycle = iter(range(10**9))
        return lambda: repository.repeat_applicants(nik=niks[next(cycle) % len(niks)])

    with _both_open(encrypted, plain, key) as (on_encrypted, on_plain):
        value, baseline = paired_median_seconds(
            looker(on_encrypted),
            looker(on_plain),
            repeat=context.repeat(1000, 300),
            warmup=context.warmup(20),
        )
    return Figure(
        "cipher_nik_lookup_ratio",
        value * 1e6,
        baseline * 1e6,
        "µs",
        goal=3.0,
        detail=f"repeat-applicant look-up by NIK among {rows:,} interviews, encrypted; "
        "baseline: the same in the plaintext twin",
        sizes={"interviews": rows},
    )


def _exporter(folder: Path, key: OfficeKey | None, out: Path) -> Callable[[], Callable[[], None]]:
    def prepare() -> Callable[[], None]:
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)

        def run() -> None:
            with _open(folder, key) as office:
                export_package(office.database, folder, out, full=True)

        return run

    return prepare


@figure("cipher_export_ratio")
def cipher_export(context: BenchContext) -> Figure:
    rows = _sync_size(context)
    encrypted, plain, key = _twins(context, _sync_source(context, rows))
    value, baseline = paired_prepared(
        _exporter(encrypted, key, context.workdir / "out-encrypted"),
        _exporter(plain, None, context.workdir / "out-plain"),
        repeat=context.repeat(3, 2),
        warmup=context.warmup(1),
    )
    return Figure(
        "cipher_export_ratio",
        value,
        baseline,
        "s",
        goal=2.0,
        detail=f"full export of {rows:,} interviews from an encrypted folder (open with the "
        "key, export with read-back check, close); baseline: the same from its plaintext twin",
        sizes={"interviews": rows},
    )


def _empty_station(context: BenchContext, source: Path) -> tuple[Path, Path, OfficeKey]:
    """Station B, encrypted under the office's key, no interviews; and its plaintext twin."""
    key = _office_key(source)
    station = context.workdir / "station-b"
    if station.exists():
        shutil.rmtree(station)
    with Office.create(station, key[0], key=key[1]) as office:
        settings = office.settings
        settings.set(OFFICE_CODE, key[0])
        settings.set("workstation_name", "Loket 2")
    plain = context.workdir / "station-b-plain"
    if plain.exists():
        shutil.rmtree(plain)
    make_cleartext_twin(station, key, plain)
    return station, plain, key


def _importer(
    station: Path, key: OfficeKey | None, package: Path, where: Path
) -> Callable[[], Callable[[], None]]:
    """Prepare (untimed): a fresh copy of the station, opened as the app has it open when an
    import starts. Run (timed): the whole import in one transaction, pre-import snapshot
    included."""

    def prepare() -> Callable[[], None]:
        if where.exists():
            shutil.rmtree(where)
        shutil.copytree(station, where)
        office = _open(where, key)

        def run() -> None:
            try:
                apply_package(office.database, where, package)
            finally:
                office.close()

        return run

    return prepare


@figure("cipher_import_ratio")
def cipher_import(context: BenchContext) -> Figure:
    rows = _sync_size(context)
    source = _sync_source(context, rows)
    key = _office_key(source)
    out = context.workdir / "package"
    _exporter(source, key, out)()()
    (package,) = out.glob("*.awsync")
    station, plain, key = _empty_station(context, source)
    value, baseline = paired_prepared(
        _importer(station, key, package, context.workdir / "import-encrypted"),
        _importer(plain, None, package, context.workdir / "import-plain"),
        repeat=context.repeat(3, 2),
        warmup=context.warmup(1),
    )
    return Figure(
        "cipher_import_ratio",
        value,
        baseline,
        "s",
        goal=2.0,
        detail=f"import of a full package of {rows:,} interviews into an empty encrypted "
        "station (one transaction, pre-import snapshot); baseline: the same into its plaintext "
        "twin",
        sizes={"interviews": rows},
    )


def _paired_opening(
    context: BenchContext,
    on_encrypted: Callable[[Path, OfficeKey], object],
    on_plain: Callable[[Path], object],
    *,
    repeat: int | None = None,
) -> tuple[float, float, int]:
    rows = _lookup_size(context)
    template, _ = _lookup_office(context, rows)
    encrypted, plain, key = _twins(context, template)
    value, baseline = paired_median_seconds(
        lambda: on_encrypted(encrypted, key),
        lambda: on_plain(plain),
        repeat=repeat or context.repeat(30, 10),
        warmup=context.warmup(2 if repeat is None else 1),
    )
    return value, baseline, rows


def _first_read(office: Office) -> None:
    try:
        SettingsStore(office.database).get(OFFICE_CODE)
    finally:
        office.close()


@figure("cipher_startup_ratio")
def cipher_startup(context: BenchContext) -> Figure:
    """What the officer's app start does with the data folder up to the sign-in window. An
    encrypted folder cannot be opened before someone signs in: the start only finds that it
    is encrypted and reads the key slots (who may sign in). The release before opened the
    plaintext database there (quick_check deferred to a thread) and read its settings."""

    def before_sign_in(folder: Path, _: OfficeKey) -> None:
        assert folder_is_encrypted(folder)
        assert KeySlots(folder).accounts()

    value, baseline, rows = _paired_opening(
        context,
        before_sign_in,
        lambda folder: _first_read(_open(folder, None, deferred=True)),
    )
    return Figure(
        "cipher_startup_ratio",
        value * 1000,
        baseline * 1000,
        "ms",
        goal=1.5,
        detail="the app's start up to the sign-in window on an encrypted folder (is it "
        f"encrypted, its key slots read); {rows:,} interviews; baseline: the start on its "
        "plaintext twin (database opened, quick_check deferred, settings read)",
        sizes={"interviews": rows},
    )


@figure("cipher_open_at_sign_in_ratio")
def cipher_open_at_sign_in(context: BenchContext) -> Figure:
    value, baseline, rows = _paired_opening(
        context,
        lambda folder, key: _first_read(_open(folder, key)),
        lambda folder: _first_read(_open(folder, None)),
    )
    return Figure(
        "cipher_open_at_sign_in_ratio",
        value * 1000,
        baseline * 1000,
        "ms",
        goal=1.5,
        detail="the database opened at sign-in once the key is unwrapped (Office.open with the "
        f"key: connect, key, quick_check reading and decrypting every page, schema check, a "
        f"first read, close); {rows:,} interviews; baseline: the same on the plaintext twin",
        sizes={"interviews": rows},
    )


@figure("cipher_open_deferred_ratio")
def cipher_open_deferred(context: BenchContext) -> Figure:
    value, baseline, rows = _paired_opening(
        context,
        lambda folder, key: _first_read(_open(folder, key, deferred=True)),
        lambda folder: _first_read(_open(folder, None, deferred=True)),
    )
    return Figure(
        "cipher_open_deferred_ratio",
        value * 1000,
        baseline * 1000,
        "ms",
        goal=1.5,
        detail="the same opening with quick_check deferred to a background thread (as the "
        f"app's start does on a plaintext folder); {rows:,} interviews; baseline: in clear",
        sizes={"interviews": rows},
    )


@figure("cipher_sign_in_ratio")
def cipher_sign_in(context: BenchContext) -> Figure:
    """The whole sign-in: on an encrypted folder the password unwraps the account's key slot
    (scrypt, by design ~0.8 s at full cost), then the database opens and the sign-in is
    written to the audit log; the release before opened its plaintext database and checked
    the password against the officers table's hash (the same scrypt)."""
    credentials = PasswordCredentials(SUPERVISOR.username, SUPERVISOR.password)
    stored = hash_password(SUPERVISOR.password)  # the release before's hash, at today's cost

    def release_before(folder: Path) -> None:
        _first_read(_open(folder, None))
        assert verify_password(credentials.password, stored)

    value, baseline, rows = _paired_opening(
        context,
        lambda folder, _: Office.open(folder, credentials=credentials).close(),
        release_before,
        repeat=context.repeat(5, 3),
    )
    return Figure(
        "cipher_sign_in_ratio",
        value,
        baseline,
        "s",
        detail="a supervisor's sign-in on an encrypted folder (slot unwrapped by scrypt, "
        f"database opened with quick_check, sign-in in the audit log); {rows:,} interviews; "
        "baseline: the plaintext twin opened and the password checked against a hash of the "
        "same cost",
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
