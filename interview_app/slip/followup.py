"""Following a referral up: find it (letter number, NIK, reference or the QR text), record its
steps, list the overdue ones. The office's outcome codes and deadline come from its settings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from interview_app.errors import KnownError
from interview_app.settings_spec import REFERRAL_DAYS
from interview_app.slip.render import office_key
from interview_app.slip.verify import verify_payload
from interview_app.storage.audit import AuditLog
from interview_app.storage.clock import Clock, SystemClock
from interview_app.storage.database import Database
from interview_app.storage.office import Office
from interview_app.storage.office_settings import OfficeSettings
from interview_app.storage.referrals import (
    CAME_BACK,
    CONTINUED,
    RECEIPT,
    REFERRED,
    REFUSED,
    Receipt,
    Referral,
    ReferralRepository,
)
from interview_app.storage.settings import OFFICE_CODE
from interview_app.text import Message

STATUS_LABELS: dict[str, Message] = {
    REFERRED: Message("dirujuk, menunggu tanda terima", "referred, waiting for the receipt"),
    RECEIPT: Message("tanda terima kembali", "receipt returned"),
    CAME_BACK: Message("pemohon datang kembali", "applicant came back"),
    CONTINUED: Message("paspor dilanjutkan", "passport continued"),
    REFUSED: Message("paspor ditolak", "passport refused"),
}
_PAYLOAD_PREFIXES = ("AW1|", "AW2|")


def referral_codes(settings: OfficeSettings) -> set[str]:
    """The outcome codes that refer to BP3MI (the office's list, else the active script's)."""
    return {label.code for label in settings.outcome_labels() if label.refers_bp3mi}


@dataclass
class FollowUp:
    """One office's referrals, as an officer at the counter works with them."""

    database: Database
    data_dir: Path
    clock: Clock

    @classmethod
    def open(cls, database: Database, data_dir: Path, clock: Clock | None = None) -> FollowUp:
        return cls(database, Path(data_dir), clock or SystemClock())

    def _repository(self) -> ReferralRepository:
        _, key = office_key(self.database)
        codes = referral_codes(OfficeSettings(self.database))
        return ReferralRepository(
            self.database, AuditLog(self.database, key, self.clock), codes, self.clock
        )

    @property
    def days(self) -> int:
        return OfficeSettings(self.database).int_value(REFERRAL_DAYS)

    @property
    def today(self) -> dt.date:
        return self.clock().astimezone().date()

    def find(self, text: str) -> list[Referral]:
        """By letter number, NIK, interview reference, or the text a phone's QR reader shows
        (checked with the office key first: a forged code finds nothing)."""
        text = text.strip()
        if text.startswith(_PAYLOAD_PREFIXES):
            code_office, key = office_key(self.database)
            office = str(Office.of(self.database).settings.get(OFFICE_CODE) or code_office)
            verdict = verify_payload(text, key, office)
            if not verdict.genuine or verdict.facts is None:
                raise KnownError(verdict.reason.id, verdict.reason.en)
            text = verdict.facts.slip_no
        return self._repository().find(text)

    def one(self, text: str, step: str) -> Referral:
        """The referral `text` names that can take `step` next; KnownError when none or
        several (a NIK with several open referrals: use the letter number)."""
        found = self.find(text)
        if not found:
            raise KnownError(
                f"Tidak ada rujukan untuk '{text}'. Ketik nomor surat, NIK, nomor wawancara, atau "
                "teks dari pemindai QR.",
                f"No referral for '{text}'. Type the letter number, the NIK, the interview "
                "reference, or the text a QR reader shows.",
            )
        ready = [r for r in found if step in r.next_steps()]
        if len(found) == 1 or len(ready) == 1:
            return ready[0] if ready else found[0]
        numbers = ", ".join(r.letter_no or r.ref_no for r in found)
        raise KnownError(
            f"Beberapa rujukan cocok ({numbers}); sebutkan nomor suratnya.",
            f"Several referrals match ({numbers}); give the letter number.",
        )

    def record(
        self,
        text: str,
        step: str,
        *,
        on_date: dt.date | None = None,
        receipt: Receipt | None = None,
        actor: str,
        officer_id: int | None = None,
    ) -> Referral:
        referral = self.one(text, step)
        return self._repository().record(
            referral.interview_uuid,
            step,
            on_date or self.today,
            actor=actor,
            officer_id=officer_id,
            receipt=receipt,
        )

    def find_by_interview(self, interview_uuid: str) -> Referral | None:
        return self._repository().get(interview_uuid)

    def overdue(self) -> list[Referral]:
        return self._repository().overdue(self.today, self.days)

    def earlier(self, nik: str, *, before: str | None = None) -> list[Referral]:
        """The applicant's earlier referrals (the repeat panel shows them with their status)."""
        return self._repository().for_nik(nik, before=before)

    def describe(self, referral: Referral) -> Message:
        """One line: letter, reference, date, status, and the deadline while it is open."""
        label = STATUS_LABELS[referral.status]
        number = referral.letter_no or referral.ref_no
        deadline = referral.deadline(self.days)
        late_id = late_en = ""
        if referral.overdue(self.today, self.days):
            late_id, late_en = " — LEWAT BATAS", " — OVERDUE"
        elif referral.status == REFERRED:
            late_id = f", batas {deadline.isoformat()}"
            late_en = f", deadline {deadline.isoformat()}"
        when = referral.referred_on.isoformat()
        place = f"{referral.ref_no}, {when}" if referral.letter_no else when
        return Message(
            f"{number} ({place}): {label.id}{late_id}",
            f"{number} ({place}): {label.en}{late_en}",
        )
