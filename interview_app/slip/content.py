"""The slip's content as typed data, built from a completed interview, its script and the settings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from interview_app import settings_spec as spec
from interview_app.calendar_names import MONTHS_ID
from interview_app.interview.engine import InterviewSession
from interview_app.interview.values import display
from interview_app.questionnaire.model import Questionnaire
from interview_app.settings_spec import (  # the settings the slip reads
    BP3MI_ADDRESS,
    BP3MI_NAME,
    BP3MI_PHONE,
    OFFICE_ADDRESS,
    OFFICE_LOGO,
    OFFICE_NAME,
    OFFICE_PROVINCE,
    OUTCOME_CODES,
)
from interview_app.slip.derive import RequestedActions, requested_actions, suspicion
from interview_app.storage.interviews import InterviewRecord
from interview_app.storage.officers import Officer

REFERRAL = "rujukan"  # the referral letter for BP3MI (Surat Pengantar Rujukan)
SUMMARY = "ringkasan"  # the interview summary for any other outcome
APPLICANT = "pemohon"  # the applicant's copy: what to do and bring, never the flags
APH = "aph"  # the letter to law enforcement, beside the BP3MI letter
KINDS = (REFERRAL, SUMMARY, APPLICANT, APH)
LETTER_KINDS = frozenset({REFERRAL, APPLICANT, APH})  # numbered from the office's pattern
# The outcome that postpones for documents (DOMAIN.md); it gets the applicant's copy too.
POSTPONED_FOR_DOCUMENTS = "TUNDA_LENGKAPI"
ADULT_AGE = 18  # UU 18/2017 Pasal 5

# The only answers a slip may show, by question id. Officer notes and sensitive answers
# (health checks, deportation history, debts, online partners, officer observations) are
# left out here, so no template can print them.
SLIP_ANSWER_IDS = (
    "purpose",
    "destination",
    "departure_date",
    "stay_length_days",
    "route",
    "travel_with",
    "payer",
    "job_type",
    "job_other",
    "employer_name",
    "visa_type",
    "placement_company",
    "placement_company_licensed",
    "offer_source",
    "recruited_by_individual",
    "recruiter_name",
    "recruiter_phone",
    "paid_recruiter",
    "paid_amount",
    "paid_to_personal_account",
)
MONEY_ANSWER_IDS = frozenset({"paid_amount"})
# Specific personal data (UU 27/2022 Pasal 4): a flag whose rule reads one of these answers
# (directly or through a calculation) is left off the slip too, since its reason tells the answer.
SENSITIVE_ANSWER_IDS = frozenset(
    {"deported_or_overstay", "urgent_debts", "medical_notes", "health_condition", "officer_notes"}
)

# UU 18/2017 Pasal 5: no placement is facilitated for someone younger.
ADULT_AGE = 18


@dataclass(frozen=True)
class Letterhead:
    office_name: str
    address: str
    logo_path: str | None = None


@dataclass(frozen=True)
class Recipient:
    name: str
    address: str
    phone: str


@dataclass(frozen=True)
class Signatory:
    name: str
    position: str
    nip: str


@dataclass(frozen=True)
class LetterDetails:
    """What the office sets for its letters (settings_spec, group "letter" and "aph")."""

    place: str = ""
    legal_basis: tuple[str, ...] = ()
    officer_position: str = ""
    head: Signatory = Signatory("", "", "")
    copies_to: tuple[str, ...] = ()
    referral_days: int = 14
    referral_deadline: dt.date | None = None
    documents_days: int = 30
    documents_deadline: dt.date | None = None
    documents_to_bring: tuple[str, ...] = ()
    helpdesk: str = ""
    retention_years: int = 5
    data_controller: str = ""
    key_fingerprint: str = ""
    aph: Recipient = Recipient("", "", "")
    refers_aph: bool = False


@dataclass(frozen=True)
class Applicant:
    full_name: str
    nik: str
    birth_place: str
    birth_date: dt.date | None
    sex: str
    address: str
    phone: str
    emergency_contact: str
    passport_application_no: str
    passport_no: str

    @property
    def nik_last4(self) -> str:
        digits = "".join(ch for ch in self.nik if ch.isdigit())
        return digits[-4:] if len(digits) >= 4 else "----"


@dataclass(frozen=True)
class SlipFlag:
    rule_id: str
    reason: str
    hard: bool


@dataclass(frozen=True)
class SlipContent:
    kind: str
    letterhead: Letterhead
    bp3mi: Recipient
    slip_no: str
    issued_on: dt.date
    printed_on: dt.date
    copy_number: int
    interview_ref: str
    interview_date: dt.date | None
    officer_name: str
    officer_nip: str
    applicant: Applicant
    outcome_code: str
    outcome_label: str
    refers_bp3mi: bool
    stated_purpose: str
    suspected_purpose: str
    destination: str
    job: str
    flags: tuple[SlipFlag, ...]
    flags_left_off: int  # flags from sensitive answers, counted but not shown
    actions: RequestedActions
    consent_bp3mi: bool
    # Whitelisted answers (SLIP_ANSWER_IDS) as the officer reads them, relevant and answered only.
    answers: Mapping[str, str] = field(default_factory=dict)
    letter: LetterDetails = field(default_factory=LetterDetails)

    @property
    def age(self) -> int | None:
        """The applicant's age in whole years on the interview's day."""
        born, on = self.applicant.birth_date, self.interview_date or self.issued_on
        if born is None:
            return None
        return on.year - born.year - ((on.month, on.day) < (born.month, born.day))

    @property
    def minor(self) -> bool:
        """Under 18: a parent or guardian gives the consent."""
        return self.age is not None and self.age < ADULT_AGE

    @property
    def soft_flags(self) -> tuple[SlipFlag, ...]:
        return tuple(f for f in self.flags if not f.hard)

    @property
    def postponed_for_documents(self) -> bool:
        return self.outcome_code == POSTPONED_FOR_DOCUMENTS

    @property
    def is_copy(self) -> bool:
        return self.copy_number > 1

    @property
    def hard_flags(self) -> tuple[SlipFlag, ...]:
        return tuple(f for f in self.flags if f.hard)

    def has(self, question_id: str) -> bool:
        return question_id in self.answers


def long_date(value: dt.date) -> str:
    """6 Januari 2025: the one date style on paper."""
    return f"{value.day} {MONTHS_ID[value.month - 1]} {value.year}"


def with_defaults(settings: Mapping[str, Any]) -> dict[str, Any]:
    """The stored settings over the declared defaults."""
    merged = {s.key: s.default for s in spec.SETTINGS if s.default is not None}
    merged.update({k: v for k, v in settings.items() if v is not None})
    return merged


def _lines(value: Any) -> tuple[str, ...]:
    return tuple(line.strip() for line in str(value or "").splitlines() if line.strip())


def _int(value: Any, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def aph_codes(settings: Mapping[str, Any]) -> frozenset[str]:
    text = str(with_defaults(settings).get(spec.APH_OUTCOMES) or "")
    return frozenset(code.strip() for code in text.split(",") if code.strip())


def letter_details(
    settings: Mapping[str, Any], issued_on: dt.date, code: str, key_fingerprint: str
) -> LetterDetails:
    values = with_defaults(settings)
    referral_days = _int(values.get(spec.REFERRAL_DAYS), 14)
    documents_days = _int(values.get(spec.DOCUMENTS_DAYS), 30)
    controller = _text(values.get(spec.DATA_CONTROLLER)) or ", ".join(
        part for part in (_text(values.get(OFFICE_NAME)), _text(values.get(OFFICE_ADDRESS))) if part
    )
    return LetterDetails(
        place=_text(values.get(spec.LETTER_PLACE)),
        legal_basis=_lines(values.get(spec.LEGAL_BASIS)),
        officer_position=_text(values.get(spec.OFFICER_POSITION)),
        head=Signatory(
            _text(values.get(spec.SECTION_HEAD_NAME)),
            _text(values.get(spec.SECTION_HEAD_POSITION)),
            _text(values.get(spec.SECTION_HEAD_NIP)),
        ),
        copies_to=_lines(values.get(spec.LETTER_COPIES_TO)),
        referral_days=referral_days,
        referral_deadline=issued_on + dt.timedelta(days=referral_days),
        documents_days=documents_days,
        documents_deadline=issued_on + dt.timedelta(days=documents_days),
        documents_to_bring=_lines(values.get(spec.DOCUMENTS_TO_BRING)),
        helpdesk=_text(values.get(spec.BP3MI_HELPDESK)),
        retention_years=_int(values.get(spec.RETENTION_YEARS), 5),
        data_controller=controller,
        key_fingerprint=key_fingerprint,
        aph=Recipient(
            _text(values.get(spec.APH_NAME)) or "Satgas TPPO",
            _text(values.get(spec.APH_ADDRESS)),
            "",
        ),
        refers_aph=code in aph_codes(values),
    )


def _text(value: Any) -> str:
    """One line of text: None as empty, line breaks as commas."""
    if value is None:
        return ""
    parts = [part.strip() for part in str(value).replace("\r", "\n").split("\n")]
    return ", ".join(part for part in parts if part)


def local_date(iso_time: str | None) -> dt.date | None:
    if not iso_time:
        return None
    return dt.datetime.fromisoformat(iso_time).astimezone().date()


def rupiah(value: float | int) -> str:
    whole = round(float(value))
    return "Rp " + f"{whole:,}".replace(",", ".")


def outcome_label(
    code: str, questionnaire: Questionnaire, settings: Mapping[str, Any]
) -> tuple[str, bool]:
    """(Indonesian label, refers to BP3MI) for an outcome code: the office's own list first."""
    for item in settings.get(OUTCOME_CODES) or []:
        if isinstance(item, Mapping) and item.get("code") == code:
            return str(item.get("label_id") or code), bool(item.get("refers_bp3mi"))
    known = questionnaire.outcome_code(code)
    if known is not None:
        return known.label.id, known.refers_bp3mi
    return code, False


def _answers(session: InterviewSession, questionnaire: Questionnaire) -> dict[str, str]:
    shown: dict[str, str] = {}
    for question_id in SLIP_ANSWER_IDS:
        question = questionnaire.questions.get(question_id)
        value = session.value(question_id) if question is not None else None
        if question is None or value is None or value == "" or value == []:
            continue
        if question_id in MONEY_ANSWER_IDS and isinstance(value, int | float):
            shown[question_id] = rupiah(value)
        elif isinstance(value, dt.date):
            shown[question_id] = long_date(value)
        else:
            shown[question_id] = _text(display(question, value, "id"))
    return shown


def reads_sensitive(rule_id: str, questionnaire: Questionnaire) -> bool:
    """True when the rule's condition depends on a sensitive answer."""
    rule = next((r for r in questionnaire.risk_rules if r.id == rule_id), None)
    if rule is None:
        return False
    seen: set[str] = set()
    pending = set(rule.when.names)
    while pending:
        name = pending.pop()
        if name in SENSITIVE_ANSWER_IDS:
            return True
        seen.add(name)
        question = questionnaire.questions.get(name)
        if question is not None and question.calculate is not None:
            pending |= set(question.calculate.names) - seen
    return False


def _sex(record: InterviewRecord, questionnaire: Questionnaire) -> str:
    question = questionnaire.identity_question("sex")
    if record.sex and question is not None:
        return display(question, record.sex, "id")
    return {"L": "Laki-laki", "P": "Perempuan"}.get(record.sex or "", record.sex or "")


def _age(birth_date: dt.date, on: dt.date) -> int:
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def build_slip_content(
    record: InterviewRecord,
    questionnaire: Questionnaire,
    officer: Officer | None,
    settings: Mapping[str, Any],
    copy_number: int,
    *,
    slip_no: str,
    issued_on: dt.date,
    printed_on: dt.date | None = None,
    kind: str | None = None,
    key_fingerprint: str = "",
) -> SlipContent:
    """The slip for `record` (a completed interview) as taken with `questionnaire`."""
    code = record.chosen_outcome or record.suggested_outcome or ""
    label, refers = outcome_label(code, questionnaire, settings)
    kind = kind or (REFERRAL if refers else SUMMARY)
    interview_date = local_date(record.completed_at) or local_date(record.created_at)
    session = InterviewSession.from_stored(
        questionnaire,
        record.answers,
        today=interview_date or issued_on,
        office_province=settings.get(OFFICE_PROVINCE) or None,
        office_settings={key: settings.get(key) for key in questionnaire.office_settings},
    )
    answers = _answers(session, questionnaire)
    rule_ids = [flag.rule_id for flag in record.flags]
    stated = answers.get("purpose", "")
    job = answers.get("job_type", "")
    if session.value("job_type") == "other" and answers.get("job_other"):
        job = answers["job_other"]
    plans_work = session.value("purpose") == "kerja" or session.value("intends_work") is True
    birth_date = dt.date.fromisoformat(record.birth_date) if record.birth_date else None
    suspected = suspicion(questionnaire, session, rule_ids, record.suspected_purpose)
    on = interview_date or issued_on
    minor = birth_date is not None and _age(birth_date, on) < ADULT_AGE
    logo = _text(settings.get(OFFICE_LOGO)) or None
    shown = [f for f in record.flags if not reads_sensitive(f.rule_id, questionnaire)]
    return SlipContent(
        kind=kind,
        letterhead=Letterhead(
            office_name=_text(settings.get(OFFICE_NAME)) or record.office_code,
            address=_text(settings.get(OFFICE_ADDRESS)),
            logo_path=logo,
        ),
        bp3mi=Recipient(
            name=_text(settings.get(BP3MI_NAME)) or "BP3MI",
            address=_text(settings.get(BP3MI_ADDRESS)),
            phone=_text(settings.get(BP3MI_PHONE)),
        ),
        slip_no=slip_no,
        issued_on=issued_on,
        printed_on=printed_on or issued_on,
        copy_number=copy_number,
        interview_ref=record.ref_no,
        interview_date=interview_date,
        officer_name=_text(officer.full_name) if officer else "",
        officer_nip=_text(officer.nip) if officer else "",
        applicant=Applicant(
            full_name=_text(record.full_name),
            nik=_text(record.nik),
            birth_place=_text(record.birth_place),
            birth_date=birth_date,
            sex=_sex(record, questionnaire),
            address=_text(record.address),
            phone=_text(record.phone),
            emergency_contact=_text(record.emergency_contact),
            passport_application_no=_text(record.passport_application_no),
            passport_no=_text(record.passport_no),
        ),
        outcome_code=code,
        outcome_label=label,
        refers_bp3mi=refers,
        stated_purpose=stated,
        suspected_purpose=suspected.label.id,
        destination=answers.get("destination", ""),
        job=job,
        flags=tuple(SlipFlag(f.rule_id, _text(f.reason_id), f.hard) for f in shown),
        flags_left_off=len(record.flags) - len(shown),
        actions=requested_actions(
            session.effective_answers(),
            plans_work=plans_work,
            suspects_work=suspected.work,
            minor=minor,
        ),
        consent_bp3mi=bool(record.consent_bp3mi),
        answers=answers,
        letter=letter_details(settings, issued_on, code, key_fingerprint),
    )
