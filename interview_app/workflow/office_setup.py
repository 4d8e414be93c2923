"""A workstation's first run: a new office set up here, or another workstation joining one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from interview_app.errors import KnownError
from interview_app.storage.office import Office
from interview_app.storage.officers import Officer, check_password_policy
from interview_app.storage.settings import OFFICE_CODE, OFFICE_NAME, WORKSTATION_NAME
from interview_app.text import Message
from interview_app.workflow.views import OfficeInfo

ALREADY_SET_UP = KnownError(
    "Kantor ini sudah diatur; akun baru dibuat oleh supervisor.",
    "This office is set up already; new accounts are made by a supervisor.",
)


def office_info(office: Office) -> OfficeInfo:
    """The office of this data folder; `configured` once it has a code, a key and accounts."""
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


def set_up_office(
    office: Office,
    *,
    office_code: str,
    office_name: str,
    workstation_name: str,
    username: str,
    full_name: str,
    password: str,
    nip: str | None = None,
) -> Officer:
    """A new office: its settings, its key and its first supervisor (returned)."""
    if office_info(office).configured:
        raise ALREADY_SET_UP
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
    settings = office.settings
    check_password_policy(settings, username, password)
    office.install_office_key(office_code)
    officers = office.officers()
    with office.database.transaction():
        settings.set(OFFICE_CODE, office_code)
        settings.set(OFFICE_NAME, office_name.strip())
        settings.set(WORKSTATION_NAME, workstation_name.strip())
        return officers.create(username, full_name, nip or None, "supervisor", password)


@dataclass(frozen=True)
class Joined:
    """A workstation joined its office: its first supervisor, and a warning for the person
    (an old key file to destroy) or None."""

    officer: Officer
    warning: Message | None


def join_office(
    office: Office,
    *,
    key_file: str,
    workstation_name: str,
    username: str,
    full_name: str,
    password: str,
    passphrase: str = "",
    nip: str | None = None,
) -> Joined:
    """Another workstation of an office that exists: the office key file a supervisor
    exported and its passphrase, this workstation's name, and its first supervisor (returned).
    The key file is opened and the password checked before anything is written. An old key
    file (the key in clear) is accepted, with the warning to destroy it in the result."""
    from interview_app.sync.keyfile import CLEAR_KEY_FILE_WARNING
    from interview_app.sync.workstation import check_setup, install_workstation

    if office_info(office).configured:
        raise ALREADY_SET_UP
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
    check_password_policy(office.settings, username, password)
    result = install_workstation(office, checked)
    officer = office.officers().create(username, full_name, nip or None, "supervisor", password)
    return Joined(officer, CLEAR_KEY_FILE_WARNING if result.key_file_in_clear else None)
