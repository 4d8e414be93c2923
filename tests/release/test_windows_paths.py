"""Data folders with spaces and non-ASCII letters (a Windows user name such as Ñoño Wïdyâ)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from interview_app.cli import main
from interview_app.commands.secret_input import ENV_PASSWORD, ENV_USER
from tests.offices import SUPERVISOR
from tests.release.conftest import ROOT

USER_DIR = Path("Data Pengguna") / "Ñoño Wïdyâ"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_demo_data_check_backup_export_and_self_test(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_USER, SUPERVISOR.username)  # the commands sign in
    monkeypatch.setenv(ENV_PASSWORD, SUPERVISOR.password)
    data_dir = tmp_path / USER_DIR / "AppData" / "Local" / "AsistenWawancara"
    assert main(["demo-data", "--data-dir", str(data_dir), "--count", "4"]) == 0
    assert str(data_dir) in capsys.readouterr().out
    assert main(["db", "check", "--data-dir", str(data_dir)]) == 0
    assert "RESULT: OK" in capsys.readouterr().out
    backup = tmp_path / USER_DIR / "Cadangan Ñ" / "cadangan 1.sqlite3"
    backup.parent.mkdir(parents=True)
    assert main(["db", "backup", "--data-dir", str(data_dir), "--out", str(backup)]) == 0
    assert main(["db", "check", "--data-dir", str(data_dir), "--file", str(backup)]) == 0
    stick = tmp_path / "Flashdisk Ñoño"
    stick.mkdir()
    assert main(["export", "--data-dir", str(data_dir), "--out", str(stick)]) == 0
    assert [p.suffix for p in stick.iterdir()] == [".awsync"]
    capsys.readouterr()
    database = data_dir / "interviews.sqlite3"
    main(["db", "check", "--data-dir", str(data_dir)])  # a check reads; nothing changes after it
    before = digest(database)
    assert main(["--self-test", "--no-qt", "--data-dir", str(data_dir)]) == 0
    assert "HASIL: BAIK" in capsys.readouterr().out
    assert digest(database) == before
    assert not [p for p in data_dir.iterdir() if p.name.startswith("self-test-")]


@pytest.mark.slow
@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_the_self_test_survives_the_console_code_page(tmp_path: Path, encoding: str) -> None:
    """Windows writes redirected output in the ANSI code page (cp1252 in Indonesia); a folder
    name it cannot encode must not turn the report into a crash."""
    env = dict(os.environ, PYTHONIOENCODING=encoding, PYTHONUTF8="0")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "interview_app",
            "--self-test",
            "--no-qt",
            "--data-dir",
            str(tmp_path / USER_DIR),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=300,
        check=False,
    )
    out = result.stdout.decode(encoding, errors="strict")
    assert result.returncode == 0, out + result.stderr.decode(encoding, errors="replace")
    assert "HASIL: BAIK / RESULT: OK" in out


@pytest.mark.slow
def test_demo_data_and_db_check_print_a_non_ascii_path_in_cp1252(tmp_path: Path) -> None:
    data_dir = tmp_path / USER_DIR
    env = dict(os.environ, PYTHONIOENCODING="cp1252", PYTHONUTF8="0")
    env.update({ENV_USER: SUPERVISOR.username, ENV_PASSWORD: SUPERVISOR.password})
    for command in (["demo-data", "--count", "2"], ["db", "check"]):
        result = subprocess.run(
            [sys.executable, "-m", "interview_app", *command, "--data-dir", str(data_dir)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, result.stderr.decode("cp1252", errors="replace")
        assert str(data_dir) in result.stdout.decode("cp1252")
