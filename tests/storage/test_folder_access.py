"""The data folder limited to its owner: icacls on Windows (through a fake runner here), 0700 on
POSIX; what could not be done comes back as advice, never as an error."""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

import pytest

from interview_app.storage import folder_access
from interview_app.storage.database import open_database
from interview_app.storage.folder_access import (
    CommandResult,
    current_windows_user,
    parse_dacl,
    read_folder_access,
    restrict_folder,
    windows_acl_command,
)

USER_SID = "S-1-5-21-1004336348-1177238915-682003330-1001"
WHOAMI = f'"kanim-palu\\budi","{USER_SID}"\r\n'
FOLDER = Path("C:/Users/Budi Ñoño/AppData/Local/AsistenWawancara")


class FakeWindows:
    """Answers whoami, icacls and PowerShell's Get-Acl as a Windows PC would; records calls."""

    def __init__(
        self,
        *,
        sddl: str = "",
        icacls: CommandResult | Exception | None = None,
        whoami: CommandResult | Exception | None = None,
        powershell: CommandResult | Exception | None = None,
    ) -> None:
        self.calls: list[list[str]] = []
        self.answers = {
            "whoami": whoami or CommandResult(0, WHOAMI),
            "icacls": icacls or CommandResult(0, ""),
            "powershell": powershell or CommandResult(0, sddl + "\r\n"),
        }

    def __call__(self, args: Sequence[str]) -> CommandResult:
        self.calls.append(list(args))
        answer = self.answers[args[0]]
        if isinstance(answer, Exception):
            raise answer
        return answer


def test_icacls_limits_the_folder_to_the_user_by_sid_administrators_and_system() -> None:
    runner = FakeWindows()
    access = restrict_folder(FOLDER, runner=runner, windows=True)
    assert access.restricted is True and access.advice is None
    assert runner.calls[-1] == [
        "icacls",
        str(FOLDER),
        "/inheritance:r",
        "/grant:r",
        f"*{USER_SID}:(OI)(CI)F",
        "/grant:r",
        "*S-1-5-32-544:(OI)(CI)F",
        "/grant:r",
        "*S-1-5-18:(OI)(CI)F",
        "/Q",
    ]
    assert "Administrators" in access.detail.en


def test_without_whoami_the_user_is_named_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert current_windows_user({"USERNAME": "budi", "USERDOMAIN": "IMIGRASI"}) == "IMIGRASI\\budi"
    assert current_windows_user({"USERNAME": "budi"}) == "budi"
    assert current_windows_user({}) is None
    monkeypatch.setenv("USERNAME", "budi")
    monkeypatch.setenv("USERDOMAIN", "IMIGRASI")
    runner = FakeWindows(whoami=FileNotFoundError("whoami"))
    assert restrict_folder(FOLDER, runner=runner, windows=True).restricted is True
    assert runner.calls[-1][4] == "IMIGRASI\\budi:(OI)(CI)F"


@pytest.mark.parametrize(
    "icacls",
    [
        CommandResult(5, "", "Access is denied.\r\n"),
        FileNotFoundError(2, "No such file", "icacls"),
        subprocess.TimeoutExpired("icacls", 60),
    ],
    ids=["denied", "missing", "hangs"],
)
def test_a_failed_icacls_becomes_advice_with_the_command_to_run(
    icacls: CommandResult | Exception,
) -> None:
    access = restrict_folder(FOLDER, runner=FakeWindows(icacls=icacls), windows=True)
    assert access.restricted is None
    assert access.advice is not None
    assert "admin TI" in access.advice.id and "IT admin" in access.advice.en
    assert f'icacls "{FOLDER}" /inheritance:r' in access.advice.en
    assert "could not be changed" in access.detail.en


def test_an_unknown_user_changes_nothing_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("USERNAME", raising=False)
    runner = FakeWindows(whoami=CommandResult(1, ""))
    access = restrict_folder(FOLDER, runner=runner, windows=True)
    assert access.restricted is None and access.advice is not None
    assert [call[0] for call in runner.calls] == ["whoami"]  # icacls never ran


RESTRICTED = (
    f"O:{USER_SID}G:{USER_SID}D:PAI(A;OICI;FA;;;{USER_SID})(A;OICI;FA;;;BA)(A;OICI;FA;;;SY)"
)
INHERITED = f"O:{USER_SID}D:AI(A;OICIID;FA;;;SY)(A;OICIID;FA;;;BA)(A;OICIID;FA;;;{USER_SID})"
USERS_TOO = f"O:BAD:PAI(A;OICI;FA;;;{USER_SID})(A;OICI;FA;;;BA)(A;OICI;0x1200a9;;;BU)"


def test_the_acl_is_read_as_sddl_by_sid() -> None:
    assert parse_dacl(RESTRICTED) == (True, [("A", USER_SID), ("A", "BA"), ("A", "SY")])
    assert parse_dacl(INHERITED)[0] is False  # type: ignore[index]
    assert parse_dacl("nonsense") is None
    runner = FakeWindows(sddl=RESTRICTED)
    access = read_folder_access(FOLDER, runner=runner, windows=True)
    assert access.restricted is True and access.advice is None
    query = runner.calls[-1]
    assert query[0] == "powershell" and "Get-Acl -LiteralPath 'C:" in query[-1]


def test_a_folder_name_with_a_quote_is_quoted_for_powershell() -> None:
    runner = FakeWindows(sddl=RESTRICTED)
    read_folder_access(PurePosixPath("C:/Data/O'Brien"), runner=runner, windows=True)
    assert "-LiteralPath 'C:/Data/O''Brien'" in runner.calls[-1][-1]


@pytest.mark.parametrize(
    ("sddl", "why"),
    [(INHERITED, "inherited from its parent"), (USERS_TOO, "other accounts may open it: BU")],
)
def test_an_open_folder_is_reported_with_the_reason_and_the_fix(sddl: str, why: str) -> None:
    access = read_folder_access(FOLDER, runner=FakeWindows(sddl=sddl), windows=True)
    assert access.restricted is False
    assert why in access.detail.en
    assert access.advice is not None and f"*{USER_SID}:(OI)(CI)F" in access.advice.en


@pytest.mark.parametrize(
    "powershell",
    [
        CommandResult(1, "", "Get-Acl : Attempted to perform an unauthorized operation."),
        FileNotFoundError(2, "No such file", "powershell"),
    ],
    ids=["denied", "missing"],
)
def test_an_acl_that_cannot_be_read_is_advice_not_an_error(
    powershell: CommandResult | Exception,
) -> None:
    access = read_folder_access(FOLDER, runner=FakeWindows(powershell=powershell), windows=True)
    assert access.restricted is None
    assert access.advice is not None and "IT admin" in access.advice.en


def test_windows_acl_command_takes_a_name_too() -> None:
    assert windows_acl_command(FOLDER, "IMIGRASI\\budi")[4] == "IMIGRASI\\budi:(OI)(CI)F"


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_posix_a_new_data_folder_is_0700_and_reported_restricted(tmp_path: Path) -> None:
    data_dir = tmp_path / "baru" / "data"
    open_database(data_dir).close()
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    access = read_folder_access(data_dir)
    assert access.restricted is True and "0700" in access.detail.en


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_posix_an_open_folder_is_advice_and_restrict_closes_it(tmp_path: Path) -> None:
    os.chmod(tmp_path, 0o755)
    access = read_folder_access(tmp_path)
    assert access.restricted is False and access.advice is not None
    assert "chmod 700" in access.advice.en
    assert restrict_folder(tmp_path).restricted is True
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o700


def test_the_folder_is_restricted_only_when_it_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[Path] = []
    monkeypatch.setattr(
        "interview_app.storage.database.restrict_folder", lambda folder: made.append(folder)
    )
    open_database(tmp_path / "new").close()
    open_database(tmp_path / "new").close()
    assert made == [tmp_path / "new"]
    assert folder_access.SYSTEM_SID == "S-1-5-18"
