"""A database file held by another process: the CLI says so in both languages, never crashes."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from interview_app.cli import main
from interview_app.commands.secret_input import ENV_PASSWORD, ENV_USER
from interview_app.storage.cipher import database_key
from tests import keyed_connection, keyring
from tests.offices import SUPERVISOR

pytestmark = pytest.mark.slow  # a real second process, and the 5 s busy timeout

# Another program holding the file, the way a second app instance, a backup tool or a viewer
# with unsaved changes does (with the key: the file is encrypted): "write" takes the write lock
# (BEGIN EXCLUSIVE; in WAL mode readers still read), "all" also sets locking_mode=EXCLUSIVE so
# that no one else can even read.
HOLDER = """
import sys
from pathlib import Path
from interview_app.storage.cipher import connect_keyed
conn = connect_keyed(Path(sys.argv[1]), bytes.fromhex(sys.argv[3]))
conn.isolation_level = None
if sys.argv[2] == "all":
    conn.execute("PRAGMA locking_mode = EXCLUSIVE")
conn.execute("BEGIN EXCLUSIVE")
conn.execute("UPDATE settings SET value = value WHERE key = 'office_code'")
print("held", flush=True)
sys.stdin.read()
"""


@contextmanager
def held(data_dir: Path, mode: str) -> Iterator[None]:
    with subprocess.Popen(
        [
            sys.executable,
            "-c",
            HOLDER,
            str(data_dir / "interviews.sqlite3"),
            mode,
            database_key(keyring.key_of(data_dir)[1]).hex(),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        assert holder.stdin is not None and holder.stdout is not None
        try:
            assert holder.stdout.readline().strip() == "held"
            yield
        finally:
            holder.stdin.close()
            holder.wait(timeout=10)


@pytest.fixture
def office(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The demo office; the commands sign in as its supervisor."""
    data_dir = tmp_path / "Data Pengguna" / "Ñoño Wïdyâ"
    assert main(["demo-data", "--data-dir", str(data_dir), "--count", "3"]) == 0
    capsys.readouterr()
    monkeypatch.setenv(ENV_USER, SUPERVISOR.username)
    monkeypatch.setenv(ENV_PASSWORD, SUPERVISOR.password)
    return data_dir


def interviews(data_dir: Path) -> int:
    conn = keyed_connection.connect(data_dir)
    try:
        return int(conn.execute("SELECT count(*) FROM interviews").fetchone()[0])
    finally:
        conn.close()


def assert_locked_message(stderr: str) -> None:
    assert "Traceback" not in stderr
    assert "dikunci oleh program lain" in stderr  # Indonesian first
    assert "locked by another program" in stderr  # then English


@pytest.mark.parametrize("mode", ["write", "all"])
def test_a_write_while_another_process_holds_the_file_is_refused_calmly(
    office: Path, mode: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with held(office, mode):
        assert main(["demo-data", "--data-dir", str(office), "--count", "2"]) == 1
    assert_locked_message(capsys.readouterr().err)
    assert interviews(office) == 3  # nothing half-written
    # Once the other program lets go, the same command goes through.
    assert main(["demo-data", "--data-dir", str(office), "--count", "2"]) == 0
    assert interviews(office) == 5


def test_db_check_reads_past_a_writer_in_wal_mode(
    office: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with held(office, "write"):
        assert main(["db", "check", "--data-dir", str(office)]) == 0
    assert "RESULT: OK" in capsys.readouterr().out


def test_db_check_of_a_file_no_one_else_may_read_says_it_is_locked(
    office: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with held(office, "all"):
        assert main(["db", "check", "--data-dir", str(office)]) == 1
    captured = capsys.readouterr()
    assert_locked_message(captured.out + captured.err)
    assert "integritas gagal" not in captured.out.lower()


def test_the_self_test_never_touches_the_real_database(
    office: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with held(office, "all"):
        assert main(["--self-test", "--no-qt", "--data-dir", str(office)]) == 0
    assert "HASIL: BAIK / RESULT: OK" in capsys.readouterr().out
    assert interviews(office) == 3
