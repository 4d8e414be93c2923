"""The attack suite's office: a receiving workstation with a few interviews, a package from
another workstation of the same office, copied fresh for each attack (made once per run)."""

from __future__ import annotations

import contextlib
import io
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

from interview_app.cli import main
from interview_app.storage.keys import read_office_key
from interview_app.storage.maintenance import check, snapshot
from interview_app.storage.officers import OfficerRepository
from interview_app.storage.paths import database_path
from interview_app.sync.export import export_package
from tests.attacks.table import record
from tests.offices import OfficeBuilder
from tests.sync.factory import add_interviews, content_digest, make_station

__all__ = ["Office", "Run", "record", "run_cli"]

SUPERVISOR_PASSWORD = "kepala seksi palu 2026"
SUPERVISOR_ID = 1  # the first account of the receiving workstation


@dataclass(frozen=True)
class Office:
    """`receiver`: a data folder to attack (a fresh copy per test); `package`: a genuine
    package for it; `other_package`: a second genuine package of the same source (for
    splicing); `key`: the office key."""

    receiver: Path
    package: Path
    other_package: Path
    source: Path
    key: bytes

    def digest(self) -> str:
        return content_digest(self.receiver)

    def interviews(self) -> list[tuple[str, int, str]]:
        conn = sqlite3.connect(database_path(self.receiver))
        try:
            return sorted(conn.execute("SELECT uuid, revision, content_hash FROM interviews"))
        finally:
            conn.close()

    def check_clean(self) -> None:
        report = check(self.receiver)
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
        OfficerRepository(receiver.database, receiver.audit, receiver.clock).create(
            "kasi", "Rahmat Hidayat", None, "supervisor", SUPERVISOR_PASSWORD
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
def office(offices: OfficeBuilder, tmp_path: Path) -> Office:
    """A fresh copy of the receiving workstation (and of the source and the packages) for
    one test."""
    root = offices.copy(_build, tmp_path / "office")
    found = read_office_key(root / "receiver")
    assert found is not None
    other = root / "packages" / "other.awsync"
    (first,) = (path for path in other.parent.glob("*.awsync") if path != other)
    return Office(
        root / "receiver",
        first,
        other,
        root / "source",
        found[1],
    )
