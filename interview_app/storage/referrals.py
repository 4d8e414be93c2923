"""Referrals to BP3MI as cases: the steps after the letter, found by letter, NIK or reference."""

from __future__ import annotations

import datetime as dt
import uuid as uuid_module
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from interview_app.errors import KnownError
from interview_app.storage.audit import AuditLog
from interview_app.storage.clock import Clock, SystemClock, to_iso
from interview_app.storage.database import Database
from interview_app.storage.settings import WORKSTATION_ID, SettingsStore
from interview_app.storage.slips import SlipLedger

REFERRED = "referred"  # the status before any step: the letter went out
RECEIPT = "receipt"  # the receipt came back signed by BP3MI
CAME_BACK = "came_back"  # the applicant came back to the counter
CONTINUED = "continued"  # the passport process continued
REFUSED = "refused"  # the passport was refused
STEPS = (RECEIPT, CAME_BACK, CONTINUED, REFUSED)
FINAL = (CONTINUED, REFUSED)
STATUS_ORDER = (REFERRED, RECEIPT, CAME_BACK, CONTINUED, REFUSED)
MAX_COMPLAINT_NO = 60


@dataclass(frozen=True)
class ReferralStep:
    step: str
    on_date: dt.date
    counselling: bool
    siskop2mi_checked: bool
    complaint_no: str | None
    by_officer: int | None
    at: str


@dataclass(frozen=True)
class Referral:
    """A completed interview whose outcome refers to BP3MI, and what happened since."""

    interview_uuid: str
    ref_no: str
    nik: str
    full_name: str
    outcome: str
    referred_on: dt.date
    letter_no: str | None
    steps: tuple[ReferralStep, ...]

    @property
    def status(self) -> str:
        return self.steps[-1].step if self.steps else REFERRED

    @property
    def receipt(self) -> ReferralStep | None:
        return next((s for s in self.steps if s.step == RECEIPT), None)

    def deadline(self, days: int) -> dt.date:
        return self.referred_on + dt.timedelta(days=days)

    def overdue(self, today: dt.date, days: int) -> bool:
        """Still only referred after the office's deadline to go to BP3MI."""
        return self.status == REFERRED and today > self.deadline(days)

    def next_steps(self) -> tuple[str, ...]:
        status = self.status
        if status == REFERRED:
            return (RECEIPT,)
        if status == RECEIPT:
            return (CAME_BACK,)
        if status == CAME_BACK:
            return FINAL
        return ()


@dataclass(frozen=True)
class Receipt:
    """What BP3MI marked on the returned receipt."""

    counselling: bool = False
    siskop2mi_checked: bool = False
    complaint_no: str | None = None


_SELECT = (
    "SELECT i.uuid, i.ref_no, coalesce(i.nik, ''), coalesce(i.full_name, ''),"
    " coalesce(i.chosen_outcome, i.suggested_outcome), coalesce(i.completed_at, i.created_at)"
    " FROM interviews i WHERE i.status = 'completed'"
)
_STEP_COLUMNS = (
    "interview_uuid, step, on_date, counselling, siskop2mi_checked, complaint_no, by_officer, at"
)


def _local_day(iso_time: str) -> dt.date:
    return dt.datetime.fromisoformat(iso_time).astimezone().date()


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" for _ in values)


class ReferralRepository:
    """`codes` are the outcome codes that refer to BP3MI (office settings)."""

    def __init__(
        self,
        database: Database,
        audit: AuditLog | None,
        codes: Collection[str],
        clock: Clock | None = None,
    ) -> None:
        self._database = database
        self._audit = audit
        self._codes = sorted(set(codes))
        self._clock = clock or SystemClock()

    # -- reading ----------------------------------------------------------------------------

    def _letters(self) -> dict[str, str]:
        return SlipLedger(self._database).letter_numbers("rujukan")

    def _load(self, where: str = "", params: Sequence[object] = ()) -> list[Referral]:
        if not self._codes:
            return []
        conn = self._database.conn
        sql = (
            f"{_SELECT} AND coalesce(i.chosen_outcome, i.suggested_outcome)"
            f" IN ({_marks(self._codes)}){where} ORDER BY i.completed_at, i.ref_no"
        )
        rows = conn.execute(sql, [*self._codes, *params]).fetchall()
        if not rows:
            return []
        steps: dict[str, list[ReferralStep]] = {}
        uuids = [row[0] for row in rows]
        for start in range(0, len(uuids), 500):
            chunk = uuids[start : start + 500]
            for uuid, *rest in conn.execute(
                f"SELECT {_STEP_COLUMNS} FROM referral_steps WHERE interview_uuid"
                f" IN ({_marks(chunk)}) ORDER BY id",
                chunk,
            ):
                step, on_date, counselling, checked, complaint, by_officer, at = rest
                steps.setdefault(uuid, []).append(
                    ReferralStep(
                        step,
                        dt.date.fromisoformat(on_date),
                        bool(counselling),
                        bool(checked),
                        complaint,
                        by_officer,
                        at,
                    )
                )
        letters = self._letters()
        return [
            Referral(
                uuid,
                ref_no,
                nik,
                name,
                outcome,
                _local_day(at),
                letters.get(uuid),
                tuple(steps.get(uuid, ())),
            )
            for uuid, ref_no, nik, name, outcome, at in rows
        ]

    def all(self) -> list[Referral]:
        return self._load()

    def get(self, interview_uuid: str) -> Referral | None:
        found = self._load(" AND i.uuid = ?", (interview_uuid,))
        return found[0] if found else None

    def find(self, text: str) -> list[Referral]:
        """By letter number, NIK (16 digits) or interview reference; newest last."""
        key = text.strip()
        if not key:
            return []
        digits = key.replace(" ", "")
        if digits.isdigit() and len(digits) == 16:
            return self._load(" AND i.nik = ?", (digits,))
        uuid = next(
            (u for u, number in self._letters().items() if number.casefold() == key.casefold()),
            None,
        )
        if uuid is not None:
            return self._load(" AND i.uuid = ?", (uuid,))
        return self._load(" AND i.ref_no = ?", (key.upper(),))

    def for_nik(self, nik: str, *, before: str | None = None) -> list[Referral]:
        """The applicant's referrals, excluding the interview `before` (the one being taken)."""
        found = self._load(" AND i.nik = ?", (nik,)) if nik else []
        return [r for r in found if r.interview_uuid != before]

    def overdue(self, today: dt.date, days: int) -> list[Referral]:
        return [r for r in self._load() if r.overdue(today, days)]

    # -- writing ----------------------------------------------------------------------------

    def record(
        self,
        interview_uuid: str,
        step: str,
        on_date: dt.date,
        *,
        actor: str,
        officer_id: int | None = None,
        receipt: Receipt | None = None,
    ) -> Referral:
        """Record the next step of a referral, in order (receipt, came back, then continued or
        refused), once each; audit-logged in the same transaction. KnownError otherwise."""
        if self._audit is None:
            raise TypeError("recording a step needs the audit log")
        referral = self.get(interview_uuid)
        if referral is None:
            raise KnownError(
                "Wawancara ini bukan rujukan ke BP3MI; tidak ada tindak lanjut yang dicatat.",
                "This interview is not a referral to BP3MI; there is no follow-up to record.",
            )
        if step not in referral.next_steps():
            raise _out_of_order(referral, step)
        today = self._clock().astimezone().date()
        if on_date > today or on_date < referral.referred_on:
            raise KnownError(
                f"Tanggal {on_date.isoformat()} tidak mungkin: harus antara tanggal rujukan "
                f"({referral.referred_on.isoformat()}) dan hari ini.",
                f"The date {on_date.isoformat()} is impossible: it must lie between the "
                f"referral's date ({referral.referred_on.isoformat()}) and today.",
            )
        receipt = receipt if step == RECEIPT else None
        complaint = (receipt.complaint_no or "").strip() if receipt else ""
        if len(complaint) > MAX_COMPLAINT_NO or any(ord(ch) < 32 for ch in complaint):
            raise KnownError(
                f"Nomor pengaduan tidak sah (satu baris, paling panjang {MAX_COMPLAINT_NO}).",
                f"Invalid complaint number (one line, at most {MAX_COMPLAINT_NO} characters).",
            )
        now = to_iso(self._clock())
        station = str(SettingsStore(self._database).get(WORKSTATION_ID) or "")
        with self._database.transaction() as conn:
            conn.execute(
                "INSERT INTO referral_steps (uuid, interview_uuid, step, on_date, counselling,"
                " siskop2mi_checked, complaint_no, workstation_id, by_officer, at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    str(uuid_module.uuid4()),
                    interview_uuid,
                    step,
                    on_date.isoformat(),
                    int(bool(receipt and receipt.counselling)),
                    int(bool(receipt and receipt.siskop2mi_checked)),
                    complaint or None,
                    station,
                    officer_id,
                    now,
                ),
            )
            details: dict[str, object] = {"step": step, "on": on_date.isoformat()}
            if referral.letter_no:
                details["letter_no"] = referral.letter_no
            if receipt is not None:
                details.update(
                    counselling=receipt.counselling,
                    siskop2mi_checked=receipt.siskop2mi_checked,
                    complaint=bool(complaint),
                )
            self._audit.append(actor, f"referral.{step}", "interview", interview_uuid, details)
        found = self.get(interview_uuid)
        assert found is not None
        return found


def _out_of_order(referral: Referral, step: str) -> KnownError:
    if referral.status in FINAL:
        return KnownError(
            "Rujukan ini sudah ditutup (paspor dilanjutkan atau ditolak).",
            "This referral is closed already (passport continued or refused).",
        )
    if any(s.step == step for s in referral.steps):
        return KnownError(
            "Langkah ini sudah dicatat untuk rujukan ini.",
            "This step is recorded for this referral already.",
        )
    return KnownError(
        "Urutannya: tanda terima kembali, lalu pemohon datang, lalu paspor dilanjutkan atau "
        "ditolak. Catat langkah sebelumnya dulu.",
        "The order is: receipt returned, then the applicant came back, then the passport "
        "continued or refused. Record the earlier step first.",
    )
