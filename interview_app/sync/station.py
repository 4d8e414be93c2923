"""Who this workstation is for sync: office code and name, workstation id and name, office key."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from interview_app.storage.database import Database
from interview_app.storage.office import Office
from interview_app.storage.settings import (
    OFFICE_CODE,
    OFFICE_NAME,
    WORKSTATION_ID,
    WORKSTATION_NAME,
)
from interview_app.sync.errors import SyncNotConfigured


@dataclass(frozen=True)
class Station:
    office_code: str
    office_name: str
    workstation_id: str
    workstation_name: str
    office_key: bytes

    def __repr__(self) -> str:  # never print the key
        return (
            f"Station(office_code={self.office_code!r}, workstation_id={self.workstation_id!r},"
            f" workstation_name={self.workstation_name!r})"
        )

    @property
    def file_label(self) -> str:
        """The workstation in a file name: its name made safe, else the id's first characters."""
        label = re.sub(r"[^A-Za-z0-9]+", "-", self.workstation_name).strip("-")
        return label[:24] or self.workstation_id[:8]


def load_station(database: Database, data_dir: Path | None = None) -> Station:
    """The station's identity and office key, from the data folder `database` belongs to
    (`data_dir` is that folder; the key comes from its Office); SyncNotConfigured when
    something is missing."""
    office = Office.of(database)
    settings = office.settings
    office_code = settings.get(OFFICE_CODE)
    workstation_id = settings.get(WORKSTATION_ID)
    if not office_code or not workstation_id:
        raise SyncNotConfigured(
            "Kode kantor belum diatur di komputer ini. Atur kantor dulu (pengaturan atau "
            "'interview-app setup').",
            "The office code is not set on this workstation. Set up the office first "
            "(settings or 'interview-app setup').",
        )
    found = office.key_on_file
    if found is None:
        raise SyncNotConfigured(
            "Kunci kantor belum dipasang di komputer ini. Minta supervisor mengekspor berkas "
            "kunci kantor ('sync-key export') lalu pasang dengan 'setup --sync-key-file'.",
            "The office key is not installed on this workstation. Ask a supervisor to export "
            "the office key file ('sync-key export') and install it with "
            "'setup --sync-key-file'.",
        )
    key_office, key = found
    if key_office.casefold() != str(office_code).casefold():
        raise SyncNotConfigured(
            f"Kunci kantor di komputer ini milik kantor {key_office}, bukan {office_code}. "
            "Pasang berkas kunci kantor yang benar.",
            f"The office key on this workstation belongs to office {key_office}, not "
            f"{office_code}. Install the right office key file.",
        )
    return Station(
        office_code=str(office_code),
        office_name=str(settings.get(OFFICE_NAME) or ""),
        workstation_id=str(workstation_id),
        workstation_name=str(settings.get(WORKSTATION_NAME) or ""),
        office_key=key,
    )
