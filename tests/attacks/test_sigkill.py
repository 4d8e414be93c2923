"""SIGKILL at random moments in import, export, retention purge and db restore (20 kills each,
each in a fresh copy of the office). After every kill: the database is sound and holds the state
before or the state after, never a mixture; nothing acknowledged is lost; the lock the killed
process held does not block the next run; no half package carries a final name; and the next
run clears what the killed one left behind."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from interview_app.storage.maintenance import list_snapshots
from interview_app.storage.paths import database_path
from interview_app.sync.container import PackageReader, read_header
from interview_app.sync.records import BodyReader
from tests import keyed_connection, keyring
from tests.attacks.conftest import Office, record, run_cli

pytestmark = pytest.mark.attack

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("kill_child.py")
ROUNDS = 20


@dataclass
class Round:
    folder: Path
    target: str


class Factory:
    """The child factory (kill_child.py): forks one writer per request."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(CHILD)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
            cwd=ROOT,
        )
        assert self._answer() == "ready"

    def _answer(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().decode().strip()

    def _ask(self, line: str) -> str:
        assert self.process.stdin is not None
        self.process.stdin.write(line.encode() + b"\n")
        self.process.stdin.flush()
        return self._answer()

    def run(self, mode: str, round_: Round, delay: float | None) -> tuple[bool, float]:
        """Start the writer; SIGKILL it after `delay` (None: let it finish). (finished with
        exit 0, seconds)."""
        started = time.perf_counter()
        pid = int(self._ask(f"{mode}\t{round_.folder}\t{round_.target}").split()[1])
        if delay is not None:
            time.sleep(max(0.0, delay - (time.perf_counter() - started)))
            os.kill(pid, signal.SIGKILL)  # no finally, no atexit, no cleanup
        status = int(self._ask(f"wait\t{pid}").split()[1])
        return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, time.perf_counter() - started

    def close(self) -> None:
        out, err = self.process.communicate(timeout=60)
        assert b"Traceback" not in err, err.decode()


def kill_loop(
    mode: str,
    rounds: list[Round],
    check: Callable[[Round, bool], None],
) -> tuple[int, int]:
    """One run to the end (to time it), then a run killed at a uniformly random moment within
    that time in each further round. (killed mid-way, rounds killed)."""
    rng = random.Random(f"{mode}-kills")
    factory = Factory()
    try:
        finished, duration = factory.run(mode, rounds[0], None)
        assert finished, f"the {mode} itself fails"
        check(rounds[0], True)
        cut = 0
        for round_ in rounds[1:]:
            finished, _ = factory.run(mode, round_, rng.uniform(0, duration * 1.1))
            cut += not finished
            check(round_, finished)
    finally:
        factory.close()
    return cut, len(rounds) - 1


def prepare(source: Path, tmp_path: Path, count: int) -> list[Path]:
    folders = []
    for index in range(count):
        folder = tmp_path / f"round-{index}"
        shutil.copytree(source, folder)
        keyring.copied(source, folder)
        folders.append(folder)
    return folders


def integrity_ok(data_dir: Path) -> None:
    conn = keyed_connection.connect(data_dir)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        conn.close()


def rows(data_dir: Path, sql: str) -> list[tuple[object, ...]]:
    conn = keyed_connection.connect(data_dir)
    try:
        return sorted(conn.execute(sql).fetchall(), key=repr)
    finally:
        conn.close()


INTERVIEWS = "SELECT uuid, revision, content_hash FROM interviews"
ANSWERS = "SELECT interview_uuid, question_id, value FROM answers"


def state(data_dir: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    return rows(data_dir, INTERVIEWS), rows(data_dir, ANSWERS)


def leftovers(data_dir: Path) -> list[Path]:
    return [p for p in data_dir.rglob(".*.tmp*") if p.is_file()]


def settle(data_dir: Path, *argv: str | Path) -> None:
    """The next run after a kill works (the dead process's lock is taken over) and leaves no
    temporary copy behind."""
    result = run_cli(*argv)
    assert result.code in (0, 1), result.err
    assert "sedang dipakai" not in result.err, result.err
    assert leftovers(data_dir) == [], leftovers(data_dir)


def test_sigkill_during_import(office: Office, tmp_path: Path) -> None:
    before = state(office.receiver)
    folders = prepare(office.receiver, tmp_path, ROUNDS + 1)
    rounds = [Round(folder, str(office.package)) for folder in folders]
    after: list[object] = []
    lost = 0

    def check(round_: Round, finished: bool) -> None:
        nonlocal lost
        integrity_ok(round_.folder)
        now = state(round_.folder)
        if finished:
            after.append(now)
            assert now != before
        assert now in (before, *after), "a half import"
        lost += any(row not in now[0] for row in before[0])
        settle(round_.folder, "import", "--data-dir", round_.folder, office.package)
        assert state(round_.folder) == after[0]  # the import, run again, completes it

    cut, checked = kill_loop("import", rounds, check)
    assert cut >= ROUNDS // 4  # the kills did land in the middle of importing
    assert lost == 0
    record("SIGKILL during import", checked, checked, lost)


def verify_package(path: Path, key: bytes) -> int:
    with open(path, "rb") as handle:
        reader = PackageReader(handle, key)
        return sum(1 for _ in BodyReader(reader.header, reader.blocks()))


def test_sigkill_during_export(office: Office, tmp_path: Path) -> None:
    before = state(office.source)
    folders = prepare(office.source, tmp_path, ROUNDS + 1)
    rounds = []
    for folder in folders:
        stick = folder.with_name(folder.name + "-stick")
        stick.mkdir()
        rounds.append(Round(folder, str(stick)))
    lost = 0

    def check(round_: Round, finished: bool) -> None:
        nonlocal lost
        integrity_ok(round_.folder)
        assert state(round_.folder) == before  # an export changes no interview
        stick = Path(round_.target)
        packages = sorted(stick.glob("*.awsync"))
        if finished:
            lost += len(packages) != 1
        for package in packages:
            assert verify_package(package, office.key) > 0  # whole, or not there at all
        settle(round_.folder, "export", "--data-dir", round_.folder, "--out", stick, "--full")
        packages = sorted(stick.glob("*.awsync"))
        sequences = []
        for package in packages:
            with open(package, "rb") as handle:
                sequences.append(read_header(handle).sequence)
        assert len(set(sequences)) == len(sequences) >= 1, sequences  # never a number twice

    cut, checked = kill_loop("export", rounds, check)
    assert cut >= ROUNDS // 4
    assert lost == 0
    record("SIGKILL during export", checked, checked, lost)


def test_sigkill_during_retention_purge(office: Office, tmp_path: Path) -> None:
    before = state(office.receiver)
    assert before[0]
    folders = prepare(office.receiver, tmp_path, ROUNDS + 1)
    for folder in folders:  # the interviews date from 2025: a one-year period purges them
        with keyring.open_office(folder) as opened:
            opened.settings.set("retention_years", 1)
    rounds = [Round(folder, "-") for folder in folders]
    after: list[object] = []

    def check(round_: Round, finished: bool) -> None:
        integrity_ok(round_.folder)
        now = state(round_.folder)
        if finished:
            after.append(now)
        assert now in (before, *after), "a half purge"
        if now == before:  # the purge did not happen: nothing of it may show
            assert rows(round_.folder, "SELECT count(*) FROM flags") == rows(
                office.receiver, "SELECT count(*) FROM flags"
            )

    cut, checked = kill_loop("purge", rounds, check)
    assert after and after[0] != (before[0], before[1])
    assert cut >= ROUNDS // 4
    record("SIGKILL during retention purge", checked, checked, 0)


def test_sigkill_during_restore(office: Office, tmp_path: Path) -> None:
    current = state(office.receiver)
    (snapshot_file,) = list_snapshots(office.receiver)
    folders = prepare(office.receiver, tmp_path, ROUNDS + 1)
    rounds = [Round(folder, str(folder / "snapshots" / snapshot_file.name)) for folder in folders]
    restored: list[object] = []
    lost = 0

    def check(round_: Round, finished: bool) -> None:
        nonlocal lost
        assert database_path(round_.folder).exists()  # never a moment without a database
        integrity_ok(round_.folder)
        now = state(round_.folder)
        if finished:
            restored.append(now)
            assert now != current
        assert now in (current, *restored)
        if now != current:  # the replaced database must be kept whole in backups/
            kept = sorted((round_.folder / "backups").glob("replaced-*.sqlite3"))
            assert kept
            conn = keyed_connection.connect(round_.folder, kept[-1])
            try:
                held = sorted(conn.execute(INTERVIEWS).fetchall(), key=repr)
            finally:
                conn.close()
            lost += held != current[0]
        settle(
            round_.folder, "db", "restore", "--data-dir", round_.folder, "--snapshot", round_.target
        )

    cut, checked = kill_loop("restore", rounds, check)
    assert cut >= ROUNDS // 4
    assert lost == 0
    record("SIGKILL during db restore", checked, checked, lost)
