"""A ready demo office: settings, accounts, the default script, and realistic synthetic interviews."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interview_app.interview.engine import InterviewSession
from interview_app.questionnaire.loader import load_text
from interview_app.questionnaire.model import Questionnaire
from interview_app.reference import load_regions
from interview_app.storage.audit import AuditLog
from interview_app.storage.clock import FixedClock
from interview_app.storage.database import Database
from interview_app.storage.interviews import InterviewRepository
from interview_app.storage.keyslots import KeySlots
from interview_app.storage.office import Office
from interview_app.storage.paths import database_path
from interview_app.storage.questionnaires import QuestionnaireStore
from interview_app.storage.settings import (
    OFFICE_CODE,
    OFFICE_NAME,
    WORKSTATION_NAME,
)
from interview_app.storage.unlock import PasswordCredentials
from interview_app.workflow.default_script import DEFAULT_SCRIPT_FILE, ensure_default_script
from interview_app.workflow.recruiter import flags_to_keep, recruiter_signal

DEMO_OFFICE_CODE = "PLU"
DEMO_SETTINGS: dict[str, Any] = {
    OFFICE_CODE: DEMO_OFFICE_CODE,
    OFFICE_NAME: "Kantor Imigrasi Kelas I TPI Palu (DEMO)",
    WORKSTATION_NAME: "Loket 1",
    "office_province": "72",
    "office_address": "Jl. Contoh Demo No. 1, Palu, Sulawesi Tengah",
    "bp3mi_name": "BP3MI Sulawesi Tengah",
    "bp3mi_address": "(alamat demo — diisi supervisor / demo address — set by a supervisor)",
    "bp3mi_phone": "(demo)",
}


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    full_name: str
    nip: str


# Documented in the README: the demo office is for trying the app, never for real data.
DEMO_ACCOUNTS = (
    DemoAccount(
        "supervisor",
        "kepala-seksi-demo",
        "supervisor",
        "Rahmat Hidayat, S.H.",
        "198003152005011002",
    ),
    DemoAccount(
        "petugas1", "loket-satu-demo", "officer", "Siti Nurhaliza Lamato", "199104222015032001"
    ),
    DemoAccount("petugas2", "loket-dua-demo", "officer", "Andi Mappaseng", "198812072012121001"),
)

MALE_NAMES = (
    "Moh. Rizal",
    "Arif",
    "Fadli",
    "Irfan",
    "Sandi",
    "Yusuf",
    "Hendra",
    "Taufik",
    "Agus",
    "Ilham",
    "Rahmat",
    "Gede Putu",
)
FEMALE_NAMES = (
    "Nur Aisyah",
    "Sri Wahyuni",
    "Fitriani",
    "Rahmawati",
    "Nurul Hikmah",
    "Dewi",
    "Ayu Lestari",
    "Marlina",
    "Sitti Hajar",
    "Ni Komang",
    "Yuliana",
    "Hasnah",
)
FAMILY_NAMES = (
    "Lamato",
    "Lasahido",
    "Tombolotutu",
    "Pakamundi",
    "Daeng Maro",
    "Lapatau",
    "Bantilan",
    "Rusdi",
    "Saleh",
    "Towoko",
    "Latjeke",
    "Labolo",
    "Pettalolo",
    "Hamzah",
)
DESTINATIONS_WORK = ("MY", "TW", "HK", "JP", "KR", "SG", "SA")
PLACEMENT_COMPANIES = (
    "PT Karya Mandiri Sejahtera",
    "PT Bina Tenaga Nusantara",
    "PT Sulteng Jaya Abadi",
)
UMRAH_AGENCIES = (
    "PT Al-Madinah Tour (PPIU)",
    "PT Baitullah Palu Wisata (PPIU)",
)


@dataclass(frozen=True)
class DemoOffice:
    data_dir: Path
    office_code: str
    accounts: tuple[DemoAccount, ...]
    interviews: int
    questionnaire_hash: str
    # The office recovery code, when this call made the office (or converted an old one).
    recovery_code: str | None = None


def install_default_script(database: Database, audit: AuditLog | None) -> tuple[str, Questionnaire]:
    """The active script, after installing (or bringing up to date) the shipped default."""
    digest, text = ensure_default_script(QuestionnaireStore(database, audit))
    return digest, load_text(text, DEFAULT_SCRIPT_FILE)


def create_demo_office(
    data_dir: Path, *, count: int = 200, seed: int = 7, today: dt.date | None = None
) -> DemoOffice:
    """Set up (or top up) a demo office in `data_dir` with `count` more synthetic interviews
    spread over the 90 days before `today`. Deterministic for a given seed and today."""
    today = today or dt.date.today()
    clock = FixedClock(dt.datetime.combine(today - dt.timedelta(days=91), dt.time(1), dt.UTC))
    with _demo_folder(Path(data_dir), clock) as office:
        database = office.database
        settings = office.settings
        for key, value in DEMO_SETTINGS.items():
            if settings.get(key) is None:
                settings.set(key, value)
        office_code = str(settings.get(OFFICE_CODE))
        recovery_code = office.new_recovery_code
        office.install_office_key(office_code)
        officers = office.officers()
        officer_ids = []
        for account in DEMO_ACCOUNTS:
            existing = officers.find(account.username)
            if existing is None:
                existing = officers.create(
                    account.username, account.full_name, account.nip, account.role, account.password
                )
            officer_ids.append(existing.id)
        digest, questionnaire = install_default_script(database, office.audit)
        generator = _Generator(random.Random(seed), questionnaire, today)
        repository = office.interviews
        with database.transaction():
            for index in range(count):
                day = today - dt.timedelta(days=int(90 * (count - index) / max(count, 1)))
                clock.set(
                    dt.datetime.combine(day, dt.time(0, 30), dt.UTC)
                    + dt.timedelta(minutes=7 * (index % 60))
                )
                _store_interview(
                    repository,
                    generator.applicant(),
                    questionnaire,
                    digest,
                    officer_ids[1 + index % 2],
                    day,
                    draft=index % 37 == 36,
                    rng=generator.rng,
                )
        if not KeySlots(office.data_dir).has_recovery:
            recovery_code = office.make_recovery_code()
        return DemoOffice(Path(data_dir), office_code, DEMO_ACCOUNTS, count, digest, recovery_code)


def _demo_folder(data_dir: Path, clock: FixedClock) -> Office:
    """The demo office's folder: made encrypted when new; opened as its supervisor when it
    exists (a demo folder of the release before is converted by that sign-in)."""
    if database_path(data_dir).exists() and database_path(data_dir).stat().st_size > 0:
        supervisor = DEMO_ACCOUNTS[0]
        return Office.open(
            data_dir,
            credentials=PasswordCredentials(supervisor.username, supervisor.password),
            clock=clock,
        )
    return Office.create(data_dir, DEMO_OFFICE_CODE, clock=clock)


def _store_interview(
    repository: InterviewRepository,
    answers: dict[str, Any],
    questionnaire: Questionnaire,
    digest: str,
    officer_id: int,
    day: dt.date,
    *,
    draft: bool,
    rng: random.Random,
) -> None:
    session = InterviewSession(questionnaire, answers, today=day, office_province="72")
    record = repository.create_draft(
        officer_id=officer_id,
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        questionnaire_hash=digest,
        language="id",
    )
    stored = session.stored_answers()
    recruiter = recruiter_signal(session, repository.same_recruiter, record.uuid)
    identity = {**session.identity_fields(), **recruiter.keys.columns()}
    suggestion = session.suggestion
    items = list(stored.items())
    if draft:
        items = items[: len(items) // 2]
    for position, (question_id, value) in enumerate(items):
        last = position == len(items) - 1
        repository.save_answer(
            record.uuid,
            question_id,
            value,
            current_question=question_id,
            identity=identity if last else None,
            score=session.score if last else None,
            hard_flag=session.hard_flag if last else None,
            suggested_outcome=suggestion.code if last else None,
        )
    if draft:
        return
    chosen, reason = suggestion.code, None
    if suggestion.code == "TUNDA_LENGKAPI" and rng.random() < 0.15:
        chosen, reason = (
            "TUNDA_RUJUK_BP3MI",
            "Pemohon tampak dilatih menjawab; dirujuk untuk konseling.",
        )
    elif suggestion.code == "TERBIT" and rng.random() < 0.03:
        chosen, reason = "MUNDUR", "Pemohon memilih mundur dan tidak kembali ke loket."
    repository.complete(
        record.uuid,
        chosen_outcome=chosen,
        override_reason=reason,
        flags=flags_to_keep(session, recruiter),
        score=session.score,
        hard_flag=session.hard_flag,
        suggested_outcome=suggestion.code,
        consent_bp3mi=suggestion.refers_bp3mi or chosen in ("TUNDA_RUJUK_BP3MI", "RUJUK_APH"),
        officer_id=officer_id,
    )


def _place_name(regency: str) -> str:
    """A birth place as people write it: "Kabupaten Poso" -> "Poso", "Kota Palu" -> "Palu"."""
    for prefix in ("Kabupaten ", "Kota "):
        if regency.startswith(prefix):
            return regency[len(prefix) :]
    return regency


class _Generator:
    """Synthetic applicants: realistic mixes of genuine travellers, procedural workers and the
    non-procedural cases the interview exists to catch."""

    PROFILES = (
        ("tourist", 22),
        ("umrah", 12),
        ("procedural_worker", 26),
        ("tourist_visa_worker", 14),
        ("scam_recruit", 8),
        ("middle_east_domestic", 8),
        ("minor", 3),
        ("family_visit", 7),
        ("borderline_tourist", 12),
    )

    def __init__(self, rng: random.Random, questionnaire: Questionnaire, today: dt.date) -> None:
        self.rng = rng
        self.questionnaire = questionnaire
        self.today = today
        # The demo office is Kanim Palu: its applicants come from Sulawesi Tengah (72).
        self.regencies = sorted(c for c in load_regions().regencies if c.startswith("72"))
        self.people: list[dict[str, Any]] = []
        self.serial = 0

    def person(self, min_age: int, max_age: int) -> dict[str, Any]:
        rng = self.rng
        if self.people and rng.random() < 0.08:
            return dict(rng.choice(self.people))  # a repeat applicant
        sex = rng.choice("LP")
        age_days = rng.randint(min_age * 365 + 10, max_age * 365 + 300)
        born = self.today - dt.timedelta(days=age_days)
        regency = rng.choice(self.regencies)
        day = born.day + (40 if sex == "P" else 0)
        self.serial += 1
        nik = f"{regency}{rng.randint(1, 15):02d}{day:02d}{born.month:02d}{born.year % 100:02d}{self.serial % 9999 + 1:04d}"
        given = rng.choice(MALE_NAMES if sex == "L" else FEMALE_NAMES)
        person = {
            "nik": nik,
            "full_name": f"{given} {rng.choice(FAMILY_NAMES)}",
            "birth_place": _place_name(load_regions().regency_name(regency) or "Palu"),
            "birth_date": born,
            "sex": sex,
            "phone": f"+628{rng.randint(11, 59)}{rng.randint(10_000_000, 99_999_999)}",
            "home_regency": regency,
            "address": f"Jl. {rng.choice(FAMILY_NAMES)} No. {rng.randint(1, 120)}, {load_regions().regency_name(regency)}",
            "passport_application_no": f"PLU{self.today.year}{rng.randint(100000, 999999)}",
        }
        self.people.append(person)
        return dict(person)

    def applicant(self) -> dict[str, Any]:
        rng = self.rng
        names, weights = zip(*self.PROFILES, strict=True)
        profile = rng.choices(names, weights)[0]
        base: dict[str, Any] = {
            "marital_status": rng.choice(self._values("marital_status")),
            "education": rng.choice(self._values("education")),
            "had_passport": False,
            "travelled_before": rng.random() < 0.3,
            "family_aware": True,
            "emergency_contact": f"{rng.choice(FAMILY_NAMES)} (keluarga) 0813{rng.randint(10_000_000, 99_999_999)}",
            "knows_official_channels": rng.random() < 0.5,
            "urgent_debts": False,
            "foreign_partner_online": False,
            "worked_abroad_before": False,
            "deported_or_overstay": False,
            "obs_inconsistent": False,
            "obs_accompanied_nonfamily": False,
            "obs_nervous_notes": False,
            "departure_date": self.today + dt.timedelta(days=rng.randint(10, 60)),
            "return_ticket": True,
            "funds_proof": True,
            "address_abroad_known": True,
            "route": "direct",
            "payer": "self",
            "travel_with": rng.choice(["alone", "family", "friends"]),
            "stay_length_days": rng.randint(5, 21),
        }
        if profile == "minor":
            person = self.person(16, 17)
        elif profile in (
            "procedural_worker",
            "tourist_visa_worker",
            "scam_recruit",
            "middle_east_domestic",
            "borderline_tourist",
        ):
            person = self.person(19, 40)
        else:
            person = self.person(20, 62)
        base.update(person)
        base["occupation"] = rng.choice(self._values("occupation"))
        if profile == "borderline_tourist" and "unemployed" in self._values("occupation"):
            base["occupation"] = "unemployed"
        work = {
            "employer_name_known": True,
            "employer_name": "Tan Industrial Co.",
            "contract_signed": "yes_understood",
            "disnaker_registered": True,
            "placement_company_licensed": "yes",
            "medical_check": True,
            "competency_training": True,
            "bpjs": True,
            "family_permission": True,
            "offer_source": "p3mi_office",
            "recruited_by_individual": False,
            "visited_recruiter_office": True,
            "paid_recruiter": False,
            "debt_deduction": False,
            "told_to_claim_tourism": False,
            "documents_held_by_others": False,
            "holding_dormitory": False,
        }
        if profile == "tourist":
            base.update(
                purpose="wisata",
                intends_work=False,
                destination=rng.choice(["MY", "SG", "TH", "JP", "TR", "KR"]),
            )
        elif profile == "borderline_tourist":
            # Young, without work, first trip, thin plans: the medium band (postpone, documents).
            base.update(
                purpose="wisata",
                intends_work=False,
                destination=rng.choice(["TR", "AE", "MY"]),
                return_ticket=rng.random() < 0.3,
                funds_proof=False,
                address_abroad_known=rng.random() < 0.5,
                stay_length_days=rng.choice([30, 45, 60]),
                travelled_before=False,
            )
        elif profile == "family_visit":
            base.update(
                purpose="kunjungan_keluarga",
                intends_work=False,
                destination=rng.choice(["MY", "SA", "NL", "AU"]),
                stay_length_days=30,
            )
        elif profile == "umrah":
            base.update(
                purpose="umrah",
                intends_work=False,
                destination="SA",
                travel_with="tour_agency",
                payer="self",
                religious_agency=rng.choice(UMRAH_AGENCIES),
                religious_agency_licensed="yes",
                kemenag_document=True,
                address_abroad_known=False,
            )
        elif profile == "procedural_worker":
            base.update(work)
            base.update(
                purpose="kerja",
                destination=rng.choice(DESTINATIONS_WORK),
                job_type=rng.choice(["factory", "care_worker", "plantation", "hospitality"]),
                visa_type="kerja",
                placement_company=rng.choice(PLACEMENT_COMPANIES),
                promised_salary=float(rng.choice([8_000_000, 9_500_000, 12_000_000])),
                salary_currency="IDR",
                stay_length_days=730,
                return_ticket=False,
                travel_with="alone",
                payer="p3mi",
            )
        elif profile == "tourist_visa_worker":
            base.update(work)
            base.update(
                purpose="wisata",
                intends_work=True,
                destination=rng.choice(["MY", "SA", "AE", "TR"]),
                job_type=rng.choice(["domestic_worker", "plantation", "construction"]),
                visa_type="kunjungan_wisata",
                employer_name_known=False,
                contract_signed="no",
                disnaker_registered=False,
                placement_company_licensed="unknown",
                offer_source="village_broker",
                recruited_by_individual=True,
                recruiter_name=f"Pak {rng.choice(FAMILY_NAMES)}",
                recruiter_phone=f"+62852{rng.randint(10_000_000, 99_999_999)}",
                visited_recruiter_office=False,
                paid_recruiter=True,
                paid_amount=float(rng.choice([3_000_000, 5_000_000, 7_500_000])),
                paid_to_personal_account=True,
                route=rng.choice(["via_nunukan", "via_batam", "direct"]),
                return_ticket=False,
                medical_check=False,
                bpjs=False,
            )
        elif profile == "scam_recruit":
            base.update(work)
            base.update(
                purpose="wisata",
                intends_work=True,
                destination=rng.choice(["KH", "MM", "TH", "LA"]),
                job_type=rng.choice(["online_cs_admin_marketing", "online_gambling"]),
                visa_type="kunjungan_wisata",
                employer_name_known=False,
                promised_salary=1200.0,
                salary_currency="USD",
                contract_signed="no",
                disnaker_registered=False,
                placement_company_licensed="no",
                offer_source=rng.choice(["social_media", "chat_group"]),
                recruited_by_individual=True,
                recruiter_name="Mr. Kevin",
                recruiter_phone=f"+62813{rng.randint(10_000_000, 99_999_999)}",
                visited_recruiter_office=False,
                told_to_claim_tourism=rng.random() < 0.6,
                payer="recruiter",
                return_ticket=False,
                address_abroad_known=False,
                departure_date=self.today + dt.timedelta(days=rng.randint(2, 6)),
            )
        elif profile == "middle_east_domestic":
            base.update(work)
            base.update(
                purpose="umrah",
                intends_work=True,
                destination=rng.choice(["SA", "AE", "QA", "KW"]),
                job_type="domestic_worker",
                visa_type="umrah_ziarah",
                employer_name_known=False,
                contract_signed="no",
                disnaker_registered=False,
                placement_company_licensed="unknown",
                offer_source="village_broker",
                recruited_by_individual=True,
                recruiter_name=f"Ibu {rng.choice(FAMILY_NAMES)}",
                recruiter_phone=f"+62821{rng.randint(10_000_000, 99_999_999)}",
                visited_recruiter_office=False,
                paid_recruiter=False,
                family_aware=rng.random() < 0.5,
            )
            if rng.random() < 0.3:
                # The sponsor keeps the ID card and diploma and will not give them back.
                base.update(
                    documents_held_by_others=True,
                    documents_holder="individual",
                    documents_returned="no",
                )
        elif profile == "minor":
            base.update(work)
            base.update(
                purpose="kerja",
                destination="MY",
                job_type="plantation",
                visa_type="belum_tahu",
                placement_company_licensed="unknown",
                disnaker_registered=False,
                offer_source="family_friend",
                minor_travels_with="non_family",
                minor_consent_by="letter_only",
            )
        return self._valid(base)

    def _values(self, question_id: str) -> list[str]:
        question = self.questionnaire.questions.get(question_id)
        return (
            [c.value for c in question.choices] if question is not None and question.choices else []
        )

    def _valid(self, answers: dict[str, Any]) -> dict[str, Any]:
        """Only answers the script knows, checked as the officer's screen would check them."""
        session = InterviewSession(self.questionnaire, today=self.today, office_province="72")
        kept: dict[str, Any] = {}
        for question_id, value in answers.items():
            question = self.questionnaire.questions.get(question_id)
            if question is None or not question.takes_answer or value in (None, []):
                continue
            result = session.answer(question_id, value, confirm_warnings=True)
            if result.saved:
                kept[question_id] = result.value
        # A completed interview has every required question answered: what the profile left
        # open gets the plain answer (no, or the first choice), as a calm applicant would give.
        for question in session.missing_required():
            if question.type == "yes_no":
                value = False
            elif question.type == "single" and session.choices_for(question.id):
                value = session.choices_for(question.id)[0].value
            else:
                continue
            result = session.answer(question.id, value, confirm_warnings=True)
            if result.saved:
                kept[question.id] = result.value
        return kept
