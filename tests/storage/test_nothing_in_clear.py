"""The proof the issue asks for: an office of 1,000 interviews goes through an export to a stick,
an import at a second workstation, a backup onto the stick, a daily snapshot and a snapshot
killed while it was written, all through the real command line signed in as a supervisor (or
the app's own code where no command does it: the kill); then every byte of every file in both data
folders and on the stick is scanned for each applicant's NIK, name and phone number: none is
found. The same scan finds them in a data folder of the release before (so the scan can fail).

The commands sign in with `--as USER --password-file FILE`; the scheduled backup runs with no
password at all, as a task scheduler runs it."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from interview_app.storage import maintenance
from interview_app.storage.office import Office
from interview_app.storage.unlock import PasswordCredentials, folder_is_encrypted
from tests import keyring
from tests.byte_scan import found_texts, scan_files
from tests.offices import SUPERVISOR, OfficeBuilder, run_command, sign_in_args

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
OLD_RELEASE = ROOT / "tests" / "fixtures" / "release_2026_12" / "A"
CHILD = Path(__file__).with_name("snapshot_kill_child.py")


def applicants(data_dir: Path) -> list[str]:
    """Every applicant's NIK, name and phone number in the folder's database (opened with its
    key when it is encrypted)."""
    if folder_is_encrypted(data_dir):
        with keyring.open_office(data_dir) as office:
            rows = office.database.conn.execute(
                "SELECT nik, full_name, phone FROM interviews"
            ).fetchall()
    else:
        conn = sqlite3.connect(f"file:{data_dir / 'interviews.sqlite3'}?mode=ro", uri=True)
        try:
            rows = conn.execute("SELECT nik, full_name, phone FROM interviews").fetchall()
        finally:
            conn.close()
    return sorted({value for row in rows for value in row if value})


@dataclass
class Scenario:
    """What the steps left behind, and which commands already took `--as`."""

    station_a: Path
    station_b: Path
    stick: Path
    texts: list[str]
    signed_in: dict[str, bool] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)

    def folders(self) -> list[Path]:
        return [self.station_a, self.station_b, self.stick]


def _step(scenario: Scenario, name: str, argv: list[str], sign_in: list[str]) -> None:
    """Run `argv` through the command line, signed in with `sign_in`."""
    code, output = run_command([*argv, *sign_in])
    scenario.signed_in[name] = code == 0
    scenario.outputs[name] = output
    assert code == 0, f"{name}: {output}"


def _kill_during_snapshot(data_dir: Path) -> None:
    """A child signs in, starts a snapshot and is SIGKILLed while writing it."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join((str(ROOT), os.environ["PYTHONPATH"])))
    child = subprocess.run(
        [sys.executable, str(CHILD), str(data_dir), SUPERVISOR.username, SUPERVISOR.password],
        capture_output=True,
        env=env,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    assert child.returncode == -9, (child.returncode, child.stdout, child.stderr)
    assert child.stdout.decode().splitlines() == ["signed in"]


@pytest.fixture(scope="module")
def scenario(offices: OfficeBuilder, tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    root = tmp_path_factory.mktemp("nothing-in-clear")
    station_a = offices.copy("demo-1000", root / "loket-1")
    secrets = root / "secrets"  # outside every scanned folder
    secrets.mkdir()
    sign_in = sign_in_args(secrets)
    stick = root / "stick"
    stick.mkdir()
    texts = applicants(station_a)
    assert len(texts) > 2000  # 1,000 NIKs, their names and phones

    # The second workstation of the office: the same key, its own supervisor.
    station_b = root / "loket-2"
    code, key = keyring.key_of(station_a)
    with Office.create(station_b, code, key=key) as office:
        office.settings.set("office_code", code)
        office.settings.set("workstation_name", "Loket 2")
        office.officers().create(
            SUPERVISOR.username, "Supervisor Loket 2", None, "supervisor", SUPERVISOR.password
        )
    keyring.remember(station_b, code, key)

    scenario = Scenario(station_a, station_b, stick, texts)
    a, b = ["--data-dir", str(station_a)], ["--data-dir", str(station_b)]
    _step(scenario, "export", ["export", *a, "--out", str(stick), "--full"], sign_in)
    packages = sorted(p for p in stick.iterdir() if p.is_file())
    assert packages, scenario.outputs["export"]
    _step(scenario, "import", ["import", *b, *map(str, packages)], sign_in)
    backup = stick / "loket-1.sqlite3"
    _step(scenario, "backup", ["db", "backup", *a, "--out", str(backup)], sign_in)
    assert backup.is_file()

    # The scheduled backup of a closed app, without a password (copies the encrypted pages).
    code, output = run_command(
        ["db", "backup", *b, "--out", str(stick / "loket-2-scheduled.sqlite3")]
    )
    scenario.signed_in["scheduled backup"] = code == 0
    scenario.outputs["scheduled backup"] = output

    # The day's first sign-in at Loket 2 takes its daily snapshot, as the app's start does.
    with Office.open(
        station_b, credentials=PasswordCredentials(SUPERVISOR.username, SUPERVISOR.password)
    ) as office:
        assert maintenance.snapshot_daily_if_due(office.database) is not None
    # A snapshot at Loket 1 killed while it was being written.
    _kill_during_snapshot(station_a)
    return scenario


def test_no_applicant_is_in_clear_in_any_file_of_either_folder_or_on_the_stick(
    scenario: Scenario,
) -> None:
    # Every kind of file the steps write is there to be scanned ...
    a_snapshots = maintenance.snapshots_dir(scenario.station_a)
    leftovers = list(a_snapshots.glob(".*.tmp"))
    assert len(leftovers) == 1, "the killed snapshot left its temporary copy"
    assert leftovers[0].stat().st_size > 1_000_000
    assert maintenance.list_snapshots(scenario.station_b, "daily")
    assert maintenance.list_snapshots(scenario.station_b, "pre-import")
    assert any(p.suffix != ".sqlite3" for p in scenario.stick.iterdir())  # the package
    # ... and the applicants are in them: Loket 2 holds every finished interview after the
    # import (drafts stay at their counter).
    imported = set(applicants(scenario.station_b))
    assert imported <= set(scenario.texts) and len(imported) > 2000

    hits = scan_files(scenario.folders(), scenario.texts)
    assert hits == [], f"{len(hits)} in clear, e.g. {hits[:5]}"


def test_the_same_scan_finds_every_applicant_in_the_release_before(tmp_path: Path) -> None:
    old = tmp_path / "old"
    shutil.copytree(OLD_RELEASE, old)
    texts = applicants(old)
    assert len(texts) > 20
    assert found_texts([old], texts) == set(texts)


def test_a_supervisors_first_sign_in_leaves_the_old_release_with_nothing_in_clear(
    tmp_path: Path,
) -> None:
    old = tmp_path / "old"
    shutil.copytree(OLD_RELEASE, old)
    texts = applicants(old)
    code, output = run_command(["account", "list", "--data-dir", str(old), *sign_in_args(tmp_path)])
    assert code == 0, output
    assert "KODE PEMULIHAN KANTOR / OFFICE RECOVERY CODE" in output
    assert not (old / "office.key").exists()
    assert scan_files([old], texts) == []


def _signed_in(scenario: Scenario, step: str) -> None:
    assert scenario.signed_in[step], scenario.outputs[step]


def test_the_export_signed_in_with_as_and_password_file(scenario: Scenario) -> None:
    _signed_in(scenario, "export")


def test_the_import_signed_in_with_as_and_password_file(scenario: Scenario) -> None:
    _signed_in(scenario, "import")


def test_the_backup_signed_in_with_as_and_password_file(scenario: Scenario) -> None:
    _signed_in(scenario, "backup")


def test_the_scheduled_backup_ran_without_a_password(scenario: Scenario) -> None:
    _signed_in(scenario, "scheduled backup")
    backup = scenario.stick / "loket-2-scheduled.sqlite3"
    assert backup.is_file()
    assert scan_files([backup.parent], scenario.texts) == []
