"""Who may open an encrypted data folder, and how: the credentials a person gives, turned into
the office key by the key slots (keyslots.json) and the lockout side file (lockout.json).

A folder is encrypted once its database is SQLCipher's (storage.cipher.looks_encrypted); a
folder of the release before (a plaintext database beside office.key) opens as it did until a
supervisor signs in, which converts it (storage.office)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from interview_app.storage.cipher import looks_encrypted
from interview_app.storage.clock import Clock
from interview_app.storage.errors import DatabaseKeyError
from interview_app.storage.keyslots import KeySlots, unlock_with_password
from interview_app.storage.paths import database_path

__all__ = [
    "Credentials",
    "PasswordCredentials",
    "RecoveryCredentials",
    "Unlocked",
    "folder_is_encrypted",
    "unlock",
]


@dataclass(frozen=True)
class PasswordCredentials:
    """An account's username and password (the sign-in screen, `--as` + `--password-file`)."""

    username: str
    password: str = ""

    def __repr__(self) -> str:  # never print a password in a traceback or a log
        return f"PasswordCredentials({self.username!r}, password=***)"


@dataclass(frozen=True)
class RecoveryCredentials:
    """The office recovery code (printed at set-up, kept in the office safe)."""

    code: str

    def __repr__(self) -> str:
        return "RecoveryCredentials(code=***)"


Credentials = PasswordCredentials | RecoveryCredentials


@dataclass(frozen=True)
class Unlocked:
    """The office key a person's credentials unwrapped."""

    office_code: str
    key: bytes
    username: str | None  # None for the recovery code

    def __repr__(self) -> str:
        return f"Unlocked({self.office_code!r}, key=***, username={self.username!r})"


def folder_is_encrypted(data_dir: Path) -> bool:
    """True when the folder's database is encrypted (it opens only with an unwrapped key)."""
    return looks_encrypted(database_path(Path(data_dir)))


def _no_slots(data_dir: Path) -> DatabaseKeyError:
    return DatabaseKeyError(
        f"Basis data di {data_dir} terenkripsi, tetapi berkas slot kunci (keyslots.json) tidak "
        "ada. Pulihkan berkas itu dari cadangan, atau buka dengan kode pemulihan kantor.",
        f"The database in {data_dir} is encrypted but its key slots file (keyslots.json) is "
        "missing. Restore that file from a backup, or open with the office recovery code.",
    )


def unlock(data_dir: Path, credentials: Credentials, *, clock: Clock | None = None) -> Unlocked:
    """The office key from the account's slot (lockout counted in lockout.json: a wrong password
    and an unknown account give the same AuthenticationFailed) or from the recovery slot."""
    data_dir = Path(data_dir)
    slots = KeySlots(data_dir)
    if not slots.exists or slots.office_code is None:
        raise _no_slots(data_dir)
    if isinstance(credentials, RecoveryCredentials):
        return Unlocked(slots.office_code, slots.unlock_recovery(credentials.code), None)
    username = credentials.username.strip()
    key = unlock_with_password(data_dir, username, credentials.password, clock=clock)
    return Unlocked(slots.office_code, key, username)
