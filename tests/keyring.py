"""The office keys of the tests' data folders, held in memory as a signed-in person's would be.

Every office the tests build is encrypted (as the app makes them). A test that looks inside a
folder opens it with its key, as a signed-in session does: the builder remembers each folder's
key, and a folder made another way (a command run by the test, a copy made by hand) is unwrapped
with the slot of one of the tests' known accounts, without counting failures or writing the
audit log."""

from __future__ import annotations

from pathlib import Path

from interview_app.demo import DEMO_ACCOUNTS
from interview_app.errors import KnownError
from interview_app.storage.clock import Clock
from interview_app.storage.keyslots import KeySlots
from interview_app.storage.office import Office
from interview_app.storage.unlock import folder_is_encrypted

_KEYS: dict[str, tuple[str, bytes]] = {}

# The accounts the tests' offices are made with (tests/offices.py, tests/sync/factory.py).
KNOWN_ACCOUNTS: list[tuple[str, str]] = [
    *((account.username, account.password) for account in DEMO_ACCOUNTS),
    ("kasi", "kepala seksi palu"),
    ("petugas1", "loket satu palu"),
    ("petugas1", "loket-satu-uji"),
]


def _name(data_dir: Path) -> str:
    return str(Path(data_dir).resolve())


def remember(data_dir: Path, office_code: str, key: bytes) -> None:
    _KEYS[_name(data_dir)] = (office_code, key)


def remember_office(office: Office) -> None:
    code, key = office.key_on_file or ("", b"")
    remember(office.data_dir, code, key)


def copied(template: Path, where: Path) -> None:
    """`where` is a copy of `template`: the same key opens it."""
    found = _KEYS.get(_name(template))
    if found is not None:
        _KEYS[_name(where)] = found


def key_of(data_dir: Path) -> tuple[str, bytes]:
    """(office code, key) of an encrypted test folder."""
    found = _KEYS.get(_name(data_dir))
    if found is not None:
        return found
    slots = KeySlots(Path(data_dir))
    assert slots.office_code is not None, f"no key slots in {data_dir}"
    for username, password in KNOWN_ACCOUNTS:
        if username in slots.accounts():
            try:
                key = slots.unlock_account(username, password)
            except KnownError:
                continue
            remember(data_dir, slots.office_code, key)
            return slots.office_code, key
    raise AssertionError(f"none of the tests' accounts opens {data_dir}")


def open_office(data_dir: Path, *, clock: Clock | None = None) -> Office:
    """The folder opened as a signed-in session holds it (no sign-in written anywhere)."""
    if folder_is_encrypted(data_dir):
        return Office.open(Path(data_dir), key=key_of(data_dir), clock=clock)
    return Office.open(Path(data_dir), clock=clock)
