"""The attack suite's office: a receiving workstation with a few interviews, a package from
another workstation of the same office, copied fresh for each attack (made once per run)."""

from __future__ import annotations

import contextlib
import io
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from interview_app.cli import main
from interview_app.commands.secret_input import ENV_PASSWORD, ENV_USER
from interview_app.storage.cipher import database_key
from interview_app.storage.maintenance import check, snapshot
from interview_app.sync.export import export_package
from tests import keyring
from tests.attacks.table import record
from tests.offices import OfficeBuilder
from tests.sync.factory import add_interviews, content_digest, make_station, raw_connection

__all__ = ["Office", "Run", "record", "run_cli"]

SUPERVISOR = "kasi"
SUPERVISOR_PASSWORD = "kepala seksi palu 2026"
SUPERVISOR_ID = 1  # the first account of the receiving workstation


@dataclass(frozen=True)
class Office:
    """`receiver`: a data folder to attack (a fresh copy per test); `package`: a genuine
    package for it; `other_package`: a second genuine package of the same source (for
    splicing); `key`: the office key. The receiver's database is encrypted; the commands the
    attacks run sign in as its supervisor (INTERVIEW_APP_USER and INTERVIEW_APP_PASSWORD)."""

    receiver: Path
    package: Path
    other_package: Path
    source: Path
    key: bytes

    def digest(self) -> str:
        """Every row of the receiver's database, but the audit log's sign-ins: a command that
        refuses an attack has still signed in, and says so in the log."""
        conn = raw_connection(self.receiver)
        try:
            entries = conn.execute(
                "SELECT * FROM audit_log WHERE action NOT LIKE 'login%' ORDER BY seq"
            ).fetchall()
        finally:
            conn.close()
        return content_digest(self.receiver, exclude=("audit_log",)) + repr(entries)

    @property
    def page_key(self) -> bytes:
        return database_key(self.key)

    def interviews(self) -> list[tuple[str, int, str]]:
        conn = raw_connection(self.receiver)
        try:
            return sorted(conn.execute("SELECT uuid, revision, content_hash FROM interviews"))
        finally:
            conn.close()

    def check_clean(self) -> None:
        report = check(self.receiver, key=self.page_key, office_key=keyring.key_of(self.receiver))
        assert report.ok, report.summary("en")


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    def refused(self, *needles: str) -> bool:
        """Exit 1 and every needle (Indonesian and English parts of the reason) on stderr."""
        return self.code == 1 and all(needle in self.err for needle in needles)


def run_cli(*argv: str | Path) -> Run:
    """The command line in this process (its stdout and stderr captured)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(arg) for arg in argv])
        except SystemExit as exit_:
            code = int(exit_.code or 0)
    return Run(code, out.getvalue(), err.getvalue())


def _build(root: Path) -> None:
    """The receiving workstation, the source workstation, and two genuine packages of the
    source in `root/packages`: the first export under its own name, a full export as
    `other.awsync`."""
    source = make_station(root / "source", "Loket 1")
    receiver = make_station(root / "receiver", "Loket 2", key=source.key)
    try:
        add_interviews(source, 8, seed=3)
        add_interviews(receiver, 3, seed=4)
        for station in (source, receiver):  # the commands sign in as this supervisor
            station.officers.create(
                SUPERVISOR, "Rahmat Hidayat", None, "supervisor", SUPERVISOR_PASSWORD
            )
        snapshot(receiver.database, "daily", now=receiver.clock())
        add_interviews(receiver, 1, seed=5)  # after the snapshot: restoring it loses this one
        packages = root / "packages"
        packages.mkdir()
        for stick, full in (("stick", False), ("stick2", True)):
            (root / stick).mkdir()
            made = export_package(
                source.database, source.data_dir, root / stick, full=full, chunk_size=512
            )
            assert made.path is not None
            shutil.copy2(made.path, packages / ("other.awsync" if full else made.path.name))
    finally:
        source.database.close()
        receiver.database.close()


@pytest.fixture
def office(offices: OfficeBuilder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Office:
    """A fresh copy of the receiving workstation (and of the source and the packages) for
    one test."""
    root = offices.copy(_build, tmp_path / "office")
    found = keyring.key_of(root / "receiver")
    monkeypatch.setenv(ENV_USER, SUPERVISOR)
    monkeypatch.setenv(ENV_PASSWORD, SUPERVISOR_PASSWORD)
    other = root / "packages" / "other.awsync"
    (first,) = (path for path in other.parent.glob("*.awsync") if path != other)
    return Office(
        root / "receiver",
        first,
        other,
        root / "source",
        found[1],
    )
