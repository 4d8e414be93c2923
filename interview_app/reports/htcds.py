"""Referred cases with consent in the field names of IOM's Human Trafficking Case Data Standard.

HTCDS (github.com/UNMigration/HTCDS, "HTCDS Field Reference") names each field with its table's
prefix: `prs_` person, `vic_` person victim context, `cas_` case. HTCDS_FIELDS below is the one
declared mapping: every exported column is an HTCDS field, in this order, with where its value
comes from. docs/htcds.md documents the same table for the receiving side.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from interview_app.reference import load_regions
from interview_app.reports import redaction
from interview_app.reports.interview_rows import export_rows
from interview_app.reports.recap import Period
from interview_app.settings_spec import BP3MI_NAME
from interview_app.storage.audit import AuditLog
from interview_app.storage.database import Database
from interview_app.storage.interviews import InterviewRecord, InterviewRepository
from interview_app.storage.office_settings import OfficeSettings

MULTI_SEPARATOR = ";"  # HTCDS multiselect picklists: value names joined by ';'

# Where an applicant heard of the offer (script question offer_source) -> vic_MethodOfRecruitment.
RECRUITMENT_BY_OFFER_SOURCE: Mapping[str, str] = {
    "social_media": "Internet (social media, online advertisement)",
    "chat_group": "Internet (social media, online advertisement)",
    "village_broker": "Job offer/advertisement",
    "p3mi_office": "Job offer/advertisement",
    "disnaker": "Job offer/advertisement",
    "family_friend": "Familial",
    "other": "Other",
}
# Red flags (script rule ids) -> vic_MethodsOfControl value names.
CONTROL_BY_RULE: Mapping[str, str] = {
    "debt_bondage": "DebtBondage",
    "documents_held": "WithholdsDocuments",
    "held_in_dormitory": "RestrictsMovement",
    "salary_too_high": "FalsePromises",
    "told_to_lie": "FalsePromises",
}
# The job offered (script question job_type) -> vic_TypeOfLabourExploitation value names.
LABOUR_BY_JOB: Mapping[str, str] = {
    "online_cs_admin_marketing": "IllicitActivities",
    "online_gambling": "IllicitActivities",
    "domestic_worker": "DomesticWork",
    "care_worker": "DomesticWork",
    "factory": "Manufacturing",
    "plantation": "Agriculture",
    "construction": "Construction",
    "hospitality": "Hospitality",
    "fishing_crew": "Other",
    "other": "Other",
}
GENDER_BY_SEX: Mapping[str, str] = {"L": "Male", "P": "Female"}


@dataclass(frozen=True)
class Case:
    """One referred interview with consent, with what the mapping reads."""

    record: InterviewRecord
    referred_to: str
    outcome_label: str
    letter_no: str

    def answer(self, question_id: str) -> Any:
        return self.record.answers.get(question_id)


@dataclass(frozen=True)
class HtcdsField:
    name: str  # the HTCDS field name with its table prefix, e.g. prs_FirstName
    source: str  # where the value comes from (documented in docs/htcds.md)
    value: Callable[[Case], str]
    # Personal data: a redacted export replaces it (None: left empty).
    redact: Callable[[str], str] | None = None
    personal: bool = False

    @property
    def key(self) -> str:
        return self.name

    @property
    def header(self) -> str:
        return self.name


def _words(case: Case) -> list[str]:
    return (case.record.full_name or "").split()


def _e164(phone: str | None) -> str:
    """+6281234567890 from 0812-3456-7890 or +62 812 ...; empty when it cannot be one."""
    digits = re.sub(r"[^0-9+]", "", phone or "")
    if digits.startswith("0"):
        digits = "+62" + digits[1:]
    elif digits and not digits.startswith("+"):
        digits = "+" + digits
    return digits if re.fullmatch(r"\+[1-9][0-9]{1,14}", digits) else ""


def _regency(case: Case) -> str:
    code = str(case.answer("home_regency") or "")
    return load_regions().regency_name(code) or "" if code else ""


def _province(case: Case) -> str:
    code = str(case.answer("home_regency") or "")[:2] or (case.record.nik or "")[:2]
    return load_regions().provinces.get(code, "") if code else ""


def _recruitment(case: Case) -> str:
    methods = []
    source = case.answer("offer_source")
    if source:
        methods.append(RECRUITMENT_BY_OFFER_SOURCE.get(str(source), "Other"))
    if any(flag.rule_id == "online_partner" for flag in case.record.flags):
        methods.append("Intimate partner/marriage proposition")
    return MULTI_SEPARATOR.join(dict.fromkeys(methods)) or "Unknown"


def _control(case: Case) -> str:
    found = [CONTROL_BY_RULE[f.rule_id] for f in case.record.flags if f.rule_id in CONTROL_BY_RULE]
    return MULTI_SEPARATOR.join(dict.fromkeys(found))


def _labour(case: Case) -> str:
    job = case.answer("job_type")
    return LABOUR_BY_JOB.get(str(job), "Other") if job else ""


def _referral_date(case: Case) -> str:
    return (case.record.completed_at or case.record.created_at or "")[:10]


def _details(case: Case) -> str:
    parts = [case.outcome_label]
    if case.letter_no:
        parts.append(f"Surat Pengantar Rujukan {case.letter_no}")
    parts.append(f"wawancara {case.record.ref_no}")
    return "; ".join(part for part in parts if part)


HTCDS_FIELDS: tuple[HtcdsField, ...] = (
    HtcdsField(
        "cas_Status",
        "always ClosedReferred: the office referred the case out",
        lambda c: "ClosedReferred",
    ),
    HtcdsField("cas_ReferredOrganisation", "setting bp3mi_name", lambda c: c.referred_to),
    HtcdsField(
        "cas_ReasonForOutgoingReferral",
        "always AdditionalServicesRequired (counselling, registration check, complaint)",
        lambda c: "AdditionalServicesRequired",
    ),
    HtcdsField("cas_OutgoingReferralDate", "the interview's completion date", _referral_date),
    HtcdsField(
        "cas_OutgoingReferralDetails",
        "outcome label, letter number, interview reference",
        _details,
    ),
    HtcdsField(
        "prs_FirstName",
        "first word of the name on the KTP",
        lambda c: (_words(c) or [""])[0],
        redaction.initials,
    ),
    HtcdsField(
        "prs_SecondName",
        "the rest of the name",
        lambda c: " ".join(_words(c)[1:]),
        redaction.initials,
    ),
    HtcdsField(
        "prs_Birthdate",
        "birth date (YYYY-MM-DD)",
        lambda c: c.record.birth_date or "",
        personal=True,
    ),
    HtcdsField(
        "prs_Gender",
        "sex L/P as Male/Female",
        lambda c: GENDER_BY_SEX.get(c.record.sex or "", "Unknown"),
    ),
    HtcdsField("prs_Nationality", "always ID (an Indonesian passport applicant)", lambda c: "ID"),
    HtcdsField("prs_MobilePhone", "phone in E.164", lambda c: _e164(c.record.phone), personal=True),
    HtcdsField("prs_MailingStreet", "address", lambda c: c.record.address or "", personal=True),
    HtcdsField("prs_MailingCity", "home regency (script question home_regency)", _regency),
    HtcdsField("prs_MailingState", "province of the home regency, else of the NIK", _province),
    HtcdsField("prs_MailingCountry", "always ID", lambda c: "ID"),
    HtcdsField(
        "vic_AgreementToManagePersonalData",
        "consent to share with BP3MI (only consenting cases are exported)",
        lambda c: "true" if c.record.consent_bp3mi else "false",
    ),
    HtcdsField("vic_MethodOfRecruitment", "offer_source; online_partner flag", _recruitment),
    HtcdsField(
        "vic_MethodsOfControl", "red flags (debt, documents held, dormitory, lies)", _control
    ),
    HtcdsField("vic_TypeOfLabourExploitation", "job_type", _labour),
)


def _refers(settings: OfficeSettings) -> set[str]:
    return {label.code for label in settings.outcome_labels() if label.refers_bp3mi}


def htcds_rows(
    database: Database, audit: AuditLog, period: Period, *, full: bool, letters: Mapping[str, str]
) -> list[dict[str, str]]:
    """Completed interviews of the period whose outcome refers to BP3MI and whose applicant
    consented, one row each, keyed by HTCDS field name. Unless `full`, personal fields are
    masked (names as initials) or left empty. `letters` maps interview uuid to letter number."""
    settings = OfficeSettings(database)
    refers = _refers(settings)
    labels = {label.code: label.label.id for label in settings.outcome_labels()}
    referred_to = str(settings.get(BP3MI_NAME) or "BP3MI")
    repository = InterviewRepository(database, audit)
    rows: list[dict[str, str]] = []
    for row in export_rows(database, period, redacted=False):
        outcome = row["chosen_outcome"] or row["suggested_outcome"]
        if (
            row["status"] != "completed"
            or outcome not in refers
            or row["consent_bp3mi"] != "ya/yes"
        ):
            continue
        record = repository.get(row["ref_no"])
        case = Case(record, referred_to, labels.get(outcome, outcome), letters.get(record.uuid, ""))
        values: dict[str, str] = {}
        for field in HTCDS_FIELDS:
            value = field.value(case)
            if not full and field.redact is not None:
                value = field.redact(value)
            elif not full and field.personal:
                value = ""
            values[field.name] = value
        rows.append(values)
    return rows
