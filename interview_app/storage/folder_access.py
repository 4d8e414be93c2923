"""Who may open the data folder: its owner only. POSIX: 0700 for the folder, 0600 for its files.
Windows: the folder's ACL is cut off from its parent's (`icacls /inheritance:r`) and grants
full control to the signed-in user, the Administrators group and SYSTEM only, for the folder
and everything made in it.

Why SYSTEM too: the user's own application-data folder grants it already, backup and
antivirus agents run as it (some without the backup privilege that passes an ACL by), and an
administrator can act as SYSTEM at will, so leaving it out would keep no thief out but could
leave the data folder silently missing from the office's backups.

Setting or reading the ACL runs a Windows command through an injectable runner, so the logic
is tested on any machine. Nothing here stops the app: a folder that cannot be restricted or
read is reported as advice (the self-test shows it)."""

from __future__ import annotations

import functools
import os
import re
import stat
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from interview_app.text import Message

# Well-known SIDs: the group's and the service's names are translated on a localized Windows.
ADMINISTRATORS_SID = "S-1-5-32-544"
SYSTEM_SID = "S-1-5-18"
# What SDDL spells for them as aliases.
_ALLOWED_ALIASES = {"BA": ADMINISTRATORS_SID, "SY": SYSTEM_SID}
COMMAND_TIMEOUT_SECONDS = 60


@dataclass(frozen=True)
class CommandResult:
    returncode: int
    stdout: str
    stderr: str = ""


# Runs a command line; raises OSError when the program is missing, TimeoutExpired when it hangs.
CommandRunner = Callable[[Sequence[str]], CommandResult]


def run_command(args: Sequence[str]) -> CommandResult:
    """The real runner: no console window, output decoded leniently (Windows tools write in
    the console's code page)."""
    done = subprocess.run(
        list(args),
        capture_output=True,
        check=False,
        timeout=COMMAND_TIMEOUT_SECONDS,
        creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
    )
    return CommandResult(
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
    )


@dataclass(frozen=True)
class FolderAccess:
    """What is known of a folder's access. `restricted`: True (owner only), False (others may
    open it) or None (it could not be told). `advice` says what to do when it is not True."""

    folder: Path
    restricted: bool | None
    detail: Message
    advice: Message | None = None


def _windows(windows: bool | None) -> bool:
    return os.name == "nt" if windows is None else windows


# -- POSIX --------------------------------------------------------------------------------------


def restrict_to_owner(path: Path) -> None:
    """POSIX: take group and other permissions away from a data folder (0700) or a file in it
    (0600). A folder that is not ours, or a shared one (the sticky bit, as /tmp), is left as
    it is. Windows: nothing here (the folder's ACL is set when it is made)."""
    if os.name == "nt":
        return
    try:
        info = os.stat(path)
    except OSError:
        return
    if info.st_uid != os.getuid() or info.st_mode & stat.S_ISVTX:
        return
    mode = stat.S_IMODE(info.st_mode)
    if mode & 0o077:
        os.chmod(path, mode & 0o700)


def _posix_access(folder: Path) -> FolderAccess:
    try:
        mode = stat.S_IMODE(os.stat(folder).st_mode)
    except OSError as exc:
        return _unknown(folder, exc.strerror or type(exc).__name__)
    if mode & 0o077 == 0:
        return FolderAccess(
            folder,
            True,
            Message(
                f"hanya pemiliknya yang dapat membuka folder data (mode {mode:04o})",
                f"only its owner can open the data folder (mode {mode:04o})",
            ),
        )
    return FolderAccess(
        folder,
        False,
        Message(
            f"folder data dapat dibuka akun lain (mode {mode:04o})",
            f"other accounts can open the data folder (mode {mode:04o})",
        ),
        Message(
            f"Batasi folder itu untuk pemiliknya: chmod 700 '{folder}'",
            f"Limit the folder to its owner: chmod 700 '{folder}'",
        ),
    )


# -- Windows ------------------------------------------------------------------------------------


def current_user_sid(runner: CommandRunner = run_command) -> str | None:
    """The signed-in user's SID from `whoami /user` (its CSV line ends with the SID); None when
    whoami is missing or says nothing usable. Asked once per process of the real runner."""
    if runner is run_command:
        return _own_sid()
    return _sid_from_whoami(runner)


@functools.cache
def _own_sid() -> str | None:
    return _sid_from_whoami(run_command)


def _sid_from_whoami(runner: CommandRunner) -> str | None:
    try:
        done = runner(["whoami", "/user", "/fo", "csv", "/nh"])
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    found = re.findall(r"S-1-[0-9]+(?:-[0-9]+)+", done.stdout)
    return found[-1] if found else None


def current_windows_user(environ: dict[str, str] | None = None) -> str | None:
    """DOMAIN\\name of the signed-in user from the environment (when whoami gives no SID)."""
    environ = dict(os.environ) if environ is None else environ
    name = environ.get("USERNAME")
    if not name:
        return None
    domain = environ.get("USERDOMAIN")
    return f"{domain}\\{name}" if domain else name


def windows_acl_command(folder: Path, user: str) -> list[str]:
    """icacls: drop inherited entries and give full control to `user` (a SID as `*S-1-...`, or
    DOMAIN\\name), Administrators and SYSTEM only, for the folder and everything created in it
    ((OI) files, (CI) folders). `/grant:r` replaces what each of them had before."""
    return [
        "icacls",
        str(folder),
        "/inheritance:r",
        "/grant:r",
        f"{user}:(OI)(CI)F",
        "/grant:r",
        f"*{ADMINISTRATORS_SID}:(OI)(CI)F",
        "/grant:r",
        f"*{SYSTEM_SID}:(OI)(CI)F",
        "/Q",
    ]


def _windows_user(runner: CommandRunner) -> str | None:
    sid = current_user_sid(runner)
    return f"*{sid}" if sid else current_windows_user()


def _shell_quoted(words: Sequence[str]) -> str:
    return " ".join(f'"{word}"' if " " in word else word for word in words)


def _not_restricted_advice(folder: Path, user: str | None) -> Message:
    command = _shell_quoted(windows_acl_command(folder, user or "%USERDOMAIN%\\%USERNAME%"))
    return Message(
        f"Minta admin TI membatasi folder data untuk pengguna ini dan Administrators: {command}",
        f"Ask the IT admin to limit the data folder to this user and Administrators: {command}",
    )


def _restrict_windows(folder: Path, runner: CommandRunner) -> FolderAccess:
    user = _windows_user(runner)
    if user is None:
        return FolderAccess(
            folder,
            None,
            Message(
                "pengguna Windows tidak diketahui; izin folder data tidak diubah",
                "the Windows user is unknown; the data folder's permissions were not changed",
            ),
            _not_restricted_advice(folder, None),
        )
    try:
        done = runner(windows_acl_command(folder, user))
    except (OSError, subprocess.SubprocessError) as exc:
        reason = str(exc) or type(exc).__name__
    else:
        if done.returncode == 0:
            return FolderAccess(
                folder,
                True,
                Message(
                    "folder data dibatasi untuk pengguna ini, Administrators dan SYSTEM",
                    "the data folder is limited to this user, Administrators and SYSTEM",
                ),
            )
        reason = (done.stderr or done.stdout).strip() or f"icacls exit {done.returncode}"
    return FolderAccess(
        folder,
        None,
        Message(
            f"izin folder data tidak dapat diubah ({reason})",
            f"the data folder's permissions could not be changed ({reason})",
        ),
        _not_restricted_advice(folder, user),
    )


def _powershell_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def powershell_command(script: str) -> list[str]:
    """Windows PowerShell running one line, without the user's profile or any prompt."""
    return ["powershell", "-NoProfile", "-NonInteractive", "-Command", script]


def acl_query_command(folder: Path) -> list[str]:
    """PowerShell prints the folder's ACL as SDDL: SIDs, not translated names."""
    return powershell_command(f"(Get-Acl -LiteralPath {_powershell_quoted(str(folder))}).Sddl")


_DACL = re.compile(r"D:([A-Z]*)((?:\([^)]*\))*)")


def parse_dacl(sddl: str) -> tuple[bool, list[tuple[str, str]]] | None:
    """(protected, [(ace type, SID or alias)]) of an SDDL string's DACL; None without one.
    `protected` is the P flag: nothing is inherited from the parent folder."""
    found = _DACL.search(sddl.strip())
    if found is None:
        return None
    aces = []
    for ace in re.findall(r"\(([^)]*)\)", found.group(2)):
        fields = ace.split(";")
        if len(fields) < 6:
            return None
        aces.append((fields[0], fields[5]))
    return "P" in found.group(1), aces


def _windows_access(folder: Path, runner: CommandRunner) -> FolderAccess:
    user_sid = current_user_sid(runner)
    try:
        done = runner(acl_query_command(folder))
    except (OSError, subprocess.SubprocessError) as exc:
        return _unknown(folder, str(exc) or type(exc).__name__)
    dacl = parse_dacl(done.stdout) if done.returncode == 0 else None
    if dacl is None:
        reason = (done.stderr or done.stdout).strip()[:200] or f"exit {done.returncode}"
        return _unknown(folder, reason)
    protected, aces = dacl
    allowed = {ADMINISTRATORS_SID, SYSTEM_SID, *([user_sid] if user_sid else [])}
    others = sorted(
        {sid for kind, sid in aces if kind == "A" and _ALLOWED_ALIASES.get(sid, sid) not in allowed}
    )
    user = f"*{user_sid}" if user_sid else current_windows_user()
    if protected and not others:
        return FolderAccess(
            folder,
            True,
            Message(
                "folder data hanya untuk pengguna ini, Administrators dan SYSTEM",
                "the data folder is limited to this user, Administrators and SYSTEM",
            ),
        )
    why = []
    if not protected:
        why.append(
            Message(
                "izin diwarisi dari folder induknya",
                "its permissions are inherited from its parent",
            )
        )
    if others:
        listed = ", ".join(others)
        why.append(
            Message(f"akun lain diberi akses: {listed}", f"other accounts may open it: {listed}")
        )
    return FolderAccess(
        folder,
        False,
        Message(
            "folder data tidak dibatasi (" + "; ".join(m.id for m in why) + ")",
            "the data folder is not restricted (" + "; ".join(m.en for m in why) + ")",
        ),
        _not_restricted_advice(folder, user),
    )


def _unknown(folder: Path, reason: str) -> FolderAccess:
    return FolderAccess(
        folder,
        None,
        Message(
            f"izin folder data tidak dapat dibaca ({reason})",
            f"the data folder's permissions could not be read ({reason})",
        ),
        Message(
            "Minta admin TI memeriksa bahwa hanya pengguna ini dan Administrators yang dapat "
            "membuka folder data.",
            "Ask the IT admin to check that only this user and Administrators can open the "
            "data folder.",
        ),
    )


# -- both ---------------------------------------------------------------------------------------


def restrict_folder(
    folder: Path, *, runner: CommandRunner = run_command, windows: bool | None = None
) -> FolderAccess:
    """Limit a data folder to its owner (called when the folder is made). Never raises: what
    could not be done comes back as advice."""
    folder = Path(folder)
    if _windows(windows):
        return _restrict_windows(folder, runner)
    try:
        restrict_to_owner(folder)
    except OSError:
        pass  # reported below as the mode it still has
    return _posix_access(folder)


def read_folder_access(
    folder: Path, *, runner: CommandRunner = run_command, windows: bool | None = None
) -> FolderAccess:
    """Whether only the owner (Windows: the user, Administrators, SYSTEM) can open `folder`."""
    folder = Path(folder)
    if _windows(windows):
        return _windows_access(folder, runner)
    return _posix_access(folder)
