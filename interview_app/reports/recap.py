"""The recap's figures for a date range, each counted by SQL over the stored interviews."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from interview_app.errors import KnownError
from interview_app.interview.identity import load_countries, load_regions
from interview_app.interview.recruiters import SAME_RECRUITER_LABEL, SAME_RECRUITER_RULE
from interview_app.questionnaire.valuetypes import Message
from interview_app.reports.referral_funnel import FunnelMonth, referral_funnel
from interview_app.storage.clock import to_iso
from interview_app.storage.database import Database
from interview_app.supervision.office_settings import OfficeSettings
from interview_app.supervision.review import (
    DESTINATION_QUESTION,
    OfficerKey,
    officer_names,
)
from interview_app.supervision.settings_spec import (
    OFFICE_ADDRESS,
    OFFICE_CODE,
    OFFICE_LOGO,
    OFFICE_NAME,
)

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


class _Query:
    """The completed interviews of the period as the base of every count."""

    def __init__(self, database: Database, period: Period) -> None:
        self.conn = database.conn
        self.start, self.end = period.bounds

    def rows(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        return list(self.conn.execute(sql, (*params, self.start, self.end)))


_BASE = "i.status = 'completed' AND i.created_at >= ? AND i.created_at < ?"


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
    query = _Query(database, period)
    refers = {label.code for label in settings.outcome_labels() if label.refers_bp3mi}

    per_day_rows = dict(
        query.rows(
            "SELECT date(i.created_at, ?) AS day, count(*) FROM interviews i"
            f" WHERE {_BASE} GROUP BY day",
            period.offset_modifier,
        )
    )
    per_day = []
    for offset in range(period.days):
        day = period.start + timedelta(days=offset)
        text = day.isoformat()
        per_day.append(Count(text, Message(text, text), int(per_day_rows.get(text, 0))))

    outcome_rows = query.rows(
        "SELECT coalesce(i.chosen_outcome, i.suggested_outcome), count(*) FROM interviews i"
        f" WHERE {_BASE} GROUP BY 1 ORDER BY 2 DESC, 1"
    )
    outcomes = [
        Count(code or "", settings.outcome_label(code) if code else UNKNOWN, int(n))
        for code, n in outcome_rows
    ]

    countries = {c.code: c for c in load_countries()}
    destination_rows = query.rows(
        "SELECT a.value, count(*) FROM interviews i JOIN answers a"
        " ON a.interview_uuid = i.uuid AND a.question_id = ?"
        f" WHERE {_BASE} GROUP BY a.value ORDER BY 2 DESC, 1",
        DESTINATION_QUESTION,
    )
    destinations = []
    for value, n in destination_rows:
        code = str(json.loads(value))
        country = countries.get(code)
        label = Message(country.id, country.en) if country else Message(code, code)
        destinations.append(Count(code, label, int(n)))
    no_destination = sum(o.count for o in outcomes) - sum(d.count for d in destinations)
    destinations = _top(destinations, top)
    if no_destination:
        destinations.append(Count("", UNKNOWN, no_destination))

    flags = _flag_counts(query, top)

    regions = load_regions()
    regency_rows = query.rows(
        "SELECT i.home_regency, count(*) FROM interviews i"
        f" WHERE {_BASE} GROUP BY 1 ORDER BY 2 DESC, 1"
    )
    regencies = []
    for code, n in regency_rows:
        if code:
            name = regions.regency_name(str(code)) or str(code)
            regencies.append(Count(str(code), Message(name, name), int(n)))
        else:
            regencies.append(Count("", UNKNOWN, int(n)))
    regencies = _top(regencies, top)

    names = officer_names(database.conn)
    officer_rows = query.rows(
        "SELECT i.workstation_id, i.officer_id, count(*) FROM interviews i"
        f" WHERE {_BASE} GROUP BY 1, 2 ORDER BY 3 DESC"
    )
    officers = []
    for workstation, officer_id, n in officer_rows:
        if officer_id is None:
            officers.append(Count("", UNKNOWN, int(n)))
            continue
        name = names.get(OfficerKey(str(workstation), int(officer_id)), f"#{officer_id}")
        officers.append(Count(f"{workstation}:{officer_id}", Message(name, name), int(n)))

    completed, hard, overrides = query.rows(
        "SELECT count(*), coalesce(sum(i.hard_flag), 0),"
        " count(i.override_reason) FROM interviews i"
        f" WHERE {_BASE}"
    )[0]
    drafts, voided = database.conn.execute(
        "SELECT count(*) FILTER (WHERE status = 'draft'), count(*) FILTER (WHERE status = 'voided')"
        " FROM interviews WHERE created_at >= ? AND created_at < ?",
        period.bounds,
    ).fetchone()
    totals = Totals(
        completed=int(completed),
        drafts=int(drafts),
        voided=int(voided),
        referred_bp3mi=sum(o.count for o in outcomes if o.key in refers),
        hard_flag=int(hard),
        overrides=int(overrides),
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


def _flag_counts(query: _Query, top: int) -> list[Count]:
    rows = query.conn.execute(
        "SELECT f.rule_id, max(f.reason_id), max(f.reason_en), count(*) FROM flags f"
        f" JOIN interviews i ON i.uuid = f.interview_uuid WHERE {_BASE}"
        " GROUP BY f.rule_id ORDER BY 4 DESC, 1 LIMIT ?",
        (query.start, query.end, int(top)),
    )
    return [
        Count(
            str(rule),
            # The same-recruiter flag's reason names a count: the recap names the kind.
            SAME_RECRUITER_LABEL
            if rule == SAME_RECRUITER_RULE
            else Message(str(reason_id), str(reason_en)),
            int(n),
        )
        for rule, reason_id, reason_en, n in rows
    ]
