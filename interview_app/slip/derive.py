"""What the slip infers from the fired flags: the suspected purpose and the actions asked of BP3MI."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from interview_app.questionnaire.valuetypes import Message

# First match wins. Rule ids of the shipped script (questionnaires/tppo_default.yaml); an office
# script with other ids falls back on the words in its ids (see _by_words).
_SCAM = Message(
    "bekerja pada sindikat penipuan daring (online scam)", "work for an online-scam syndicate"
)
_PARTNER = Message(
    "menyusul pasangan/kenalan asing dari internet (rawan perdagangan orang)",
    "join a foreign partner/acquaintance met online (trafficking risk)",
)
_WORK = Message("bekerja (non-prosedural)", "work (non-procedural)")
_AS_STATED = Message("sesuai yang dinyatakan", "as stated")

SUSPECTED_BY_RULE: tuple[tuple[frozenset[str], Message], ...] = (
    (
        frozenset({"scam_job", "scam_country", "overland_thailand_route", "risky_transit_country"}),
        _SCAM,
    ),
    (
        frozenset(
            {
                "admits_work",
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
                "work_without_visa",
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

# Flags that rule a placement out whatever else holds (UU 18/2017 Pasal 5: at least 18).
NO_PLACEMENT_RULES = frozenset({"under_18", "child_work", "child_recruited", "child_unaccompanied"})
# Answers that show there is someone to complain about.
RECRUITER_ANSWERS = ("recruiter_name", "recruiter_phone", "placement_company")
RECRUITER_YES = ("recruited_by_individual", "paid_recruiter")


def _by_words(rule_ids: Collection[str]) -> Message | None:
    if any("scam" in rule for rule in rule_ids):
        return _SCAM
    if any(word in rule for rule in rule_ids for word in ("work", "kerja", "recruit", "visa")):
        return _WORK
    return None


def suspected_purpose(rule_ids: Collection[str], stated_purpose: str | None) -> Message:
    """The purpose the flags point to; "as stated" when no flag says otherwise."""
    fired = set(rule_ids)
    for rules, purpose in SUSPECTED_BY_RULE:
        if fired & rules:
            return purpose
    return _by_words(fired) or _AS_STATED


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
    rule_ids: Collection[str], answers: Mapping[str, Any], *, plans_work: bool
) -> RequestedActions:
    """Counselling always; the registration check and a procedural placement when work is
    planned or suspected (not for a minor); complaint intake when a recruiter is named or paid."""
    suspects_work = suspected_purpose(rule_ids, None) in (_WORK, _SCAM)
    work = plans_work or suspects_work
    recruiter = any(answers.get(name) for name in RECRUITER_ANSWERS) or any(
        answers.get(name) is True for name in RECRUITER_YES
    )
    return RequestedActions(
        counselling=True,
        siskop2mi_check=work,
        placement_facilitation=work and not (set(rule_ids) & NO_PLACEMENT_RULES),
        complaint_intake=recruiter,
    )
