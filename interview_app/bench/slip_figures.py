"""Benchmark figure of the slip: one slip rendered in-process against a bare reportlab page."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

from interview_app.bench.harness import (
    BenchContext,
    Figure,
    figure,
    office_key,
    open_bench_database,
    paired_median_seconds,
)
from interview_app.demo import create_demo_office
from interview_app.questionnaire.loader import load_text
from interview_app.slip import markup
from interview_app.slip.content import build_slip_content
from interview_app.slip.fonts import register_fonts
from interview_app.slip.layout import PdfInfo, build_pdf, qr_drawing
from interview_app.slip.template import render_document, template_source
from interview_app.slip.verify import SlipFacts, make_payload
from interview_app.storage.audit import AuditLog
from interview_app.storage.bulk import most_flagged_referral
from interview_app.storage.interviews import InterviewRecord, InterviewRepository
from interview_app.storage.officers import Officer, OfficerRepository
from interview_app.storage.questionnaires import QuestionnaireStore
from interview_app.storage.settings import SettingsStore

TODAY = dt.date(2026, 11, 28)


def _referral_with_most_flags(
    ctx: BenchContext,
) -> tuple[InterviewRecord, Any, Officer | None, dict[str, Any], bytes]:
    data_dir = ctx.workdir / "office"
    create_demo_office(data_dir, count=ctx.size(80, 40, 20), seed=11, today=TODAY)
    found = office_key(data_dir)
    database = open_bench_database(data_dir)
    try:
        audit = AuditLog(database, found[1])
        uuid = most_flagged_referral(database)
        if uuid is None:
            raise RuntimeError("the demo office holds no referral")
        record = InterviewRepository(database, audit).get(uuid)
        questionnaire = load_text(QuestionnaireStore(database).get(record.questionnaire_hash))
        officer = (
            OfficerRepository(database, audit).get(record.officer_id) if record.officer_id else None
        )
        settings = SettingsStore(database).all()
        return record, questionnaire, officer, settings, found[1]
    finally:
        database.close()


def _bare_page(document: markup.SlipDocument, payload: str) -> bytes:
    """The same elements on plain reportlab: title, one table of every row, a paragraph per
    text block, the QR; the same embedded font. No template, markup, header or footer."""
    regular, bold = register_fonts()
    body = ParagraphStyle("b", fontName=regular, fontSize=8, leading=9.8)
    title = ParagraphStyle("t", body, fontName=bold, fontSize=13, leading=16)
    story: list[Any] = [qr_drawing(payload)]
    rows: list[list[Any]] = []
    for block in document.body + document.receipt:
        if isinstance(block, markup.Title):
            story.append(Paragraph(block.text, title))
        elif isinstance(block, markup.Rows):
            rows += [[Paragraph(k, body), Paragraph(v, body)] for k, v in block.rows]
        elif isinstance(block, markup.Bullets):
            story += [Paragraph(item.text, body) for item in block.items]
        elif isinstance(block, markup.Heading | markup.Paragraph):
            story.append(Paragraph(block.text, body))
    story.insert(1, Table(rows))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    return buffer.getvalue()


@figure("slip_ratio")
def slip_ratio(ctx: BenchContext) -> Figure:
    """One referral slip (the demo office's referral with the most flags) from its stored
    record to PDF bytes: content, template, markup, layout. Against a bare reportlab page with
    the same title, rows, paragraphs and QR code, timed alternately in the same run."""
    record, questionnaire, officer, settings, key = _referral_with_most_flags(ctx)
    payload = make_payload(
        SlipFacts("PLU/BP3MI/2026/00001", TODAY, record.chosen_outcome or "X", "0006"), key
    )
    source, where = template_source("rujukan", settings)

    def ours() -> bytes:
        content = build_slip_content(
            record,
            questionnaire,
            officer,
            settings,
            1,
            slip_no="PLU/BP3MI/2026/00001",
            issued_on=TODAY,
        )
        document = render_document(content, source, where)
        return build_pdf(document, PdfInfo("Slip", "Kantor", "Wawancara", payload))

    content = build_slip_content(
        record, questionnaire, officer, settings, 1, slip_no="PLU/BP3MI/2026/00001", issued_on=TODAY
    )
    document = render_document(content, source, where)
    pages = len(re.findall(rb"/Type /Page\b(?!s)", ours()))

    def bare() -> bytes:
        return _bare_page(document, payload)

    value, baseline = paired_median_seconds(
        ours, bare, repeat=ctx.repeat(30, 10), warmup=ctx.warmup(3)
    )
    return Figure(
        "slip_ratio",
        value * 1000,
        baseline * 1000,
        "ms",
        goal=1.5,
        detail=(
            f"referral with {len(record.flags)} flags ({pages} page(s)); ours: content + "
            "jinja2 + markup + platypus with header/footer; bare: same title, rows, paragraphs, QR"
        ),
        sizes={"flags": len(record.flags), "pages": pages},
    )
