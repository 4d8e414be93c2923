"""The recap of 1,000 demo interviews: figures equal counts taken straight from SQLite, and the
PDF renders with its six charts in the embedded DejaVu font."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import time
from collections import Counter
from pathlib import Path

import pypdf

from interview_app.reports.recap import Period, Recap, build_recap
from interview_app.reports.recap_pdf import recap_charts, render_recap_pdf
from interview_app.supervision.report_export import write_report
from tests.offices import TODAY, Office


def _period() -> Period:
    return Period.of(TODAY - dt.timedelta(days=90), TODAY)


def _completed(office: Office, period: Period) -> list[tuple[str, ...]]:
    start, end = period.bounds
    return list(
        office.database.conn.execute(
            "SELECT uuid, created_at, coalesce(chosen_outcome, suggested_outcome), home_regency,"
            " workstation_id, officer_id FROM interviews"
            " WHERE status = 'completed' AND created_at >= ? AND created_at < ?",
            (start, end),
        )
    )


def _ranked(counter: Counter[str], top: int) -> list[tuple[str, int]]:
    ordered = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    if len(ordered) > top:
        ordered = [*ordered[:top], ("", sum(n for _, n in ordered[top:]))]
    return ordered


def test_recap_figures_equal_direct_counts(big_office: Office) -> None:
    period = _period()
    recap = build_recap(big_office.database, period)
    rows = _completed(big_office, period)
    uuids = {row[0] for row in rows}
    assert recap.totals.completed == len(rows) > 900

    days = Counter(
        dt.datetime.fromisoformat(row[1]).astimezone(period.tz).date().isoformat() for row in rows
    )
    assert {c.key: c.count for c in recap.per_day if c.count} == dict(days)
    assert len(recap.per_day) == 91

    assert {c.key: c.count for c in recap.outcomes} == dict(Counter(row[2] for row in rows))

    conn = big_office.database.conn
    destinations: Counter[str] = Counter()
    for uuid, value in conn.execute(
        "SELECT interview_uuid, value FROM answers WHERE question_id = 'destination'"
    ):
        if uuid in uuids:
            destinations[json.loads(value)] += 1
    assert [(c.key, c.count) for c in recap.destinations] == _ranked(destinations, 10)

    flags: Counter[str] = Counter()
    for uuid, rule in conn.execute("SELECT interview_uuid, rule_id FROM flags"):
        if uuid in uuids:
            flags[rule] += 1
    expected_flags = sorted(flags.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    assert [(c.key, c.count) for c in recap.flags] == expected_flags

    regencies = Counter(row[3] for row in rows)
    assert [(c.key, c.count) for c in recap.regencies] == _ranked(regencies, 10)

    officers = Counter(f"{row[4]}:{row[5]}" for row in rows)
    assert {c.key: c.count for c in recap.officers} == dict(officers)
    assert {c.label.id for c in recap.officers} == {"Siti Nurhaliza Lamato", "Andi Mappaseng"}

    refers = {"TUNDA_RUJUK_BP3MI", "RUJUK_APH"}
    assert recap.totals.referred_bp3mi == sum(1 for row in rows if row[2] in refers)
    start, end = period.bounds
    drafts = conn.execute(
        "SELECT count(*) FROM interviews WHERE status = 'draft' AND created_at >= ? AND created_at < ?",
        (start, end),
    ).fetchone()[0]
    assert recap.totals.drafts == drafts > 0


def _chart_values(recap: Recap) -> dict[str, list[int]]:
    charts = recap_charts(recap)
    values = {}
    for name, drawing in charts.items():
        chart = drawing.chart
        data = (
            chart.data
            if name == "outcomes"
            else list(reversed(chart.data[0]))
            if name != "per_day"
            else list(chart.data[0])
        )
        values[name] = [int(v) for v in data]
    return values


def test_the_pdf_renders_with_its_charts_and_numbers(big_office: Office, tmp_path: Path) -> None:
    period = _period()
    started = time.perf_counter()
    result = write_report(big_office.session(), period, tmp_path / "rekap.pdf")
    elapsed = time.perf_counter() - started
    assert elapsed < 10, f"recap took {elapsed:.1f} s"
    recap = build_recap(big_office.database, period)
    assert result.rows == recap.totals.completed

    charts = _chart_values(recap)
    assert charts["per_day"] == [c.count for c in recap.per_day]
    assert charts["outcomes"] == [c.count for c in recap.outcomes]
    for name in ("destinations", "regencies", "flags", "officers"):
        assert charts[name] == [c.count for c in getattr(recap, name)], name

    data = (tmp_path / "rekap.pdf").read_bytes()
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 2
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "REKAPITULASI WAWANCARA" in text
    assert re.search(rf"\b{recap.totals.completed}\b", text)
    for count in recap.outcomes:  # the pie's legend: label, count, share
        assert (
            f"{count.label.id}  {count.count} (" in text
            or f"{count.label.id} {count.count} (" in text
        )
    for count in recap.destinations + recap.officers:  # bar labels carry the numbers
        assert str(count.count) in text
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/FontDescriptor"].get_object() if "/FontDescriptor" in font else {}
            fonts.add((str(font["/BaseFont"]).split("+")[-1], "/FontFile2" in descriptor))
    assert fonts == {("DejaVuSans", True), ("DejaVuSans-Bold", True)}
    entry = big_office.audit.entries(limit=1)[0]
    assert entry.action == "report.export" and entry.details["format"] == "pdf"


def test_an_empty_period_still_renders(big_office: Office) -> None:
    period = Period.of(dt.date(2020, 1, 1), dt.date(2020, 1, 31))
    data = render_recap_pdf(build_recap(big_office.database, period))
    text = pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "Tidak ada data / No data" in text
