"""The other side of the direct-edit attacks: every way the application itself writes keeps
`db check` clean, because each change is recorded in the audit chain in its own transaction
(accounts, lockouts, settings, scripts, reviews, corrections, voids, slips, exports, imports,
retention purge). A path that forgot would show here as rows the chain does not know."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from interview_app.cli import main
from interview_app.demo import DEMO_ACCOUNTS
from tests.conftest import FIXTURES
from tests.offices import OfficeBuilder, sign_in_args

pytestmark = pytest.mark.attack

TODAY = dt.date(2026, 3, 2)


def _ok(data_dir: Path, capsys: pytest.CaptureFixture[str], me: list[str]) -> None:
    capsys.readouterr()
    code = main(["db", "check", "--data-dir", str(data_dir), *me])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "content matches the audit chain" in out


def test_the_supervisor_commands_keep_db_check_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], offices: OfficeBuilder
) -> None:
    office = offices.copy("demo-12-late", tmp_path / "office")
    me = sign_in_args(tmp_path)
    _ok(office, capsys, me)
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("bukan kata sandinya", encoding="utf-8")
    new = tmp_path / "new.txt"
    new.write_text("kata sandi baru yang panjang", encoding="utf-8")
    where = ["--data-dir", str(office)]
    officer = DEMO_ACCOUNTS[1].username
    for _ in range(6):  # a lockout: counted, locked, refused
        main(["account", "list", "--as", officer, "--password-file", str(wrong), *where])
    commands = [
        ["account", "unlock", officer],
        [
            "account",
            "create",
            "petugas9",
            "--name",
            "Petugas Sembilan",
            "--role",
            "officer",
            "--new-password-file",
            str(new),
        ],
        ["account", "reset-password", officer, "--new-password-file", str(new)],
        ["account", "deactivate", "petugas9"],
        ["settings", "set", "retention_years", "1"],
        ["script", "install", str(FIXTURES / "scripts" / "mini.yaml")],
        ["retention", "purge", "--yes"],
    ]
    for command in commands:
        capsys.readouterr()
        code = main([*command, *me, *where])
        assert code == 0, (command, capsys.readouterr())
        _ok(office, capsys, me)
    stick = tmp_path / "stick"
    stick.mkdir()
    assert main(["export", *where, "--out", str(stick), *me]) == 0
    _ok(office, capsys, me)
