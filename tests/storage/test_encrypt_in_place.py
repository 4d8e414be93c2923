"""A plaintext data folder encrypted in place: nothing personal left in clear anywhere in the
folder (the byte scan proves it, and finds everything in the folder before), the office opens
with its key, and a kill at any point loses nothing and leaves no plaintext once finished."""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from interview_app.errors import KnownError
from interview_app.storage import maintenance
from interview_app.storage.cipher import database_key, is_plaintext_database, looks_encrypted
from interview_app.storage.database import connect, open_database
from interview_app.storage.encrypt_in_place import (
    encrypt_data_folder,
    needs_encryption,
    plaintext_files,
)
from interview_app.storage.errors import DatabaseCorrupt
from interview_app.storage.keys import read_office_key

from ..byte_scan import found_texts, scan_files
from ..release_before import plaintext_demo_office
from . import encrypt_child

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("encrypt_child.py")
TODAY = dt.date(2026, 11, 28)
NEW_NAME = "Zulkarnain Batubara"


def _applicants(database_file: Path, count: int = 50) -> list[str]:
    conn = sqlite3.connect(database_file)
    try:
        rows = conn.execute("SELECT nik, full_name, phone FROM interviews").fetchall()
    finally:
        conn.close()
    texts = [str(value) for row in rows for value in row if value]
    assert len(texts) >= 2 * count  # NIK and name of every interview, and most phones
    return texts


def _page_key(data_dir: Path) -> bytes:
    found = read_office_key(data_dir)
    assert found is not None
    return database_key(found[1])


def _plaintext_office(data_dir: Path, count: int = 50) -> None:
    """A demo office whose data is everywhere a real one keeps it in clear today: the database
    (and its WAL), a daily snapshot, the database a restore replaced (in backups/), and a
    snapshot a kill cut off (a hidden temporary file)."""
    plaintext_demo_office(data_dir, count=count, today=TODAY)
    database = open_database(data_dir)
    try:
        snap = maintenance.snapshot(database, "daily")
    finally:
        database.close()
    maintenance.restore_snapshot(data_dir, snap)
    shutil.copy(snap, data_dir / "snapshots" / f".{snap.name}.0123abcd.tmp")


def test_the_byte_scan_finds_utf8_and_utf16_and_nothing_else(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / ".hidden").write_bytes(b"xx" + "Siti Lamato".encode("utf-16-le"))
    (tmp_path / "a.txt").write_bytes(b"NIK 7271015708900003 ok")
    (tmp_path / "b.txt").write_bytes("Siti".encode("utf-16-be"))
    hits = scan_files([tmp_path], ["7271015708900003", "Siti Lamato", "Hendra Saleh"])
    assert {(h.text, h.encoding, h.path.name) for h in hits} == {
        ("7271015708900003", "utf-8", "a.txt"),
        ("Siti Lamato", "utf-16-le", ".hidden"),
    }
    with pytest.raises(ValueError):
        scan_files([tmp_path], ["abc"])


def test_a_converted_office_shows_no_applicant_in_any_file(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    stick = tmp_path / "stick"
    stick.mkdir()
    _plaintext_office(data_dir)
    texts = _applicants(data_dir / "interviews.sqlite3")
    # The same scan finds every applicant in the plaintext folder (so this test can fail).
    assert found_texts([data_dir], texts) == set(texts)
    hits = scan_files([data_dir], texts)
    assert {h.path.parent.name for h in hits} >= {"data", "snapshots", "backups"}
    assert needs_encryption(data_dir)

    seen: list[tuple[int, int]] = []
    result = encrypt_data_folder(
        data_dir, _page_key(data_dir), progress=lambda done, total, _: seen.append((done, total))
    )
    assert len(result.encrypted) == 3 and not result.removed  # database, snapshot, replaced
    assert seen[0] == (0, 3) and seen[-1] == (3, 3)
    assert not plaintext_files(data_dir) and not needs_encryption(data_dir)
    assert scan_files([data_dir], texts) == []

    # The office opens with its key and works on; what it writes now (the WAL, a snapshot,
    # a backup on the stick) is encrypted too.
    database = open_database(data_dir, key=_page_key(data_dir))
    try:
        assert database.conn.execute("SELECT count(*) FROM interviews").fetchone() == (50,)
        with database.transaction() as conn:
            conn.execute(
                "UPDATE interviews SET full_name = ? WHERE rowid = (SELECT min(rowid) FROM"
                " interviews)",
                (NEW_NAME,),
            )
        maintenance.snapshot(database, "pre-import")
        maintenance.backup(database, stick / "cadangan.sqlite3")
        assert (data_dir / "interviews.sqlite3-wal").stat().st_size > 0
        assert scan_files([data_dir, stick], [*texts, NEW_NAME]) == []
    finally:
        database.close()
    assert scan_files([data_dir, stick], [*texts, NEW_NAME]) == []
    for path in [data_dir / "interviews.sqlite3", *(data_dir / "snapshots").iterdir()]:
        assert looks_encrypted(path), path


def test_a_damaged_database_stops_the_run_and_a_damaged_snapshot_is_removed(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    _plaintext_office(data_dir)
    snapshot = maintenance.list_snapshots(data_dir)[0]
    with open(snapshot, "r+b") as handle:  # its pages (past the header page) scribbled over
        handle.seek(4096)
        handle.write(os.urandom(snapshot.stat().st_size - 4096))
    result = encrypt_data_folder(data_dir, _page_key(data_dir))
    assert result.removed == [snapshot] and not snapshot.exists()
    assert not plaintext_files(data_dir)

    other = tmp_path / "other"
    plaintext_demo_office(other, count=0, today=TODAY)
    database_file = other / "interviews.sqlite3"
    conn = sqlite3.connect(database_file)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    size = database_file.stat().st_size
    with open(database_file, "r+b") as handle:
        handle.seek(4096)
        handle.write(os.urandom(size - 4096))
    before = database_file.read_bytes()
    with pytest.raises(DatabaseCorrupt):
        encrypt_data_folder(other, _page_key(other))
    assert database_file.read_bytes() == before
    assert not [p for p in other.iterdir() if p.name.endswith(".tmp")]


def test_a_database_another_program_reads_is_not_converted(tmp_path: Path) -> None:
    """The caller holds the data folder's lock (no app window is open); a program reading
    the file all the same (a backup tool) makes the run stop with nothing changed."""
    data_dir = tmp_path / "data"
    plaintext_demo_office(data_dir, count=0, today=TODAY)
    database_file = data_dir / "interviews.sqlite3"
    reader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None);"
            " c.execute('BEGIN'); c.execute('SELECT count(*) FROM settings').fetchall();"
            " print('reading', flush=True); sys.stdin.read()",
            str(database_file),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    try:
        assert reader.stdout is not None
        assert reader.stdout.readline().strip() == b"reading"
        with pytest.raises(KnownError) as caught:
            encrypt_data_folder(data_dir, _page_key(data_dir))
        assert "dikunci" in str(caught.value) and "locked" in str(caught.value)
    finally:
        reader.communicate(b"", timeout=30)
    assert is_plaintext_database(database_file)
    assert not [p for p in data_dir.iterdir() if p.name.endswith(".tmp")]


# Kills ------------------------------------------------------------------------------------


def _count(path: Path, key: bytes | None) -> int:
    conn = connect(path, key=key)
    try:
        assert [row[0] for row in conn.execute("PRAGMA integrity_check")] == ["ok"]
        return int(conn.execute("SELECT count(*) FROM interviews").fetchone()[0])
    finally:
        conn.close()


def _child(data_dir: Path, key: bytes) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join((str(ROOT), os.environ["PYTHONPATH"])))
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(data_dir), key.hex()],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
    )


def _after_the_kill(data_dir: Path, key: bytes, texts: list[str], expected: int) -> None:
    """Either the plaintext original or the encrypted file, whole; the next run finishes, and
    then nothing is in clear."""
    main = data_dir / "interviews.sqlite3"
    assert _count(main, None if is_plaintext_database(main) else key) == expected
    encrypt_data_folder(data_dir, key)
    assert _count(main, key) == expected
    assert not plaintext_files(data_dir)
    assert scan_files([data_dir], texts) == []


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="uses POSIX fork and SIGKILL")
def test_a_kill_at_every_step_loses_nothing_and_leaves_no_plaintext(tmp_path: Path) -> None:
    """A forked child (the application already loaded) kills itself before and after each
    step of the conversion in turn, until one run goes through. One database file here; the
    folder's several files are the random kills' case."""
    template = tmp_path / "template"
    plaintext_demo_office(template, count=5, today=TODAY)
    texts = _applicants(template / "interviews.sqlite3", count=5)
    key = _page_key(template)
    expected = _count(template / "interviews.sqlite3", None)
    kills = 0
    for kill_at in range(1, 200):
        data_dir = tmp_path / f"run{kill_at}"
        shutil.copytree(template, data_dir)
        pid = os.fork()
        if pid == 0:  # the child: never returns into pytest
            code = 70
            try:
                encrypt_child.kill_at_step(kill_at)
                encrypt_data_folder(data_dir, key)
                code = 0
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        if os.WIFEXITED(status):
            assert os.WEXITSTATUS(status) == 0
            assert not plaintext_files(data_dir)
            assert scan_files([data_dir], texts) == []
            break
        assert os.WTERMSIG(status) == signal.SIGKILL
        kills += 1
        _after_the_kill(data_dir, key, texts, expected)
        shutil.rmtree(data_dir)
    else:
        pytest.fail("the conversion never finished")
    # Killed before and after every step (and the leftovers' removal).
    assert kills >= 14, kills


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="uses POSIX SIGKILL semantics")
def test_a_kill_at_a_random_moment_loses_nothing(tmp_path: Path) -> None:
    template = tmp_path / "template"
    _plaintext_office(template)
    texts = _applicants(template / "interviews.sqlite3")
    key = _page_key(template)
    expected = _count(template / "interviews.sqlite3", None)
    rng = random.Random(16)
    for round_no in range(5):
        data_dir = tmp_path / f"run{round_no}"
        shutil.copytree(template, data_dir)
        child = _child(data_dir, key)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == b"start"
        time.sleep(rng.uniform(0.0, 0.08))
        child.kill()
        child.communicate(timeout=60)
        _after_the_kill(data_dir, key, texts, expected)
        shutil.rmtree(data_dir)
