"""The tests' offices, accounts and sign-in helpers, in one place.

Each kind of office is built once per test session (`OfficeBuilder`, the session fixture
`offices` in tests/conftest.py) and every test gets its own copy of the whole data folder:
database, office key, audit head, everything. A copied office's password hashes carry the
(cheap) scrypt parameters they were made with, so signing in works in the copy as in the
original. A test about setting an office up builds its own instead.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interview_app.demo import DEMO_ACCOUNTS, create_demo_office, install_default_script
from interview_app.questionnaire.loader import load_text
from interview_app.questionnaire.model import Questionnaire
from interview_app.storage.audit import AuditLog
from interview_app.storage.clock import FixedClock
from interview_app.storage.database import Database
from interview_app.storage.office import Office as OfficeFolder
from interview_app.storage.officers import Officer, OfficerRepository
from interview_app.storage.questionnaires import QuestionnaireStore
from interview_app.supervision.session import SupervisorSession
from tests import keyring
from tests.sync.factory import make_big_station_pair, make_station_pair

ANSWERS = Path(__file__).resolve().parent / "fixtures" / "answers"

# The demo office (interview_app.demo): its accounts and the day its interviews end.
TODAY = dt.date(2026, 3, 2)
SUPERVISOR = DEMO_ACCOUNTS[0]
OFFICER = DEMO_ACCOUNTS[1]
OFFICER2 = DEMO_ACCOUNTS[2]

# The counter office (set up as a supervisor does on first run, plus one officer): the
# accounts as (username, password), and the counter's clock.
COUNTER_SUPERVISOR = ("kasi", "kepala seksi palu")
COUNTER_OFFICER = ("petugas1", "loket satu palu")
COUNTER_NOW = dt.datetime(2026, 11, 28, 1, 30, tzinfo=dt.UTC)


def answers(name: str) -> dict[str, Any]:
    """The answers of tests/fixtures/answers/<name>.json."""
    return dict(json.loads((ANSWERS / f"{name}.json").read_text(encoding="utf-8"))["answers"])


def demo_clock() -> FixedClock:
    return FixedClock(dt.datetime.combine(TODAY, dt.time(3), dt.UTC))


@dataclass
class Context:
    """What the main window hands the supervisor's tools: the open database, the clock, the
    signed-in account."""

    database: Database
    clock: FixedClock
    officer: Officer | None
    audit: AuditLog

    def session(self) -> SupervisorSession:
        assert self.officer is not None
        return SupervisorSession(self.database, self.officer.id, self.audit, self.clock)


@dataclass
class Office:
    """An open office: its folder, database, clock and audit log."""

    data_dir: Path
    database: Database
    clock: FixedClock
    audit: AuditLog

    def officer(self, username: str) -> Officer:
        found = OfficerRepository(self.database, self.audit, self.clock).find(username)
        assert found is not None
        return found

    def session(self, username: str = SUPERVISOR.username) -> SupervisorSession:
        return SupervisorSession(self.database, self.officer(username).id, self.audit, self.clock)

    def context(self, username: str | None) -> Context:
        officer = None if username is None else self.officer(username)
        return Context(self.database, self.clock, officer, self.audit)


def open_office(data_dir: Path, clock: FixedClock | None = None) -> Office:
    """The office in `data_dir`, opened with its key (close its database when done)."""
    clock = clock or demo_clock()
    opened = keyring.open_office(data_dir, clock=clock)
    return Office(data_dir, opened.database, clock, opened.audit)


def run_command(argv: list[str]) -> tuple[int, str]:
    """The command line run in this process: its exit code (a usage error's too) and what it
    printed on stdout and stderr together."""
    from interview_app.cli import main as cli_main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli_main(argv)
        except SystemExit as exit_:
            code = int(exit_.code or 0)
    return code, out.getvalue() + err.getvalue()


def sign_in_args(
    folder: Path, username: str = SUPERVISOR.username, password: str = SUPERVISOR.password
) -> list[str]:
    """How a script signs in on the command line: `--as` the account, `--password-file` a
    file (written in `folder`) that holds the password."""
    secret = folder / f"{username}.pw"
    secret.write_text(password, encoding="utf-8")
    return ["--as", username, "--password-file", str(secret)]


def make_counter_office(data_dir: Path, clock: FixedClock | None = None) -> None:
    """An office set up as on first run, encrypted (office, workstation, the supervisor
    `kasi` with its key slot, the recovery code, the default script), with one officer
    (`petugas1`) and the office's province."""
    from interview_app.workflow.counter import CounterSession

    session = CounterSession.open(data_dir, clock=clock or FixedClock(COUNTER_NOW))
    try:
        session.setup_office(
            office_code="PLU",
            office_name="Kantor Imigrasi Palu",
            workstation_name="Loket 1",
            username=COUNTER_SUPERVISOR[0],
            full_name="Rahmat Hidayat",
            password=COUNTER_SUPERVISOR[1],
        )
        session._officers().create(
            COUNTER_OFFICER[0], "Siti Nurhaliza", None, "officer", COUNTER_OFFICER[1]
        )
        session.settings.set("office_province", "72")
        keyring.remember_office(session.storage)
    finally:
        session.close()


# The slip office (tests/slip): its letterhead settings, its one officer and its day.
SLIP_TODAY = dt.date(2025, 1, 6)
SLIP_SETTINGS = {
    "office_code": "PLU",
    "office_name": "Kantor Imigrasi Kelas I TPI Palu",
    "office_address": "Jl. Kartini No. 1\nPalu, Sulawesi Tengah",
    "office_province": "72",
    "bp3mi_name": "BP3MI Sulawesi Tengah",
    "bp3mi_address": "Jl. Contoh BP3MI No. 2, Palu",
    "bp3mi_phone": "0451 123456",
}
SLIP_OFFICER = ("petugas1", "loket-satu-uji")
SLIP_OFFICER_NAME = "Siti Nurhaliza Lamato"
SLIP_OFFICER_NIP = "199104222015032001"


def make_slip_office(data_dir: Path) -> None:
    """The office settings a slip needs, the office key, one officer and the default script."""
    clock = FixedClock(dt.datetime.combine(SLIP_TODAY, dt.time(2), dt.UTC))
    with OfficeFolder.create(data_dir, "PLU", clock=clock) as office:
        keyring.remember_office(office)
        settings = office.settings
        for name, value in SLIP_SETTINGS.items():
            settings.set(name, value)
        office.officers().create(
            SLIP_OFFICER[0], SLIP_OFFICER_NAME, SLIP_OFFICER_NIP, "officer", SLIP_OFFICER[1]
        )
        install_default_script(office.database, office.audit)


_SCRIPTS: dict[str, Questionnaire] = {}


def active_script(database: Database) -> tuple[str, Questionnaire]:
    """The office's active script and its digest, loaded once per session (a loaded script is
    immutable)."""
    found = QuestionnaireStore(database).active()
    assert found is not None
    digest, text = found
    if digest not in _SCRIPTS:
        _SCRIPTS[digest] = load_text(text)
    return digest, _SCRIPTS[digest]


def _demo(count: int, seed: int = 7, today: dt.date = TODAY) -> Callable[[Path], None]:
    def build(data_dir: Path) -> None:
        create_demo_office(data_dir, count=count, seed=seed, today=today)

    return build


# The kinds of office, each built once per session on first use. "demo-N": the demo office
# with N interviews in the 90 days before TODAY; "-late": before LATE instead; "-seedS": another
# random seed than the demo's.
LATE = dt.date(2026, 11, 27)
KINDS: dict[str, Callable[[Path], None]] = {
    "counter": make_counter_office,
    "slip": make_slip_office,
    "stations": make_station_pair,
    "big-stations": make_big_station_pair,
    "demo-0": _demo(0),
    "demo-8": _demo(8),
    "demo-25": _demo(25),
    "demo-40": _demo(40),
    "demo-1000": _demo(1000),
    "demo-12-late": _demo(12, today=LATE),
    "demo-60-late-seed5": _demo(60, seed=5, today=LATE),
    "demo-1000-late-seed13": _demo(1000, seed=13, today=LATE),
}


# A kind: a name in KINDS, or a function that builds an office of its own kind into the
# folder it is given (a test package's own kind; named by the function).
Kind = str | Callable[[Path], None]


class OfficeBuilder:
    """Builds each kind of office once, in `root`; `copy` gives a test its own copy."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._built: dict[str, Path] = {}

    def template(self, kind: Kind) -> Path:
        """The session's original of `kind` (never change it; copy it)."""
        name = kind if isinstance(kind, str) else f"{kind.__module__}.{kind.__qualname__}"
        if name not in self._built:
            path = self.root / name / "office"
            (KINDS[kind] if isinstance(kind, str) else kind)(path)
            self._built[name] = path
        return self._built[name]

    def copy(self, kind: Kind, where: Path) -> Path:
        """A copy of the whole data folder of `kind` at `where` (which must not exist)."""
        template = self.template(kind)
        shutil.copytree(template, where)
        keyring.copied(template, where)
        for inner in template.iterdir():  # a pair of stations: two folders, each its key
            if inner.is_dir():
                keyring.copied(inner, where / inner.name)
        return where

    @contextmanager
    def opened(self, kind: Kind, where: Path, clock: FixedClock | None = None) -> Iterator[Office]:
        """A copy of `kind` at `where`, open for the length of the `with` block."""
        office = open_office(self.copy(kind, where), clock)
        try:
            yield office
        finally:
            office.database.close()
