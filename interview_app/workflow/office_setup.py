"""A workstation's first run: a new office set up here, or another workstation joining one.

Nothing is written before the first run's form is sound: the encrypted database, its key slots
and the recovery code are made together at the end (no office.key: the key lives only in the
slots, and in memory while someone is signed in)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import cast

from interview_app.errors import KnownError
from interview_app.storage.clock import Clock
from interview_app.storage.keyslots import KeySlots
from interview_app.storage.office import Office
from interview_app.storage.officers import Officer, check_password_policy
from interview_app.storage.paths import database_path
from interview_app.storage.settings import (
    OFFICE_CODE,
    OFFICE_NAME,
    WORKSTATION_NAME,
    SettingsStore,
)
from interview_app.storage.sign_in_screen import read_sign_in_screen
from interview_app.storage.unlock import folder_is_encrypted
from interview_app.text import Message
from interview_app.workflow.views import OfficeInfo

ALREADY_SET_UP = KnownError(
    "Kantor ini sudah diatur; akun baru dibuat oleh supervisor.",
    "This office is set up already; new accounts are made by a supervisor.",
)


@dataclass(frozen=True)
class NewOffice:
    """What a first run made: the open office, its first supervisor (signed in from here),
    and the recovery code to show once."""

    office: Office
    supervisor: Officer
    recovery_code: str
    warning: Message | None = None  # an old key file (the key in clear) to destroy


def office_info(data_dir: Path, office: Office | None) -> OfficeInfo:
    """The office of this data folder; `configured` once it has a code, a key and accounts.
    Without an open office (an encrypted folder before sign-in), what can be known without the
    key: the code from keyslots.json, the names from the sign-in screen file."""
    if office is None:
        if not folder_is_encrypted(data_dir):
            return OfficeInfo(False, "", "", "")
        # Set up: the sign-in says what is wrong if the key slots are missing or unreadable
        # (restore keyslots.json, or the recovery code).
        try:
            code = KeySlots(data_dir).office_code or ""
        except KnownError:
            code = ""
        screen = read_sign_in_screen(data_dir)
        return OfficeInfo(True, code, screen.office_name, screen.workstation_name)
    settings = office.settings
    code = settings.get(OFFICE_CODE)
    configured = bool(code) and office.key_on_file is not None
    configured = configured and bool(office.officers().list())
    return OfficeInfo(
        configured,
        str(code or ""),
        str(settings.get(OFFICE_NAME) or ""),
        str(settings.get(WORKSTATION_NAME) or ""),
    )


class _NewOfficeSettings:
    """The settings a password is checked against before the office's database exists: the
    defaults, and the office name typed on the form."""

    def __init__(self, office_name: str) -> None:
        self._values = {OFFICE_NAME: office_name}

    def get(self, key: str, default: object = None) -> object:
        return self._values.get(key, default)


def _discard(office: Office) -> None:
    """A first run that failed after its database was made (an account refused): the new,
    empty office is removed again, so that the form can be sent once more."""
    office.close()
    data_dir = office.data_dir
    path = database_path(data_dir)
    for made in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        made.unlink(missing_ok=True)
    KeySlots(data_dir).path.unlink(missing_ok=True)


def _refuse_set_up_folder(data_dir: Path) -> None:
    path = database_path(data_dir)
    if (path.exists() and path.stat().st_size > 0) or KeySlots(data_dir).exists:
        raise ALREADY_SET_UP


def set_up_office(
    data_dir: Path,
    *,
    office_code: str,
    office_name: str,
    workstation_name: str,
    username: str,
    full_name: str,
    password: str,
    nip: str | None = None,
    clock: Clock | None = None,
) -> NewOffice:
    """A new office: its encrypted database, its settings, its first supervisor (with the
    account's key slot) and the recovery code. The form is checked before anything is made."""
    _refuse_set_up_folder(data_dir)
    office_code = office_code.strip().upper()
    if not office_code.isalnum() or not 2 <= len(office_code) <= 10:
        raise KnownError(
            "Kode kantor: 2-10 huruf atau angka (mis. PLU).",
            "Office code: 2-10 letters or digits (e.g. PLU).",
        )
    if not office_name.strip() or not workstation_name.strip() or not full_name.strip():
        raise KnownError(
            "Nama kantor, nama loket dan nama lengkap wajib diisi.",
            "Office name, workstation name and full name are required.",
        )
    check_password_policy(
        cast(SettingsStore, _NewOfficeSettings(office_name.strip())), username, password
    )
    office = Office.create(data_dir, office_code, clock=clock)
    try:
        settings = office.settings
        with office.database.transaction():
            settings.set(OFFICE_CODE, office_code)
            settings.set(OFFICE_NAME, office_name.strip())
            settings.set(WORKSTATION_NAME, workstation_name.strip())
            officer = office.officers().create(
                username, full_name, nip or None, "supervisor", password
            )
        return NewOffice(office, officer, office.make_recovery_code())
    except BaseException:
        _discard(office)
        raise


def join_office(
    data_dir: Path,
    *,
    key_file: str,
    workstation_name: str,
    username: str,
    full_name: str,
    password: str,
    passphrase: str = "",
    nip: str | None = None,
    clock: Clock | None = None,
) -> NewOffice:
    """Another workstation of an office that exists: the office key file a supervisor
    exported and its passphrase, this workstation's name, and its first supervisor. The key
    file is opened and the password checked before anything is written; the database is made
    under the office's key. An old key file (the key in clear) is accepted, with the warning
    to destroy it in the result."""
    from interview_app.sync.keyfile import CLEAR_KEY_FILE_WARNING
    from interview_app.sync.workstation import check_setup, install_workstation

    _refuse_set_up_folder(data_dir)
    if not key_file.strip():
        raise KnownError(
            "Pilih berkas kunci kantor yang diekspor supervisor.",
            "Choose the office key file a supervisor exported.",
        )
    if not full_name.strip() or not workstation_name.strip():
        raise KnownError(
            "Nama loket dan nama lengkap wajib diisi.",
            "The workstation name and the full name are required.",
        )
    # a bad key file or a wrong passphrase is named before the password
    checked = check_setup(workstation_name, Path(key_file.strip()), passphrase)
    check_password_policy(
        cast(SettingsStore, _NewOfficeSettings(checked.name_in_file)), username, password
    )
    office = Office.create(data_dir, checked.code, key=checked.key, clock=clock)
    try:
        result = install_workstation(office, checked)
        officer = office.officers().create(username, full_name, nip or None, "supervisor", password)
        warning = CLEAR_KEY_FILE_WARNING if result.key_file_in_clear else None
        return NewOffice(office, officer, office.make_recovery_code(), warning)
    except BaseException:
        _discard(office)
        raise
