"""A small office for slip tests: settings, office key, one officer, the default script, and a
helper that stores completed interviews from answers."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from interview_app.commands.secret_input import ENV_PASSWORD, ENV_USER
from interview_app.interview.engine import InterviewSession
from interview_app.questionnaire.model import Questionnaire
from interview_app.storage.audit import AuditLog
from interview_app.storage.clock import FixedClock
from interview_app.storage.database import Database
from interview_app.storage.interviews import FlagRecord, InterviewRecord, InterviewRepository
from interview_app.storage.officers import OfficerRepository
from interview_app.storage.settings import SettingsStore
from tests import keyring
from tests.offices import (
    SLIP_OFFICER,
    SLIP_OFFICER_NAME,
    SLIP_OFFICER_NIP,
    SLIP_TODAY,
    OfficeBuilder,
    active_script,
)

TODAY = SLIP_TODAY
OFFICER_NAME = SLIP_OFFICER_NAME
OFFICER_NIP = SLIP_OFFICER_NIP

REFERRAL_ANSWERS: dict[str, Any] = {
    "nik": "7271015208990006",
    "full_name": "Fitriani Labolo",
    "birth_place": "Palu",
    "birth_date": dt.date(1999, 8, 12),
    "sex": "P",
    "phone": "+6281355609039",
    "address": "Jl. Lapatau No. 47, Palu",
    "home_regency": "7271",
    "passport_application_no": "PLU2025245045",
    "emergency_contact": "Lamato (ayah) 081351563211",
    "purpose": "wisata",
    "intends_work": True,
    "destination": "MY",
    "departure_date": dt.date(2025, 2, 1),
    "route": "via_nunukan",
    "payer": "self",
    "job_type": "plantation",
    "employer_name_known": False,
    "visa_type": "kunjungan_wisata",
    "placement_company": "PT Sawit Makmur Jaya",
    "offer_source": "village_broker",
    "recruited_by_individual": True,
    "recruiter_name": "Pak Hamzah Daeng Maro",
    "recruiter_phone": "+6285279803014",
    "paid_recruiter": True,
    "paid_amount": 5000000.0,
    "paid_to_personal_account": True,
    "told_to_claim_tourism": False,
    "documents_held_by_others": False,
    "deported_or_overstay": True,
    "medical_check": False,
    "obs_inconsistent": True,
    "obs_accompanied_nonfamily": False,
    "obs_nervous_notes": False,
}
TOURIST_ANSWERS: dict[str, Any] = {
    "nik": "7271011203900002",
    "full_name": "Arif Pakamundi",
    "birth_place": "Palu",
    "birth_date": dt.date(1990, 3, 12),
    "sex": "L",
    "passport_application_no": "PLU2025000111",
    "purpose": "wisata",
    "intends_work": False,
    "destination": "SG",
    "return_ticket": True,
    "funds_proof": True,
    "told_to_claim_tourism": False,
    "documents_held_by_others": False,
    "obs_inconsistent": False,
    "obs_accompanied_nonfamily": False,
    "obs_nervous_notes": False,
}


@dataclass
class Office:
    data_dir: Path
    database: Database
    key: bytes
    clock: FixedClock
    audit: AuditLog
    questionnaire: Questionnaire
    questionnaire_hash: str
    officer_id: int
    settings: SettingsStore
    repository: InterviewRepository
    records: list[InterviewRecord] = field(default_factory=list)

    def complete(
        self,
        answers: dict[str, Any],
        *,
        chosen: str | None = None,
        flags: list[FlagRecord] | None = None,
        notes: str | None = None,
        draft: bool = False,
        consent: bool = True,
        suspected: str | None = None,
    ) -> InterviewRecord:
        """Store an interview with these answers; completed unless `draft`. `flags` replaces
        the engine's flags (to test many flags)."""
        session = InterviewSession(self.questionnaire, answers, today=TODAY, office_province="72")
        record = self.repository.create_draft(
            officer_id=self.officer_id,
            questionnaire_id=self.questionnaire.id,
            questionnaire_version=self.questionnaire.version,
            questionnaire_hash=self.questionnaire_hash,
            language="id",
        )
        stored = session.stored_answers()
        for position, (question_id, value) in enumerate(stored.items()):
            last = position == len(stored) - 1
            self.repository.save_answer(
                record.uuid,
                question_id,
                value,
                current_question=question_id,
                identity=session.identity_fields() if last else None,
            )
        if notes:
            self.repository.save_notes(record.uuid, notes)
        if draft:
            return self.repository.get(record.uuid)
        suggestion = session.suggestion
        chosen = chosen or suggestion.code
        return self.repository.complete(
            record.uuid,
            chosen_outcome=chosen,
            override_reason=None if chosen == suggestion.code else "Keputusan petugas (uji)",
            flags=flags
            if flags is not None
            else [
                FlagRecord(f.rule_id, f.weight, f.hard, f.reason.id, f.reason.en)
                for f in session.flags
            ],
            score=session.score,
            hard_flag=session.hard_flag,
            suggested_outcome=suggestion.code,
            consent_bp3mi=consent,
            officer_id=self.officer_id,
            suspected_purpose=suspected,
        )


@pytest.fixture
def office(
    offices: OfficeBuilder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Office]:
    """A copy of the slip office, on the slip's day, opened with its key. The slip commands
    the tests run sign in as its officer (INTERVIEW_APP_USER and INTERVIEW_APP_PASSWORD)."""
    data_dir = offices.copy("slip", tmp_path / "office")
    monkeypatch.setenv(ENV_USER, SLIP_OFFICER[0])
    monkeypatch.setenv(ENV_PASSWORD, SLIP_OFFICER[1])
    clock = FixedClock(dt.datetime.combine(TODAY, dt.time(2), dt.UTC))
    opened = keyring.open_office(data_dir, clock=clock)
    database = opened.database
    try:
        found = keyring.key_of(data_dir)
        audit = AuditLog(database, found[1], clock)
        officer = OfficerRepository(database, audit, clock).find(SLIP_OFFICER[0])
        assert officer is not None
        digest, questionnaire = active_script(database)
        yield Office(
            data_dir,
            database,
            found[1],
            clock,
            audit,
            questionnaire,
            digest,
            officer.id,
            SettingsStore(database),
            InterviewRepository(database, audit, clock),
        )
    finally:
        database.close()


def have_tools(*names: str) -> bool:
    return all(shutil.which(name) for name in names)


def sample_content(**changes: Any) -> Any:
    """A referral slip's content made by hand (no database)."""
    import dataclasses

    from interview_app.slip.content import (
        REFERRAL,
        Applicant,
        Letterhead,
        Recipient,
        SlipContent,
        SlipFlag,
    )
    from interview_app.slip.derive import RequestedActions

    content = SlipContent(
        kind=REFERRAL,
        letterhead=Letterhead("Kantor Imigrasi Kelas I TPI Palu", "Jl. Kartini No. 1, Palu"),
        bp3mi=Recipient("BP3MI Sulawesi Tengah", "Jl. Contoh BP3MI No. 2, Palu", "0451 123456"),
        slip_no="PLU/BP3MI/2025/00007",
        issued_on=TODAY,
        printed_on=TODAY,
        copy_number=1,
        interview_ref="PLU-2025-000042",
        interview_date=TODAY,
        officer_name=OFFICER_NAME,
        officer_nip=OFFICER_NIP,
        applicant=Applicant(
            full_name="Fitriani Labolo",
            nik="7271015208990006",
            birth_place="Palu",
            birth_date=dt.date(1999, 8, 12),
            sex="Perempuan",
            address="Jl. Lapatau No. 47, Palu",
            phone="+6281355609039",
            emergency_contact="Lamato (ayah) 081351563211",
            passport_application_no="PLU2025245045",
            passport_no="",
        ),
        outcome_code="TUNDA_RUJUK_BP3MI",
        outcome_label="Ditunda dan dirujuk ke BP3MI",
        refers_bp3mi=True,
        stated_purpose="Wisata / liburan",
        suspected_purpose="bekerja secara non-prosedural",
        destination="Malaysia",
        job="Perkebunan / pertanian",
        flags=(
            SlipFlag("visa_not_work", "Akan bekerja tanpa visa kerja", True),
            SlipFlag("paid_recruiter_fee", "Membayar biaya kepada perekrut", False),
        ),
        flags_left_off=0,
        actions=RequestedActions(True, True, True, True),
        consent_bp3mi=True,
        answers={"recruiter_name": "Pak Hamzah", "paid_amount": "Rp 5.000.000"},
    )
    return dataclasses.replace(content, **changes)
