"""The same recruiter across interviews: the advisory flag the counter adds beside the script's."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from interview_app.calendar_names import MONTHS_EN, MONTHS_ID
from interview_app.interview.engine import InterviewSession
from interview_app.interview.recruiters import SAME_RECRUITER_RULE, RecruiterKeys, recruiter_keys
from interview_app.storage.interviews import NO_RECRUITER_MATCHES, FlagRecord, RecruiterMatches
from interview_app.text import Message
from interview_app.workflow.views import FlagView

# SAME_RECRUITER_RULE is not a rule of the script: the counter adds it from the office's other
# interviews. Its weight is 0, so the score and the suggested outcome stay what the script gives
# for the answers alone (the same in `simulate`, at every workstation whatever it has imported);
# the officer sees the reason and decides.


def same_recruiter_reason(matches: RecruiterMatches) -> Message:
    """ "Perekrut ini muncul di 4 wawancara lain sejak Agustus 2026 (nomor telepon sama)"."""
    count = matches.count
    since_id = since_en = ""
    if matches.first_at and len(matches.first_at) >= 7:
        year, month = int(matches.first_at[:4]), int(matches.first_at[5:7])
        since_id = f" sejak {MONTHS_ID[month - 1]} {year}"
        since_en = f" since {MONTHS_EN[month - 1]} {year}"
    if matches.by_phone == count:
        basis_id, basis_en = "nomor telepon sama", "same phone number"
    elif matches.by_name == count:
        basis_id, basis_en = "nama sama", "same name"
    else:
        basis_id, basis_en = "nomor telepon atau nama sama", "same phone number or name"
    interviews_en = "interview" if count == 1 else "interviews"
    return Message(
        f"Perekrut ini muncul di {count} wawancara lain{since_id} ({basis_id})",
        f"This recruiter appears in {count} other {interviews_en}{since_en} ({basis_en})",
    )


@dataclass(frozen=True)
class RecruiterSignal:
    """One interview's recruiter keys, the other interviews that share them, and the flag."""

    keys: RecruiterKeys
    matches: RecruiterMatches

    def flag(self) -> FlagView | None:
        if not self.matches.count:
            return None
        return FlagView(SAME_RECRUITER_RULE, 0.0, False, same_recruiter_reason(self.matches))

    def flag_record(self) -> FlagRecord | None:
        """The flag as it is kept with the decision (the count as it stood then)."""
        flag = self.flag()
        if flag is None:
            return None
        return FlagRecord(flag.rule_id, flag.weight, flag.hard, flag.reason.id, flag.reason.en)


RecruiterLookup = Callable[[str | None, str | None, str], RecruiterMatches]


def recruiter_signal(
    session: InterviewSession, lookup: RecruiterLookup | None, uuid: str
) -> RecruiterSignal:
    """Look the interview's recruiter up among the office's other interviews (not at all when
    the script marks no recruiter answer or none is given)."""
    keys = recruiter_keys(session)
    if lookup is None or not keys.any:
        return RecruiterSignal(keys, NO_RECRUITER_MATCHES)
    return RecruiterSignal(keys, lookup(keys.phone, keys.name, uuid))


def flags_to_keep(session: InterviewSession, signal: RecruiterSignal) -> list[FlagRecord]:
    """The flags kept with a decision or a correction: the script's, then the same-recruiter
    flag as it stands."""
    flags = [
        FlagRecord(f.rule_id, f.weight, f.hard, f.reason.id, f.reason.en) for f in session.flags
    ]
    recruiter_flag = signal.flag_record()
    if recruiter_flag is not None:
        flags.append(recruiter_flag)
    return flags
