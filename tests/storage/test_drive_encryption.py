"""BitLocker on the system drive, as advice: the shell property first (a standard user may read
it), manage-bde second; fake runners stand in for Windows."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from interview_app.storage.drive_encryption import (
    NOT_APPLICABLE,
    OFF,
    ON,
    UNKNOWN,
    bitlocker_status,
    system_drive,
)
from interview_app.storage.folder_access import CommandResult

MANAGE_BDE_ON = """BitLocker Drive Encryption: Configuration Tool version 10.0.19041
Copyright (C) 2013 Microsoft Corporation. All rights reserved.

Volume C: [Windows]
[OS Volume]

    Size:                 237,84 GB
    BitLocker Version:    2.0
    Conversion Status:    Fully Encrypted
    Percentage Encrypted: 100,0%
    Encryption Method:    XTS-AES 128
    Protection Status:    Protection On
    Lock Status:          Unlocked
    Identification Field: Unknown
    Key Protectors:
        TPM
        Numerical Password
"""
MANAGE_BDE_OFF = MANAGE_BDE_ON.replace("Fully Encrypted", "Fully Decrypted").replace(
    "Protection On", "Protection Off"
)
DENIED = CommandResult(
    -2147024891,
    "BitLocker Drive Encryption: Configuration Tool version 10.0.19041\r\n"
    "ERROR: An attempt to access a required resource was denied.\r\n"
    "Check that you have administrative rights on the computer.\r\n",
)


class Fake:
    def __init__(self, **answers: CommandResult | Exception) -> None:
        self.answers = answers
        self.calls: list[list[str]] = []

    def __call__(self, args: Sequence[str]) -> CommandResult:
        self.calls.append(list(args))
        answer = self.answers.get(args[0].replace("-", "_"), FileNotFoundError(args[0]))
        if isinstance(answer, Exception):
            raise answer
        return answer


@pytest.mark.parametrize(("value", "state"), [("1", ON), ("2", OFF), ("3", ON), ("6", ON)])
def test_the_shell_property_answers_without_an_administrator(value: str, state: str) -> None:
    runner = Fake(powershell=CommandResult(0, value + "\r\n"))
    found = bitlocker_status(runner=runner, windows=True, drive="C:")
    assert found.state == state
    assert [call[0] for call in runner.calls] == ["powershell"]
    assert "NameSpace('C:\\')" in runner.calls[0][-1]
    assert (found.advice is None) == (state == ON)


def test_off_is_advice_to_ask_it_never_a_failure() -> None:
    found = bitlocker_status(
        runner=Fake(powershell=CommandResult(0, "2\r\n")), windows=True, drive="C:"
    )
    assert found.state == OFF
    assert found.advice is not None
    assert str(found.advice) == (
        "BitLocker tidak aktif: sarankan TI menyalakannya. / BitLocker is off: ask IT to "
        "switch it on."
    )


@pytest.mark.parametrize(("text", "state"), [(MANAGE_BDE_ON, ON), (MANAGE_BDE_OFF, OFF)])
def test_manage_bde_answers_when_the_shell_says_nothing(text: str, state: str) -> None:
    runner = Fake(powershell=CommandResult(0, "\r\n"), manage_bde=CommandResult(0, text))
    found = bitlocker_status(runner=runner, windows=True, drive="C:")
    assert found.state == state
    assert runner.calls[-1] == ["manage-bde", "-status", "C:"]
    assert "Fully" in found.detail.en


def test_access_denied_is_unknown_with_advice() -> None:
    runner = Fake(powershell=FileNotFoundError("powershell"), manage_bde=DENIED)
    found = bitlocker_status(runner=runner, windows=True, drive="C:")
    assert found.state == UNKNOWN
    assert "access denied (needs an administrator)" in found.detail.en
    assert found.advice is not None and "Ask IT" in found.advice.en


def test_no_command_at_all_is_unknown_with_advice() -> None:
    found = bitlocker_status(runner=Fake(), windows=True, drive="D:")
    assert found.state == UNKNOWN and found.drive == "D:"
    assert "manage-bde is not available" in found.detail.en
    assert found.advice is not None


def test_a_translated_manage_bde_is_not_guessed_at() -> None:
    text = "Status Konversi:    Terenkripsi Penuh\nStatus Perlindungan:  Perlindungan Aktif\n"
    runner = Fake(powershell=CommandResult(0, "0\r\n"), manage_bde=CommandResult(0, text))
    found = bitlocker_status(runner=runner, windows=True, drive="C:")
    assert found.state == UNKNOWN and "output not recognised" in found.detail.en


def test_outside_windows_it_does_not_apply() -> None:
    runner = Fake()
    found = bitlocker_status(runner=runner, windows=False)
    assert found.state == NOT_APPLICABLE and found.advice is None
    assert runner.calls == []


def test_the_system_drive_comes_from_the_environment() -> None:
    assert system_drive({"SystemDrive": "D:"}) == "D:"
    assert system_drive({}) == "C:"
    assert system_drive({"SystemDrive": "C:'; Remove-Item"}) == "C:"  # never into the command
