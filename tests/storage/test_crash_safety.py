"""SIGKILL a process in the middle of saving answers: every acknowledged answer survives."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from interview_app.storage import maintenance
from interview_app.storage.database import open_database

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("crash_child.py")
ROUNDS = 25


def _run_and_kill(data_dir: Path, delay: float, *, saving: bool) -> list[str]:
    """Start the child and SIGKILL it `delay` seconds after its start, or (`saving`) after it
    reports its draft, so that a slow start on a loaded machine still gets killed while saving."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join((str(ROOT), os.environ["PYTHONPATH"])))
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
    )
    lines: list[str] = []
    drafting = threading.Event()

    def read() -> None:
        assert child.stdout is not None
        for raw in child.stdout:  # only whole lines: a line cut by the kill is not an ack
            if raw.endswith(b"\n"):
                lines.append(raw.decode().strip())
                if lines[-1].startswith("draft "):
                    drafting.set()

    reader = threading.Thread(target=read)
    reader.start()
    if saving:
        drafting.wait(timeout=60)
    time.sleep(delay)
    child.kill()  # SIGKILL on POSIX: no cleanup, no atexit, no flush
    child.wait()
    reader.join()
    assert child.stderr is not None
    errors = child.stderr.read().decode()
    child.stdout.close()  # type: ignore[union-attr]
    child.stderr.close()
    assert "Traceback" not in errors, errors
    return lines


def _check(path: Path, acked: dict[str, int]) -> None:
    if not path.exists():  # killed before the first open got that far
        assert not acked
        return
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        for uuid, count in acked.items():
            stored = {
                question: value
                for question, value in conn.execute(
                    "SELECT question_id, value FROM answers WHERE interview_uuid = ?", (uuid,)
                )
            }
            for n in range(1, count + 1):
                assert f"q{n}" in stored, f"acked answer q{n} of {uuid} is lost"
                assert json.loads(stored[f"q{n}"]) == {"n": n, "text": "x" * (n % 50)}
            if count:
                score = conn.execute(
                    "SELECT score FROM interviews WHERE uuid = ?", (uuid,)
                ).fetchone()[0]
                assert score >= count
    finally:
        conn.close()


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="uses POSIX SIGKILL semantics")
def test_acknowledged_answers_survive_sigkill(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    rng = random.Random(20250106)
    acked: dict[str, int] = {}
    total = 0
    started = time.monotonic()
    for round_no in range(ROUNDS):
        # Every fifth kill lands early (start-up: migrations, key file, the draft), the rest
        # while answers are being saved (timed from the draft, however slow the start was).
        early = round_no % 5 == 0
        delay = rng.uniform(0.0, 0.2) if early else rng.uniform(0.0, 0.6)
        lines = _run_and_kill(data_dir, delay, saving=not early)
        uuid = None
        for line in lines:
            if line.startswith("draft "):
                uuid = line.split()[1]
                acked[uuid] = 0
            elif line.startswith("acked "):
                assert uuid is not None
                acked[uuid] = int(line.split()[1])
        total += acked.get(uuid, 0) if uuid else 0
        _check(data_dir / "interviews.sqlite3", acked)
        if data_dir.exists():  # and the app itself opens it (quick_check, migrations)
            with open_database(data_dir):
                pass
            # Every change made before the kill is in the audit chain with the change itself
            # (one transaction): db check finds the rows and the chain agreeing.
            if (data_dir / "office.key").exists():
                report = maintenance.check(data_dir)
                assert report.ok, report.summary("en")
    print(f"crash test: {ROUNDS} kills, {len(acked)} drafts, {total} acknowledged saves")
    assert len(acked) >= ROUNDS // 2, "too few rounds reached the saving loop"
    assert total > 500, f"only {total} acknowledged saves"
    assert time.monotonic() - started < 60
