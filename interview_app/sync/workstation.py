"""Setting up another workstation of the same office from the office key file."""

from __future__ import annotations

import hmac
import re
from dataclasses import dataclass
from pathlib import Path

from interview_app.storage.audit import AuditLog
from interview_app.storage.clock import Clock
from interview_app.storage.content import holds_data
from interview_app.storage.interviews import WORKSTATION_CODE
from interview_app.storage.office import Office
from interview_app.storage.settings import (
    OFFICE_CODE,
    OFFICE_NAME,
    WORKSTATION_ID,
    WORKSTATION_NAME,
)
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


def station_code_from_name(name: str) -> str:
    """Upper-case letters and digits of the name ("Loket 2" -> "LOKET2"): the middle part of
    this workstation's reference numbers, so that two counters never hand out the same one."""
    return re.sub(r"[^A-Z0-9]", "", name.upper())[:MAX_STATION_CODE]


def setup_workstation(
    data_dir: Path,
    *,
    station_name: str,
    key_file: Path,
    office_name: str | None = None,
    station_code: str | None = None,
    clock: Clock | None = None,
) -> SetupResult:
    """Install the office key from `key_file` and the office and workstation settings.
    A workstation that already holds data of another office or another key is refused."""
    checked = _checked(station_name, key_file, station_code)  # before the folder is made
    with Office.open(Path(data_dir), create=True, clock=clock) as office:
        return _install(office, checked, office_name)


def install_workstation(
    office: Office,
    *,
    station_name: str,
    key_file: Path,
    office_name: str | None = None,
    station_code: str | None = None,
) -> SetupResult:
    """setup_workstation's work in a data folder open already (the counter's first run joins
    an office through it)."""
    return _install(office, _checked(station_name, key_file, station_code), office_name)


@dataclass(frozen=True)
class _Checked:
    station_name: str
    station_code: str
    code: str
    name_in_file: str
    key: bytes


def _checked(station_name: str, key_file: Path, station_code: str | None) -> _Checked:
    station_name = station_name.strip()
    if not station_name:
        raise SyncError("Nama komputer/loket wajib diisi.", "The workstation name is required.")
    code, name_in_file, key = read_key_file(Path(key_file))
    station_code = (station_code or station_code_from_name(station_name)).strip().upper()
    if not re.fullmatch(r"[A-Z0-9]{1,12}", station_code):
        raise SyncError(
            "Kode loket hanya huruf dan angka, paling banyak 12 (contoh: LOKET2).",
            "The station code is letters and digits only, at most 12 (e.g. LOKET2).",
        )
    return _Checked(station_name, station_code, code, name_in_file, key)


def _install(office: Office, checked: _Checked, office_name: str | None) -> SetupResult:
    code, key = checked.code, checked.key
    station_name, station_code = checked.station_name, checked.station_code
    database = office.database
    _refuse_other_office(office, code, key)
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
        office.data_dir, code, str(chosen_name), workstation_id, station_name, station_code
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
        raise KeyFileError(
            f"Komputer ini sudah berisi data kantor {current_code}; berkas kunci ini untuk "
            f"kantor {code}. Tidak ada yang diubah.",
            f"This workstation already holds data of office {current_code}; this key file is "
            f"for office {code}. Nothing was changed.",
        )
    raise KeyFileError(
        "Komputer ini sudah berisi data dengan kunci kantor yang lain; berkas kunci ini tidak "
        "cocok. Tidak ada yang diubah. Hubungi supervisor.",
        "This workstation already holds data under another office key; this key file does "
        "not match it. Nothing was changed. Call a supervisor.",
    )
