"""An encrypted data folder for the keyless commands' tests: key slots (a supervisor and the
recovery code), an open encrypted database with applicants' answers in it."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

from interview_app.storage.audit import AuditLog
from interview_app.storage.cipher import database_key
from interview_app.storage.database import Database, open_database
from interview_app.storage.interviews import InterviewRepository
from interview_app.storage.keyslots import create_office_slots
from interview_app.storage.settings import SettingsStore

from .conftest import OFFICE_CODE, new_draft

PEOPLE = [
    ("7271015708900003", "Wulandari Sitompul", "081355501234"),
    ("7271024403920005", "Rahmawati Lasahido", "085241107788"),
    ("7271031111850001", "Yohanis Pakaenoni", "082193304455"),
]
PASSWORD = "kata sandi supervisor yang panjang"


def texts() -> list[str]:
    return [text for person in PEOPLE for text in person]


class EncryptedFolder:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.office_key = secrets.token_bytes(32)
        self.page_key = database_key(self.office_key)
        self.recovery_code = create_office_slots(
            data_dir, OFFICE_CODE, self.office_key, "supervisor", PASSWORD
        )
        self.database: Database = open_database(data_dir, key=self.page_key)
        SettingsStore(self.database).set("office_code", OFFICE_CODE)
        self.interviews = InterviewRepository(self.database, AuditLog(self.database, b"k" * 32))
        self.uuids: list[str] = []

    def add(self, nik: str, name: str, phone: str) -> None:
        record = new_draft(self.interviews)
        self.interviews.save_answer(
            record.uuid,
            "nik",
            nik,
            current_question="full_name",
            identity={"nik": nik, "full_name": name, "phone": phone},
        )
        self.uuids.append(record.uuid)


def filled_folder(data_dir: Path) -> Iterator[EncryptedFolder]:
    """For a fixture: the folder with PEOPLE's answers, its database closed afterwards."""
    office = EncryptedFolder(data_dir)
    for person in PEOPLE:
        office.add(*person)
    yield office
    office.database.close()
