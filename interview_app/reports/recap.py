"""The recap's figures for a date range, each counted by SQL over the stored interviews."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from interview_app.errors import KnownError
from interview_app.interview.recruiters import SAME_RECRUITER_LABEL, SAME_RECRUITER_RULE
from interview_app.reference import DESTINATION_QUESTION, load_countries, load_regions
from interview_app.reports.referral_funnel import FunnelMonth, referral_funnel
from interview_app.settings_spec import (
    OFFICE_ADDRESS,
    OFFICE_CODE,
    OFFICE_LOGO,
    OFFICE_NAME,
)
from interview_app.storage.clock import to_iso
from interview_app.storage.database import Database
from interview_app.storage.office_settings import OfficeSettings
from interview_app.storage.officer_names import OfficerKey, OfficerNames
from interview_app.storage.recap_figures import RecapFigures
from interview_app.text import Message

TOP = 10
OTHERS = Message("Lainnya", "Others")
UNKNOWN = Message("Tidak diisi", "Not given")


@dataclass(frozen=True)
class Period:
    """Local calendar days `start`..`end` (both included) in zone `tz`."""

    start: date
    end: date
    tz: tzinfo

    @classmethod
    def of(cls, start: date, end: date, tz: tzinfo | None = None) -> Period:
        if end < start:
            raise KnownError(
                "Tanggal akhir lebih awal dari tanggal mulai.",
                "The end date is before the start date.",
            )
        zone = tz or datetime.now().astimezone().tzinfo
        assert zone is not None  # astimezone() always gives the local zone
        return cls(start, end, zone)

    @property
    def bounds(self) -> tuple[str, str]:
        """Stored-time bounds [start 00:00, day after end 00:00)."""
        begin = datetime.combine(self.start, time(0), tzinfo=self.tz)
        finish = datetime.combine(self.end + timedelta(days=1), time(0), tzinfo=self.tz)
        return to_iso(begin), to_iso(finish)

    @property
    def offset_modifier(self) -> str:
        """SQLite date() modifier turning a stored UTC time into the local day. Indonesia keeps
        no daylight saving time, so the offset at the start holds for the whole range."""
        offset = datetime.combine(self.start, time(12), tzinfo=self.tz).utcoffset()
        minutes = int((offset or timedelta(0)).total_seconds() // 60)
        return f"{minutes:+d} minutes"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Count:
    """One bar or slice: a key (code), its label in both languages, and the count."""

    key: str
    label: Message
    count: int


@dataclass(frozen=True)
class Totals:
    completed: int
    drafts: int
    voided: int
    referred_bp3mi: int
    hard_flag: int
    overrides: int


@dataclass(frozen=True)
class Recap:
    period: Period
    office_code: str
    office_name: str
    office_address: str
    logo: str
    totals: Totals
    per_day: list[Count]
    outcomes: list[Count]
    destinations: list[Count]  # top TOP, then "others" when there are more
    flags: list[Count]  # top TOP rules by interviews flagged
    regencies: list[Count]  # top TOP, then "others"
    officers: list[Count]
    generated_at: datetime = field(default_factory=lambda: datetime.now().astimezone())
    generated_by: str = ""
    referrals: list[FunnelMonth] = field(default_factory=list)  # the follow-up, by month


def _top(items: list[Count], top: int) -> list[Count]:
    if len(items) <= top:
        return items
    rest = sum(item.count for item in items[top:])
    return [*items[:top], Count("", OTHERS, rest)]


def build_recap(
    database: Database,
    period: Period,
    *,
    top: int = TOP,
    generated_by: str = "",
    today: date | None = None,
) -> Recap:
    """The period's figures; `today` decides which referrals are overdue."""
    settings = OfficeSettings(database)
    figures = RecapFigures(database)
    start, end = period.bounds
    refers = {label.code for label in settings.outcome_labels() if label.refers_bp3mi}

    per_day_rows = figures.per_day(start, end, period.offset_modifier)
    per_day = []
    for offset in range(period.days):
        day = period.start + timedelta(days=offset)
        text = day.isoformat()
        per_day.append(Count(text, Message(text, text), int(per_day_rows.get(text, 0))))

    outcomes = [
        Count(row.code or "", settings.outcome_label(row.code) if row.code else UNKNOWN, row.count)
        for row in figures.outcomes(start, end)
    ]

    countries = {c.code: c for c in load_countries()}
    destinations = []
    for row in figures.answers(start, end, DESTINATION_QUESTION):
        code = str(row.code)
        country = countries.get(code)
        label = Message(country.id, country.en) if country else Message(code, code)
        destinations.append(Count(code, label, row.count))
    no_destination = sum(o.count for o in outcomes) - sum(d.count for d in destinations)
    destinations = _top(destinations, top)
    if no_destination:
        destinations.append(Count("", UNKNOWN, no_destination))

    flags = _flag_counts(figures, start, end, top)

    regions = load_regions()
    regencies = []
    for row in figures.regencies(start, end):
        if row.code:
            name = regions.regency_name(row.code) or row.code
            regencies.append(Count(row.code, Message(name, name), row.count))
        else:
            regencies.append(Count("", UNKNOWN, row.count))
    regencies = _top(regencies, top)

    names = OfficerNames(database).all()
    officers = []
    for per_officer in figures.officers(start, end):
        workstation, officer_id = per_officer.workstation_id, per_officer.officer_id
        if officer_id is None:
            officers.append(Count("", UNKNOWN, per_officer.count))
            continue
        name = names.get(OfficerKey(workstation, officer_id), f"#{officer_id}")
        officers.append(
            Count(f"{workstation}:{officer_id}", Message(name, name), per_officer.count)
        )

    counted = figures.totals(start, end)
    totals = Totals(
        completed=counted.completed,
        drafts=counted.drafts,
        voided=counted.voided,
        referred_bp3mi=sum(o.count for o in outcomes if o.key in refers),
        hard_flag=counted.hard_flag,
        overrides=counted.overrides,
    )
    return Recap(
        period=period,
        office_code=str(settings.get(OFFICE_CODE) or ""),
        office_name=str(settings.get(OFFICE_NAME) or ""),
        office_address=str(settings.get(OFFICE_ADDRESS) or ""),
        logo=str(settings.get(OFFICE_LOGO) or ""),
        totals=totals,
        per_day=per_day,
        outcomes=outcomes,
        destinations=destinations,
        flags=flags,
        regencies=regencies,
        officers=officers,
        generated_by=generated_by,
        referrals=referral_funnel(database, period.start, period.end, today or date.today()),
    )


def _flag_counts(figures: RecapFigures, start: str, end: str, top: int) -> list[Count]:
    return [
        Count(
            rule.rule_id,
            # The same-recruiter flag's reason names a count: the recap names the kind.
            SAME_RECRUITER_LABEL
            if rule.rule_id == SAME_RECRUITER_RULE
            else Message(rule.reason_id, rule.reason_en),
            rule.count,
        )
        for rule in figures.rules(start, end, top)
    ]
