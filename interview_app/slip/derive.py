"""What the slip states beyond the answers: the suspected purpose and the actions asked of BP3MI.

The suspected purpose is declared in the script (`suspected_purposes`, resting on strong red
flags) and confirmed or changed by the officer at review; the slip prints what the officer
confirmed. Scripts written before suspected purposes existed (the default script's version 1)
keep the wording their slips were printed with, from the table below, so a reprint matches."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from interview_app.questionnaire.model import AS_STATED
from interview_app.text import Message

if TYPE_CHECKING:
    from interview_app.interview.engine import InterviewSession
    from interview_app.questionnaire.model import Questionnaire

AS_STATED_LABEL = Message("sesuai yang dinyatakan", "as stated")


@dataclass(frozen=True)
class Suspicion:
    label: Message
    work: bool = False


_SCAM = Suspicion(
    Message(
        "bekerja pada sindikat penipuan daring (online scam)", "work for an online-scam syndicate"
    ),
    work=True,
)
_PARTNER = Suspicion(
    Message(
        "menyusul pasangan/kenalan asing dari internet (rawan perdagangan orang)",
        "join a foreign partner/acquaintance met online (trafficking risk)",
    )
)
_WORK = Suspicion(Message("bekerja (non-prosedural)", "work (non-procedural)"), work=True)

# Version 1 of the default script only (no `suspected_purposes` yet); first match wins.
_BEFORE_SCRIPT_DECLARED: tuple[tuple[frozenset[str], Suspicion], ...] = (
    (
        frozenset({"scam_job", "scam_country", "overland_thailand_route", "risky_transit_country"}),
        _SCAM,
    ),
    (
        frozenset(
            {
                "admits_work_non_work_purpose",
                "visa_not_work",
                "told_to_lie",
                "middle_east_non_work",
                "not_registered",
                "unlicensed_company",
                "individual_recruiter",
                "paid_recruiter_fee",
                "paid_personal_account",
                "irregular_route_malaysia",
                "domestic_worker_middle_east",
                "previous_unofficial_work",
                "incomplete_worker_documents",
                "debt_bondage",
                "documents_held",
                "held_in_dormitory",
                "social_media_recruitment",
            }
        ),
        _WORK,
    ),
    (frozenset({"online_partner"}), _PARTNER),
)

# Answers that show there is someone to complain about.
RECRUITER_ANSWERS = ("recruiter_name", "recruiter_phone", "placement_company")
RECRUITER_YES = ("recruited_by_individual", "paid_recruiter")


def suspicion(
    questionnaire: Questionnaire,
    session: InterviewSession,
    rule_ids: Collection[str],
    confirmed: str | None,
) -> Suspicion:
    """The suspected purpose the slip prints: the officer's confirmed choice when recorded,
    else what the script suggests for these answers."""
    if confirmed == AS_STATED:
        return Suspicion(AS_STATED_LABEL)
    if confirmed is not None:
        declared = questionnaire.suspected_purpose(confirmed)
        if declared is not None:
            return Suspicion(declared.label, declared.work)
    if questionnaire.suspected_purposes:
        suggested = session.suspected_purpose
        if suggested is None:
            return Suspicion(AS_STATED_LABEL)
        return Suspicion(suggested.label, suggested.work)
    fired = set(rule_ids)
    for rules, found in _BEFORE_SCRIPT_DECLARED:
        if fired & rules:
            return found
    return Suspicion(AS_STATED_LABEL)


@dataclass(frozen=True)
class RequestedActions:
    """What the slip asks of BP3MI; the template words each one."""

    counselling: bool
    siskop2mi_check: bool
    placement_facilitation: bool
    complaint_intake: bool

    def any(self) -> bool:
        return (
            self.counselling
            or self.siskop2mi_check
            or self.placement_facilitation
            or self.complaint_intake
        )


def requested_actions(
    answers: Mapping[str, Any], *, plans_work: bool, suspects_work: bool, minor: bool
) -> RequestedActions:
    """Counselling always; the registration check and a procedural placement when work is
    planned or suspected (no placement for a child: UU 18/2017 Pasal 5); complaint intake when
    a recruiter is named or paid."""
    work = plans_work or suspects_work
    recruiter = any(answers.get(name) for name in RECRUITER_ANSWERS) or any(
        answers.get(name) is True for name in RECRUITER_YES
    )
    return RequestedActions(
        counselling=True,
        siskop2mi_check=work,
        placement_facilitation=work and not minor,
        complaint_intake=recruiter,
    )
