"""The supervisor command line: an officer gets exit 1, a supervisor's operations work, secrets
come from files or the environment and are never prompted for without a terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_app.cli import main
from interview_app.storage.office_settings import OfficeSettings, officer_repository
from interview_app.storage.questionnaires import QuestionnaireStore
from tests.offices import OFFICER, SUPERVISOR, TODAY, Office
from tests.supervision.scripts_fixture import BROKEN, BROKEN_LINES, EDITED, MINI


@pytest.fixture
def secrets(tmp_path: Path) -> dict[str, Path]:
    files = {}
    for name, text in (
        ("supervisor", SUPERVISOR.password + "\n"),
        ("officer", OFFICER.password),
        ("new", "sandi-baru-yang-panjang\r\n"),
    ):
        files[name] = tmp_path / f"{name}.txt"
        files[name].write_text(text, encoding="utf-8")
    return files


def run(office: Office, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([*args, "--data-dir", str(office.data_dir)])
    out, err = capsys.readouterr()
    return code, out, err


def as_supervisor(secrets: dict[str, Path]) -> list[str]:
    return ["--as", SUPERVISOR.username, "--password-file", str(secrets["supervisor"])]


COMMANDS = [
    ["account", "list"],
    ["account", "unlock", "petugas2"],
    ["settings", "set", "retention_years", "1"],
    ["settings", "list"],
    ["script", "list"],
    ["audit", "check"],
    ["retention", "purge", "--yes"],
    ["report", "--from", "2026-01-01", "--to", "2026-01-31", "--out", "OUT"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c[:2]) for c in COMMANDS])
def test_an_officer_gets_exit_1_supervisors_only(
    office: Office, capsys: pytest.CaptureFixture[str], secrets: dict[str, Path], command: list[str]
) -> None:
    out_file = office.data_dir / "officer-report.csv"
    command = [str(out_file) if part == "OUT" else part for part in command]
    code, out, err = run(
        office,
        capsys,
        *command,
        "--as",
        OFFICER.username,
        "--password-file",
        str(secrets["officer"]),
    )
    assert code == 1
    assert "hanya supervisor" in err and "supervisors only" in err
    assert out == "" and not out_file.exists()
    assert OfficeSettings(office.database).retention_years == 5


def test_wrong_password_and_missing_password(
    office: Office,
    capsys: pytest.CaptureFixture[str],
    secrets: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, _, err = run(
        office,
        capsys,
        "account",
        "list",
        "--as",
        SUPERVISOR.username,
        "--password-file",
        str(secrets["officer"]),
    )
    assert code == 1 and "Wrong username or password" in err
    monkeypatch.delenv("INTERVIEW_APP_PASSWORD", raising=False)
    code, _, err = run(office, capsys, "account", "list", "--as", SUPERVISOR.username)
    assert code == 1 and "INTERVIEW_APP_PASSWORD" in err  # no terminal: no prompt
    monkeypatch.setenv("INTERVIEW_APP_PASSWORD", SUPERVISOR.password)
    monkeypatch.setenv("INTERVIEW_APP_USER", SUPERVISOR.username)
    code, out, _ = run(office, capsys, "account", "list")
    assert code == 0 and OFFICER.username in out


def test_accounts_by_command_line(
    office: Office, capsys: pytest.CaptureFixture[str], secrets: dict[str, Path]
) -> None:
    sup = as_supervisor(secrets)
    code, out, _ = run(
        office,
        capsys,
        "account",
        "create",
        "petugas3",
        "--name",
        "Ilham Saleh",
        "--new-password-file",
        str(secrets["new"]),
        *sup,
    )
    assert code == 0 and "petugas3" in out
    officers = officer_repository(office.database, office.audit)
    assert officers.authenticate("petugas3", "sandi-baru-yang-panjang").must_change_password
    code, _, _ = run(
        office,
        capsys,
        "account",
        "change-password",
        "--as",
        "petugas3",
        "--password-file",
        str(secrets["new"]),
        "--new-password-file",
        str(secrets["officer"]),
    )
    assert code == 0
    assert not officers.authenticate("petugas3", OFFICER.password).must_change_password
    assert (
        run(
            office,
            capsys,
            "account",
            "reset-password",
            "petugas3",
            "--new-password-file",
            str(secrets["new"]),
            *sup,
        )[0]
        == 0
    )
    assert officers.authenticate("petugas3", "sandi-baru-yang-panjang").must_change_password
    assert run(office, capsys, "account", "deactivate", "petugas3", *sup)[0] == 0
    code, out, _ = run(office, capsys, "account", "list", *sup)
    assert "petugas3" in out and "nonaktif / inactive" in out


def test_scripts_by_command_line(
    office: Office, capsys: pytest.CaptureFixture[str], secrets: dict[str, Path], tmp_path: Path
) -> None:
    sup = as_supervisor(secrets)
    broken = tmp_path / "broken.yaml"
    broken.write_text(BROKEN, encoding="utf-8")
    active = QuestionnaireStore(office.database).active()
    code, out, err = run(office, capsys, "script", "install", str(broken), *sup)
    assert code == 1
    for line in BROKEN_LINES:
        assert f"{broken}:{line}:" in err
    assert QuestionnaireStore(office.database).active() == active
    mini, edited = tmp_path / "mini.yaml", tmp_path / "mini2.yaml"
    mini.write_text(MINI, encoding="utf-8")
    edited.write_text(EDITED, encoding="utf-8")
    code, out, _ = run(office, capsys, "script", "install", str(mini), *sup)
    assert code == 0
    digest = out.strip().splitlines()[-1].split()[-1]
    assert run(office, capsys, "script", "activate", digest, *sup)[0] == 0
    code, out, _ = run(office, capsys, "script", "diff", str(edited), *sup)
    assert code == 0
    assert "? possible rename: job -> occupation" in out and "- question removed: documents" in out


def test_settings_audit_retention_and_report_by_command_line(
    office: Office, capsys: pytest.CaptureFixture[str], secrets: dict[str, Path], tmp_path: Path
) -> None:
    sup = as_supervisor(secrets)
    code, _, err = run(office, capsys, "settings", "set", "idle_lock_minutes", "99", *sup)
    assert code == 1 and "between 1 and 30" in err
    assert run(office, capsys, "settings", "set", "idle_lock_minutes", "3", *sup)[0] == 0
    assert run(office, capsys, "settings", "get", "idle_lock_minutes", *sup)[1].strip() == "3"
    code, out, _ = run(office, capsys, "audit", "list", "--action", "settings.", *sup)
    assert code == 0 and "settings.change" in out
    code, out, _ = run(office, capsys, "audit", "check", *sup)
    assert code == 0 and "intact" in out
    code, out, _ = run(office, capsys, "retention", "dry-run", *sup)
    assert code == 0 and "0 interview(s)" in out
    code, _, err = run(office, capsys, "retention", "purge", *sup)
    assert code == 1 and "--yes" in err
    for name in ("rekap.pdf", "rekap.csv", "rekap.xlsx"):
        code, out, _ = run(
            office,
            capsys,
            "report",
            "--from",
            "2025-12-01",
            "--to",
            str(TODAY),
            "--out",
            str(tmp_path / name),
            "--redacted",
            *sup,
        )
        assert code == 0 and (tmp_path / name).stat().st_size > 0
    code, _, err = run(
        office,
        capsys,
        "report",
        "--from",
        "2026-01-01",
        "--to",
        "2026-01-31",
        "--out",
        str(tmp_path / "x.doc"),
        *sup,
    )
    assert code == 1 and ".xlsx" in err
