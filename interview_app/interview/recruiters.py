"""The recruiter's look-up keys: a phone number and a name written so that the same person matches."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from interview_app.interview.identity import normalise_phone
from interview_app.text import Message

if TYPE_CHECKING:
    from interview_app.interview.engine import InterviewSession
    from interview_app.questionnaire.model import Questionnaire

# The flag the counter adds when the recruiter appears in the office's other interviews (see
# workflow/recruiter.py); its stored reason names the count, this label names the kind (recaps).
SAME_RECRUITER_RULE = "same_recruiter"
SAME_RECRUITER_LABEL = Message(
    "Perekrut yang sama muncul di wawancara lain", "The same recruiter appears in other interviews"
)

# Answers that name nobody. Matching them would tie together every interview in which the
# applicant did not know or would not say (the most common answer of all).
_NOBODY = frozenset(
    {
        "tidak tahu",
        "tdk tahu",
        "tidak tau",
        "tdk tau",
        "gak tahu",
        "nggak tahu",
        "tidak ingat",
        "lupa",
        "tidak ada",
        "tidak kenal",
        "tidak disebutkan",
        "rahasia",
        "anonim",
        "unknown",
        "none",
        "n a",
        "na",
        "nn",
    }
)
# Forms of address before a name: "Pak Rusdi" and "Rusdi" are the same recruiter.
_TITLES = frozenset(
    {"pak", "bapak", "bpk", "bu", "ibu", "bang", "mas", "mbak", "kak", "om", "haji", "h", "hj"}
)
_NOT_LETTERS = re.compile(r"[^\w]+")
_MIN_LETTERS = 3


@functools.lru_cache(maxsize=256)  # asked again after every answer of the interview
def name_key(text: str | None) -> str | None:
    """A recruiter's name folded for matching: case, accents, punctuation, runs of spaces and a
    leading form of address do not count ("Pak  RUSDI", "rusdi.", "Bapak Rusdi" -> "rusdi").
    None for an answer that names nobody ("tidak tahu", "-") or has fewer than three letters."""
    if not text:
        return None
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = _NOT_LETTERS.sub(" ", plain.casefold()).replace("_", " ").split()
    if " ".join(words) in _NOBODY or (len(words) == 1 and words[0] in _TITLES):
        return None
    while len(words) > 1 and words[0] in _TITLES:
        words = words[1:]
    key = " ".join(words)
    if sum(ch.isalpha() for ch in key) < _MIN_LETTERS or key in _NOBODY:
        return None
    return key


@functools.lru_cache(maxsize=256)
def phone_key(text: str | None) -> str | None:
    """A phone number in +<country><number> form ("0852-1234-9876", "+62 852 1234 9876" ->
    "+6285212349876"); None when it is not a phone number."""
    if not text:
        return None
    return normalise_phone(text)


@dataclass(frozen=True)
class RecruiterKeys:
    """The keys of one interview's recruiter; None where the script has no such answer, or the
    answer is not given, not relevant or names nobody."""

    phone: str | None = None
    name: str | None = None

    @property
    def any(self) -> bool:
        return self.phone is not None or self.name is not None

    def columns(self) -> dict[str, str | None]:
        """The interview columns they are stored in (storage indexes them)."""
        return {"recruiter_phone_key": self.phone, "recruiter_name_key": self.name}


def recruiter_keys(session: InterviewSession) -> RecruiterKeys:
    """The keys from the answers of the questions the script marks `recruiter: phone` and
    `recruiter: name`, while those questions are asked."""
    phone_id, name_id = _recruiter_question_ids(session.questionnaire)
    return RecruiterKeys(
        phone=phone_key(_asked_text(session, phone_id)),
        name=name_key(_asked_text(session, name_id)),
    )


_QUESTION_IDS: dict[str, tuple[str | None, str | None]] = {}


def _recruiter_question_ids(questionnaire: Questionnaire) -> tuple[str | None, str | None]:
    """(phone, name) question ids of a script, found once per script (this runs per answer)."""
    ids = _QUESTION_IDS.get(questionnaire.content_hash)
    if ids is None:
        phone = questionnaire.recruiter_question("phone")
        name = questionnaire.recruiter_question("name")
        ids = _QUESTION_IDS[questionnaire.content_hash] = (
            phone.id if phone else None,
            name.id if name else None,
        )
    return ids


def _asked_text(session: InterviewSession, question_id: str | None) -> str | None:
    if question_id is None or not session.is_relevant(question_id):
        return None
    value = session.answers.get(question_id)
    return value if isinstance(value, str) else None
