"""Whether Windows' system drive is encrypted with BitLocker: advice for the self-test, never a
failure. The database is encrypted by the app either way; BitLocker also covers what the app
cannot: the page file, crash dumps, freed disk blocks that once held the plaintext database
before its conversion.

First the shell's `System.Volume.BitLockerProtection` property (PowerShell), which answers a
standard user and is a number, not a translated text (1 on, 2 off, 3 encrypting, 4 decrypting,
5 on, 6 on and locked: taken from Explorer's own verbs and public scripts, not measured on
hardware here; any other value is "unknown"). When it says nothing usable, `manage-bde
-status`, which needs an administrator and answers in English on an English Windows only;
what it cannot tell is said as such."""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass

from interview_app.storage.folder_access import CommandRunner, powershell_command, run_command
from interview_app.text import Message

ON, OFF, UNKNOWN, NOT_APPLICABLE = "on", "off", "unknown", "not-applicable"
_SHELL_STATES = {1: ON, 2: OFF, 3: ON, 4: OFF, 5: ON, 6: ON}
ASK_IT_TO_SWITCH_ON = Message(
    "BitLocker tidak aktif: sarankan TI menyalakannya.",
    "BitLocker is off: ask IT to switch it on.",
)


@dataclass(frozen=True)
class DriveEncryption:
    """`state`: ON, OFF, UNKNOWN or NOT_APPLICABLE (not Windows); `advice` when not ON."""

    drive: str
    state: str
    detail: Message
    advice: Message | None = None


def system_drive(environ: dict[str, str] | None = None) -> str:
    environ = dict(os.environ) if environ is None else environ
    drive = environ.get("SystemDrive", "C:")
    return drive if re.fullmatch(r"[A-Za-z]:", drive) else "C:"


def shell_query_command(drive: str) -> list[str]:
    """`drive` is a checked drive letter (system_drive), so it needs no quoting."""
    return powershell_command(
        f"(New-Object -ComObject Shell.Application).NameSpace('{drive}\\')"
        ".Self.ExtendedProperty('System.Volume.BitLockerProtection')"
    )


def manage_bde_command(drive: str) -> list[str]:
    return ["manage-bde", "-status", drive]


def _run(runner: CommandRunner, args: list[str]) -> tuple[int, str] | str:
    """(exit code, output) or the reason the command did not run."""
    try:
        done = runner(args)
    except FileNotFoundError:
        return f"{args[0]} tidak ada / {args[0]} is not available"
    except (OSError, subprocess.SubprocessError) as exc:
        return f"{args[0]}: {exc or type(exc).__name__}"
    return done.returncode, (done.stdout + "\n" + done.stderr).strip()


def _from_shell(drive: str, runner: CommandRunner) -> DriveEncryption | None:
    ran = _run(runner, shell_query_command(drive))
    if isinstance(ran, str) or ran[0] != 0:
        return None
    text = ran[1].strip()
    state = _SHELL_STATES.get(int(text)) if text.isdigit() else None
    if state is None:
        return None
    return _verdict(drive, state, f"System.Volume.BitLockerProtection = {text}")


_PROTECTION = re.compile(r"Protection Status:\s*Protection (On|Off)", re.IGNORECASE)
_CONVERSION = re.compile(r"Conversion Status:\s*([^\r\n]+)", re.IGNORECASE)
_ACCESS_DENIED = re.compile(r"denied|0x80070005|ditolak", re.IGNORECASE)


def _from_manage_bde(drive: str, runner: CommandRunner) -> DriveEncryption:
    ran = _run(runner, manage_bde_command(drive))
    if isinstance(ran, str):
        return _unknown(drive, ran)
    code, text = ran
    if code != 0 or not text:
        if _ACCESS_DENIED.search(text):
            return _unknown(
                drive,
                "manage-bde: akses ditolak (perlu administrator) / access denied (needs an "
                "administrator)",
            )
        first = text.splitlines()[0][:160] if text else f"exit {code}"
        return _unknown(drive, f"manage-bde: {first}")
    protection = _PROTECTION.search(text)
    conversion = _CONVERSION.search(text)
    if protection is None:
        return _unknown(drive, "manage-bde: keluaran tidak dikenali / output not recognised")
    state = ON if protection.group(1).lower() == "on" else OFF
    seen = f"manage-bde: Protection {protection.group(1).title()}"
    if conversion is not None:
        seen += f", {conversion.group(1).strip()}"
    return _verdict(drive, state, seen)


def _verdict(drive: str, state: str, seen: str) -> DriveEncryption:
    if state == ON:
        return DriveEncryption(
            drive,
            ON,
            Message(
                f"BitLocker aktif di {drive} ({seen})", f"BitLocker is on for {drive} ({seen})"
            ),
        )
    return DriveEncryption(
        drive,
        OFF,
        Message(
            f"BitLocker tidak aktif di {drive} ({seen})", f"BitLocker is off for {drive} ({seen})"
        ),
        ASK_IT_TO_SWITCH_ON,
    )


def _unknown(drive: str, reason: str) -> DriveEncryption:
    return DriveEncryption(
        drive,
        UNKNOWN,
        Message(
            f"status BitLocker {drive} tidak dapat diketahui ({reason})",
            f"BitLocker's state for {drive} could not be told ({reason})",
        ),
        Message(
            "Minta TI memastikan BitLocker menyala di drive sistem.",
            "Ask IT to make sure BitLocker is on for the system drive.",
        ),
    )


def bitlocker_status(
    *,
    runner: CommandRunner = run_command,
    windows: bool | None = None,
    drive: str | None = None,
) -> DriveEncryption:
    """The system drive's BitLocker state. Never raises."""
    if drive is None or not re.fullmatch(r"[A-Za-z]:", drive):
        drive = system_drive()
    if not (os.name == "nt" if windows is None else windows):
        return DriveEncryption(
            drive,
            NOT_APPLICABLE,
            Message(
                "BitLocker tidak berlaku di luar Windows",
                "BitLocker does not apply outside Windows",
            ),
        )
    return _from_shell(drive, runner) or _from_manage_bde(drive, runner)
