"""Fixtures for the storage tests: a fresh data folder, database, clock, key and repositories."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from interview_app.storage import passwords
from interview_app.storage.audit import AuditLog
from interview_app.storage.clock import FixedClock
from interview_app.storage.database import Database, open_database
from interview_app.storage.interviews import InterviewRecord, InterviewRepository
from interview_app.storage.keys import load_or_create_office_key
from interview_app.storage.officers import OfficerRepository
from interview_app.storage.settings import SettingsStore

OFFICE_CODE = "PLU"
OFFICE_NAME = "Kanim Palu"


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    """Full-strength scrypt costs ~0.8 s a hash; tests use a tiny cost (see passwords.py)."""
    monkeypatch.setattr(passwords, "SCRYPT_N", 1024)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def database(data_dir: Path) -> Iterator[Database]:
    db = open_database(data_dir)
    try:
        settings = SettingsStore(db)
        settings.set("office_code", OFFICE_CODE)
        settings.set("office_name", OFFICE_NAME)
        yield db
    finally:
        db.close()


@pytest.fixture
def office_key(data_dir: Path) -> bytes:
    return load_or_create_office_key(data_dir, OFFICE_CODE)


@pytest.fixture
def audit(database: Database, office_key: bytes, clock: FixedClock) -> AuditLog:
    return AuditLog(database, office_key, clock)


@pytest.fixture
def interviews(database: Database, audit: AuditLog, clock: FixedClock) -> InterviewRepository:
    return InterviewRepository(database, audit, clock)


@pytest.fixture
def officers(database: Database, audit: AuditLog, clock: FixedClock) -> OfficerRepository:
    return OfficerRepository(database, audit, clock)


def new_draft(repo: InterviewRepository, officer_id: int = 1) -> InterviewRecord:
    return repo.create_draft(
        officer_id=officer_id,
        questionnaire_id="tppo",
        questionnaire_version=1,
        questionnaire_hash="a" * 64,
        language="id",
    )
