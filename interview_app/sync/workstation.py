"""Setting up another workstation of the same office from the office key file."""

from __future__ import annotations

import hmac
import re
from dataclasses import dataclass, replace
from pathlib import Path

from interview_app.storage.audit import AuditLog
from interview_app.storage.clock import Clock
from interview_app.storage.content import holds_data
from interview_app.storage.errors import DatabaseKeyError
from interview_app.storage.interviews import WORKSTATION_CODE
from interview_app.storage.keyslots import KeySlots
from interview_app.storage.office import Office
from interview_app.storage.officers import OfficerRepository, check_password_policy
from interview_app.storage.paths import database_path
from interview_app.storage.settings import (
    OFFICE_CODE,
    OFFICE_NAME,
    WORKSTATION_ID,
    WORKSTATION_NAME,
    SettingsStore,
)
from interview_app.storage.unlock import folder_is_encrypted
from interview_app.sync.errors import KeyFileError, SyncError
from interview_app.sync.keyfile import read_key_file

MAX_STATION_CODE = 12


@dataclass(frozen=True)
class SetupResult:
    data_dir: Path
    office_code: str
    office_name: str
    workstation_id: str
    workstation_name: str
    workstation_code: str
    recovery_code: str | None = None  # made with the first supervisor: shown once
    key_file_in_clear: bool = False  # an old version-1 key file: to be destroyed


@dataclass(frozen=True)
class FirstSupervisor:
    """The workstation's first supervisor account, made by set-up."""

    username: str
    full_name: str
    password: str


NO_SUPERVISOR = SyncError(
    'Komputer baru butuh supervisor pertamanya: --supervisor NAMA_PENGGUNA --name "NAMA '
    'LENGKAP" --new-password-file BERKAS. Tidak ada yang dibuat.',
    'A new workstation needs its first supervisor: --supervisor USERNAME --name "FULL NAME" '
    "--new-password-file FILE. Nothing was created.",
)


def station_code_from_name(name: str) -> str:
    """Upper-case letters and digits of the name ("Loket 2" -> "LOKET2"): the middle part of
    this workstation's reference numbers, so that two counters never hand out the same one."""
    return re.sub(r"[^A-Z0-9]", "", name.upper())[:MAX_STATION_CODE]


def setup_workstation(
    data_dir: Path,
    *,
    station_name: str,
    key_file: Path,
    passphrase: str | None = None,
    supervisor: FirstSupervisor | None = None,
    office_name: str | None = None,
    station_code: str | None = None,
    clock: Clock | None = None,
) -> SetupResult:
    """Install the office key from `key_file` (opened with `passphrase`), the office and
    workstation settings, and on a new workstation its first supervisor, whose key slot and the
    office recovery code are made with it (the code is in the result, to be shown once). The
    key file and the supervisor are checked before the folder is made; a workstation that
    already holds data of another office or another key is refused."""
    checked = check_setup(station_name, key_file, passphrase, station_code)
    return set_up_checked(
        Path(data_dir), checked, supervisor=supervisor, office_name=office_name, clock=clock
    )


def set_up_checked(
    data_dir: Path,
    checked: CheckedSetup,
    *,
    supervisor: FirstSupervisor | None = None,
    office_name: str | None = None,
    clock: Clock | None = None,
) -> SetupResult:
    """setup_workstation after check_setup (the command line opens the key file before it
    takes the folder's lock, which makes the folder). A new folder is made encrypted under the
    key file's key (no office.key is written); one set up before opens with that key."""
    data_dir = Path(data_dir)
    require_supervisor_for_new_folder(data_dir, supervisor)
    with _open_for_setup(data_dir, checked, clock) as office:
        # read under the key file's key: a plaintext folder's office.key may be missing
        accounts = OfficerRepository(office.database, AuditLog(office.database, checked.key))
        _refuse_other_office(office, checked.code, checked.key)
        if supervisor is None and not accounts.any_officer():
            raise NO_SUPERVISOR
        if supervisor is not None:
            _check_supervisor(office.settings, accounts, supervisor)
        result = _install(office, checked, office_name)
        if supervisor is None:
            return result
        return replace(result, recovery_code=_first_supervisor(office, supervisor))


def require_supervisor_for_new_folder(data_dir: Path, supervisor: FirstSupervisor | None) -> None:
    """A workstation without a database gets its first supervisor with it (NO_SUPERVISOR)."""
    if supervisor is None and not database_path(Path(data_dir)).exists():
        raise NO_SUPERVISOR


def _check_supervisor(
    settings: SettingsStore, accounts: OfficerRepository, supervisor: FirstSupervisor
) -> None:
    """Everything that would refuse the account, checked before anything is written."""
    if not supervisor.username.strip() or not supervisor.full_name.strip():
        raise SyncError(
            "Nama pengguna dan nama lengkap supervisor wajib diisi. Tidak ada yang diubah.",
            "The supervisor's username and full name are required. Nothing was changed.",
        )
    if accounts.find(supervisor.username.strip()) is not None:
        raise SyncError(
            f"Nama pengguna '{supervisor.username.strip()}' sudah ada di komputer ini. Tidak "
            "ada yang diubah.",
            f"The username '{supervisor.username.strip()}' exists on this workstation already. "
            "Nothing was changed.",
        )
    check_password_policy(settings, supervisor.username, supervisor.password)


def _first_supervisor(office: Office, supervisor: FirstSupervisor) -> str | None:
    """The supervisor's account (its key slot is written with it); on an encrypted folder
    without a recovery slot, that slot too, whose code is returned to be shown once (a
    plaintext folder gets its code when a supervisor's sign-in encrypts it)."""
    office.officers().create(
        supervisor.username, supervisor.full_name, None, "supervisor", supervisor.password
    )
    if not office.encrypted or KeySlots(office.data_dir).has_recovery:
        return None
    return office.make_recovery_code()


def _open_for_setup(data_dir: Path, checked: CheckedSetup, clock: Clock | None) -> Office:
    """A folder without a database: a new encrypted one under the key file's key. An encrypted
    folder: opened with that key (another key is refused, nothing changed). A plaintext folder
    of the release before: opened as it is (a supervisor's sign-in encrypts it)."""
    path = database_path(data_dir)
    if not path.exists() or path.stat().st_size == 0:
        return Office.create(data_dir, checked.code, key=checked.key, clock=clock)
    if not folder_is_encrypted(data_dir):
        return Office.open(data_dir, clock=clock)
    holder = KeySlots(data_dir).office_code  # readable without the key: which office this is
    if holder is not None and holder.casefold() != checked.code.casefold():
        raise _other_office(holder, checked.code)
    try:
        return Office.open(data_dir, key=(checked.code, checked.key), clock=clock)
    except DatabaseKeyError:
        raise _another_key() from None


def install_workstation(
    office: Office, checked: CheckedSetup, office_name: str | None = None
) -> SetupResult:
    """setup_workstation's work in a data folder open already (the counter's first run joins
    an office through it), with the key file opened by check_setup."""
    _refuse_other_office(office, checked.code, checked.key)
    return _install(office, checked, office_name)


@dataclass(frozen=True)
class CheckedSetup:
    """A workstation's name and code, and what its office key file gave."""

    station_name: str
    station_code: str
    code: str
    name_in_file: str
    key: bytes
    in_clear: bool


def check_setup(
    station_name: str,
    key_file: Path,
    passphrase: str | None = None,
    station_code: str | None = None,
) -> CheckedSetup:
    """The workstation's name and code checked and the key file opened, before anything is
    written: a wrong passphrase or a bad file is refused here."""
    station_name = station_name.strip()
    if not station_name:
        raise SyncError("Nama komputer/loket wajib diisi.", "The workstation name is required.")
    code, name_in_file, key, in_clear = read_key_file(Path(key_file), passphrase)
    station_code = (station_code or station_code_from_name(station_name)).strip().upper()
    if not re.fullmatch(r"[A-Z0-9]{1,12}", station_code):
        raise SyncError(
            "Kode loket hanya huruf dan angka, paling banyak 12 (contoh: LOKET2).",
            "The station code is letters and digits only, at most 12 (e.g. LOKET2).",
        )
    return CheckedSetup(station_name, station_code, code, name_in_file, key, in_clear)


def _install(office: Office, checked: CheckedSetup, office_name: str | None) -> SetupResult:
    code, key = checked.code, checked.key
    station_name, station_code = checked.station_name, checked.station_code
    database = office.database
    settings = office.settings
    office.install_office_key(code, key)
    chosen_name = office_name or settings.get(OFFICE_NAME) or checked.name_in_file or code
    with database.transaction():
        settings.set(OFFICE_CODE, code)
        settings.set(OFFICE_NAME, chosen_name)
        settings.set(WORKSTATION_NAME, station_name)
        settings.set(WORKSTATION_CODE, station_code)
        workstation_id = str(settings.get(WORKSTATION_ID))
        office.audit.append(
            "system",
            "setup",
            "workstation",
            workstation_id,
            {"office_code": code, "workstation_code": station_code},
        )
    return SetupResult(
        office.data_dir,
        code,
        str(chosen_name),
        workstation_id,
        station_name,
        station_code,
        key_file_in_clear=checked.in_clear,
    )


def _refuse_other_office(office: Office, code: str, key: bytes) -> None:
    """Another office code, or another key for this office, once data exists, would orphan the
    data and break the audit chain (its key comes from the office key)."""
    database = office.database
    current_code = office.settings.get(OFFICE_CODE)
    found = office.key_on_file
    same_key = found is not None and hmac.compare_digest(found[1], key)
    different_office = current_code is not None and str(current_code).casefold() != code.casefold()
    if not holds_data(database) or (same_key and not different_office):
        return
    if found is None and not different_office and AuditLog(database, key).verify().ok:
        return  # office.key was lost: this key is the one the audit chain was written with
    if different_office:
        raise _other_office(str(current_code), code)
    raise _another_key()


def _other_office(current_code: str, code: str) -> KeyFileError:
    return KeyFileError(
        f"Komputer ini sudah berisi data kantor {current_code}; berkas kunci ini untuk "
        f"kantor {code}. Tidak ada yang diubah.",
        f"This workstation already holds data of office {current_code}; this key file is "
        f"for office {code}. Nothing was changed.",
    )


def _another_key() -> KeyFileError:
    return KeyFileError(
        "Komputer ini sudah berisi data dengan kunci kantor yang lain; berkas kunci ini tidak "
        "cocok. Tidak ada yang diubah. Hubungi supervisor.",
        "This workstation already holds data under another office key; this key file does "
        "not match it. Nothing was changed. Call a supervisor.",
    )
