"""The referral funnel by month: referred, receipts returned, came back, closed, overdue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from interview_app.settings_spec import REFERRAL_DAYS
from interview_app.slip.followup import referral_codes
from interview_app.storage.database import Database
from interview_app.storage.office_settings import OfficeSettings
from interview_app.storage.referrals import CAME_BACK, FINAL, RECEIPT, ReferralRepository

FUNNEL_HEADERS = (
    "Bulan / Month",
    "Dirujuk / Referred",
    "Tanda terima kembali / Receipts back",
    "Pemohon kembali / Came back",
    "Selesai / Closed",
    "Lewat batas / Overdue",
)


@dataclass(frozen=True)
class FunnelMonth:
    month: str  # YYYY-MM of the referral (the interview's completion, local time)
    referred: int
    receipts: int  # the receipt signed by BP3MI came back
    came_back: int  # the applicant came back to the counter
    closed: int  # the passport was continued or refused
    overdue: int  # still only referred, past the office's deadline


def referral_funnel(
    database: Database, start: dt.date, end: dt.date, today: dt.date
) -> list[FunnelMonth]:
    """One row per month with referrals between `start` and `end` (inclusive), oldest first."""
    settings = OfficeSettings(database)
    days = settings.int_value(REFERRAL_DAYS)
    months: dict[str, list[int]] = {}
    for referral in ReferralRepository(database, None, referral_codes(settings)).all():
        if not start <= referral.referred_on <= end:
            continue
        done = {step.step for step in referral.steps}
        row = months.setdefault(referral.referred_on.strftime("%Y-%m"), [0, 0, 0, 0, 0])
        row[0] += 1
        row[1] += RECEIPT in done
        row[2] += CAME_BACK in done
        row[3] += bool(done & set(FINAL))
        row[4] += referral.overdue(today, days)
    return [FunnelMonth(month, *counts) for month, counts in sorted(months.items())]
