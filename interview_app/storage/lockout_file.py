"""Failed sign-ins per account in `lockout.json`, outside the encrypted database: they must be
counted before anything is unlocked. The same rules as the officers table's lockout
(storage.officers): `max_failed` wrong passwords in a row lock the account for
`lockout_minutes`; a lock set by a guess that ran alongside holds even for the right password;
a success clears the count; a supervisor's unlock, a password reset or a deactivation clear it.

Each change reads, changes and rewrites the file (temporary name, fsync, rename) while holding
an exclusive lock on `.lockout.lock`, so guesses from several processes each count. The policy
(`max_failed`, `lockout_minutes`) is kept in the file too: the office settings that hold it are
inside the encrypted database, out of reach until someone has signed in.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from interview_app.storage.clock import Clock, SystemClock, from_iso, to_iso
from interview_app.storage.errors import AccountLocked
from interview_app.storage.writefiles import known_os_errors, write_file_atomically

LOCKOUT_FILE = "lockout.json"
LOCKOUT_LOCK = ".lockout.lock"
LOCKOUT_FORMAT = 1
DEFAULT_MAX_FAILED = 5
DEFAULT_LOCKOUT_MINUTES = 15
MAX_FILE_BYTES = 1024 * 1024
# Sign-in failures wait here for the audit log (inside the encrypted database) until the next
# sign-in that opens it; the newest are kept when an attacker makes very many.
MAX_EVENTS = 2000


# The one message for a wrong password and an unknown user (the officers table's sign-in and
# the key slots alike): it must not tell which accounts exist.
LOGIN_FAILED = (
    "Nama pengguna atau kata sandi salah.",
    "Wrong username or password.",
)


def locked_error(until: datetime) -> AccountLocked:
    shown = until.astimezone().strftime("%H:%M")
    return AccountLocked(
        f"Akun terkunci karena terlalu banyak percobaan masuk yang gagal. Coba lagi setelah "
        f"pukul {shown} atau minta supervisor membuka kuncinya.",
        f"The account is locked after too many failed logins. Try again after {shown} or ask "
        "a supervisor to unlock it.",
    )


@dataclass(frozen=True)
class Policy:
    max_failed: int = DEFAULT_MAX_FAILED
    lockout_minutes: int = DEFAULT_LOCKOUT_MINUTES


@contextmanager
def _exclusive(folder: Path) -> Iterator[None]:
    """Hold `.lockout.lock` exclusively (waiting for another process that holds it)."""
    path = folder / LOCKOUT_LOCK
    with known_os_errors(path):
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # retries for about 10 s, then OSError
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing lets go of either kind of lock


class LockoutFile:
    """The failed sign-ins of one data folder's accounts."""

    def __init__(self, data_dir: Path, clock: Clock | None = None) -> None:
        self.folder = Path(data_dir)
        self.path = self.folder / LOCKOUT_FILE
        self._clock = clock or SystemClock()
        self._events: list[dict[str, str]] = []

    def _load(self) -> tuple[Policy, dict[str, dict[str, Any]]]:
        policy, accounts, self._events = self._load_all()
        return policy, accounts

    def _load_all(self) -> tuple[Policy, dict[str, dict[str, Any]], list[dict[str, str]]]:
        """The policy and the accounts' entries. An unreadable file counts as empty with the
        default policy: a damaged side file must not lock everyone out, and it holds nothing
        an attacker gains from (the counts start again; the slots still need the password)."""
        try:
            with open(self.path, "rb") as handle:
                raw = handle.read(MAX_FILE_BYTES + 1)
            content = json.loads(raw.decode("utf-8"))
            if content.get("format") != LOCKOUT_FORMAT or len(raw) > MAX_FILE_BYTES:
                raise ValueError("unknown format")
            policy = Policy(int(content["max_failed"]), int(content["lockout_minutes"]))
            if policy.max_failed < 1 or policy.lockout_minutes < 1:
                raise ValueError("bad policy")
            accounts = {
                str(name): {"failed": int(entry["failed"]), "locked_until": entry["locked_until"]}
                for name, entry in content["accounts"].items()
            }
            for entry in accounts.values():
                if entry["locked_until"] is not None:
                    from_iso(str(entry["locked_until"]))
            events = [
                {str(k): str(v) for k, v in event.items()}
                for event in content.get("events", [])
                if isinstance(event, dict)
            ]
        except FileNotFoundError:
            return Policy(), {}, []
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError, OSError):
            return Policy(), {}, []
        return policy, accounts, events[-MAX_EVENTS:]

    def _save(self, policy: Policy, accounts: dict[str, dict[str, Any]]) -> None:
        content = {
            "format": LOCKOUT_FORMAT,
            "max_failed": policy.max_failed,
            "lockout_minutes": policy.lockout_minutes,
            "accounts": dict(sorted(accounts.items())),
            "events": self._events[-MAX_EVENTS:],
        }
        write_file_atomically(
            self.path, json.dumps(content, indent=1).encode("utf-8") + b"\n", mode=0o600
        )

    @property
    def policy(self) -> Policy:
        return self._load()[0]

    def set_policy(self, max_failed: int, lockout_minutes: int) -> None:
        """Keep the office's lockout settings here (called whenever they change)."""
        if max_failed < 1 or lockout_minutes < 1:
            raise ValueError("the lockout policy needs positive numbers")
        with _exclusive(self.folder):
            _, accounts = self._load()
            self._save(Policy(max_failed, lockout_minutes), accounts)

    def _locked_until(self, entry: dict[str, Any] | None, now: datetime) -> datetime | None:
        if entry is None or entry["locked_until"] is None:
            return None
        until = from_iso(str(entry["locked_until"]))
        return until if until > now else None

    def locked_until(self, username: str) -> datetime | None:
        """When the account's lock ends, or None when it is not locked."""
        return self._locked_until(self._load()[1].get(username), self._clock())

    def failed_attempts(self, username: str) -> int:
        entry = self._load()[1].get(username)
        if entry is None or self._locked_until(entry, self._clock()) is not None:
            return 0
        return int(entry["failed"]) if entry["locked_until"] is None else 0

    def check(self, username: str) -> None:
        """Refuse a locked account before its slot is tried (no scrypt work is spent on it)."""
        until = self.locked_until(username)
        if until is not None:
            with _exclusive(self.folder):
                policy, accounts = self._load()
                self._note(self._clock(), username, "login.refused", "locked")
                self._save(policy, accounts)
            raise locked_error(until)

    def record_failure(self, username: str) -> datetime | None:
        """Count one wrong password; at `max_failed` in a row the account locks. Returns when
        the lock ends, or None while it is not locked. A guess that ends after another one
        locked the account is refused as locked and does not count again."""
        now = self._clock()
        with _exclusive(self.folder):
            policy, accounts = self._load()
            entry = accounts.get(username)
            until = self._locked_until(entry, now)
            if until is not None:
                self._note(now, username, "login.refused", "locked")
                self._save(policy, accounts)
                return until
            failed = (
                1 if entry is None or entry["locked_until"] is not None else entry["failed"] + 1
            )
            self._note(now, username, "login.failed", str(failed))
            if failed >= policy.max_failed:
                until = now + timedelta(minutes=policy.lockout_minutes)
                accounts[username] = {"failed": 0, "locked_until": to_iso(until)}
                self._note(now, username, "officer.locked", to_iso(until))
            else:
                accounts[username] = {"failed": failed, "locked_until": None}
            self._save(policy, accounts)
            return until

    def _note(self, now: datetime, username: str, action: str, detail: str) -> None:
        self._events.append(
            {"at": to_iso(now), "username": username, "action": action, "detail": detail}
        )

    def take_events(self) -> list[dict[str, str]]:
        """The sign-in failures noted since the last call, oldest first, removed from the file
        (the caller has the audit log open and writes them there)."""
        with _exclusive(self.folder):
            policy, accounts = self._load()
            events = self._events
            if events:
                self._events = []
                self._save(policy, accounts)
            return events

    def record_success(self, username: str) -> None:
        """The right password: clear the count, unless a lock was set meanwhile (it holds)."""
        now = self._clock()
        with _exclusive(self.folder):
            policy, accounts = self._load()
            entry = accounts.get(username)
            until = self._locked_until(entry, now)
            if until is not None:
                raise locked_error(until)
            if entry is not None:
                del accounts[username]
                self._save(policy, accounts)

    def clear(self, username: str) -> None:
        """A supervisor's unlock, a password reset, or a deactivation: the count and any lock go."""
        with _exclusive(self.folder):
            policy, accounts = self._load()
            if accounts.pop(username, None) is not None:
                self._save(policy, accounts)
