"""The recap as an A4 PDF: letterhead, key figures, and six charts with their numbers."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from interview_app.reports.charts import per_day_chart, pie_chart, ranked_bar_chart, truncate
from interview_app.reports.fonts import register_fonts
from interview_app.reports.recap import Recap
from interview_app.reports.referral_funnel import FUNNEL_HEADERS

MARGIN = 16 * mm
FRAME_PADDING = 6  # SimpleDocTemplate frames pad 6 pt on each side
CONTENT_WIDTH = A4[0] - 2 * MARGIN - 2 * FRAME_PADDING
RULE_COLOUR = colors.HexColor("#1f5f8b")
MONTHS_ID = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = register_fonts()
    return {
        "office": ParagraphStyle("office", fontName=bold, fontSize=12.5, leading=15),
        "address": ParagraphStyle("address", fontName=regular, fontSize=8, leading=10),
        "title": ParagraphStyle(
            "title", fontName=bold, fontSize=13, leading=16, alignment=1, spaceBefore=4
        ),
        "subtitle": ParagraphStyle(
            "subtitle", fontName=regular, fontSize=8.5, leading=11, alignment=1
        ),
        "heading": ParagraphStyle(
            "heading",
            fontName=bold,
            fontSize=10,
            leading=13,
            spaceBefore=8,
            spaceAfter=3,
            textColor=RULE_COLOUR,
        ),
        "figure": ParagraphStyle("figure", fontName=bold, fontSize=15, leading=18, alignment=1),
        "figure_label": ParagraphStyle(
            "figure_label", fontName=regular, fontSize=7, leading=8.5, alignment=1
        ),
        "note": ParagraphStyle(
            "note", fontName=regular, fontSize=7, leading=9, textColor=colors.HexColor("#555555")
        ),
    }


def _day(text: Any) -> str:
    return f"{text.day} {MONTHS_ID[text.month - 1]} {text.year}"


def _letterhead(recap: Recap, styles: dict[str, ParagraphStyle]) -> Flowable:
    lines = [Paragraph(escape(recap.office_name or recap.office_code or "-"), styles["office"])]
    if recap.office_address:
        address = "<br/>".join(escape(part) for part in recap.office_address.splitlines())
        lines.append(Paragraph(address, styles["address"]))
    logo: Flowable | None = None
    if recap.logo and Path(recap.logo).is_file():
        try:
            image = Image(recap.logo)
            ratio = image.imageWidth / max(image.imageHeight, 1)
            image.drawHeight = 16 * mm
            image.drawWidth = 16 * mm * ratio
            logo = image
        except (OSError, ValueError):
            logo = None  # an unreadable logo must not stop the recap
    cells = [[logo, lines]] if logo is not None else [[lines]]
    widths = [22 * mm, CONTENT_WIDTH - 22 * mm] if logo is not None else [CONTENT_WIDTH]
    table = Table(cells, colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), register_fonts()[0]),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, -1), 1.2, RULE_COLOUR),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _key_figures(recap: Recap, styles: dict[str, ParagraphStyle]) -> Flowable:
    totals = recap.totals
    share = (
        f" <font size=9>({100 * totals.referred_bp3mi / totals.completed:.0f}%)</font>"
        if totals.completed
        else ""
    )
    figures = [
        (str(totals.completed), "Wawancara selesai<br/>Completed interviews"),
        (f"{totals.referred_bp3mi}{share}", "Dirujuk ke BP3MI<br/>Referred to BP3MI"),
        (str(totals.hard_flag), "Dengan tanda bahaya berat<br/>With a hard red flag"),
        (str(totals.overrides), "Keputusan beda dari saran<br/>Decision overrode suggestion"),
        (str(totals.drafts), "Belum selesai (draf)<br/>Unfinished (drafts)"),
        (str(totals.voided), "Dibatalkan<br/>Voided"),
    ]
    cells = [
        [Paragraph(value, styles["figure"]), Paragraph(label, styles["figure_label"])]
        for value, label in figures
    ]
    table = Table([cells], colWidths=[CONTENT_WIDTH / len(cells)] * len(cells))
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), register_fonts()[0]),
                ("BOX", (0, 0), (-1, -1), 0.5, colors.HexColor("#bbbbbb")),
                ("INNERGRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#bbbbbb")),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f3f6f9")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def _section(title: str, body: Flowable, styles: dict[str, ParagraphStyle]) -> Flowable:
    return KeepTogether([Paragraph(title, styles["heading"]), body])


def _side_by_side(left: list[Flowable], right: list[Flowable]) -> Table:
    table = Table([[left, right]], colWidths=[CONTENT_WIDTH / 2, CONTENT_WIDTH / 2])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), register_fonts()[0]),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


def recap_charts(recap: Recap) -> dict[str, Drawing]:
    """The six charts by name; each drawing holds its chart as `.chart`."""
    half = CONTENT_WIDTH / 2 - 6

    def rank_height(bars: int) -> float:
        return 24 + 14 * max(bars, 1)

    return {
        "per_day": per_day_chart(recap, CONTENT_WIDTH, 150),
        "outcomes": pie_chart(recap.outcomes, CONTENT_WIDTH, 130),
        "destinations": ranked_bar_chart(
            recap.destinations,
            half,
            rank_height(len(recap.destinations)),
            label_width=82,
            labels=[truncate(c.label.id, 18) for c in recap.destinations],
        ),
        "regencies": ranked_bar_chart(
            recap.regencies,
            half,
            rank_height(len(recap.regencies)),
            label_width=96,
            labels=[truncate(c.label.id, 22) for c in recap.regencies],
        ),
        "flags": ranked_bar_chart(
            recap.flags,
            CONTENT_WIDTH,
            rank_height(len(recap.flags)),
            label_width=230,
            labels=[truncate(c.label.id, 58) for c in recap.flags],
            colour=colors.HexColor("#c0392b"),
        ),
        "officers": ranked_bar_chart(
            recap.officers,
            CONTENT_WIDTH,
            rank_height(len(recap.officers)),
            label_width=150,
            labels=[truncate(c.label.id, 36) for c in recap.officers],
            colour=colors.HexColor("#3a9d5d"),
        ),
    }


def _footer(recap: Recap) -> Callable[[Canvas, Any], None]:
    regular, _ = register_fonts()
    period = f"{_day(recap.period.start)} – {_day(recap.period.end)}"

    def draw(canvas: Canvas, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(regular, 7)
        canvas.setFillColor(colors.HexColor("#666666"))
        canvas.drawString(
            MARGIN, 10 * mm, f"Rekap wawancara / Interview recap {recap.office_code} · {period}"
        )
        canvas.drawRightString(A4[0] - MARGIN, 10 * mm, f"Halaman / Page {canvas.getPageNumber()}")
        canvas.restoreState()

    return draw


def _funnel_table(recap: Recap, styles: dict[str, ParagraphStyle]) -> Flowable:
    """Referred, receipts returned, came back, closed, overdue: one row a month."""
    if not recap.referrals:
        return Paragraph(
            "Tidak ada rujukan dalam periode ini. / No referrals in this period.", styles["note"]
        )
    rows: list[list[Any]] = [[Paragraph(h, styles["note"]) for h in FUNNEL_HEADERS]]
    for month in recap.referrals:
        rows.append(
            [
                month.month,
                month.referred,
                month.receipts,
                month.came_back,
                month.closed,
                month.overdue,
            ]
        )
    totals = [
        sum(getattr(m, name) for m in recap.referrals)
        for name in ("referred", "receipts", "came_back", "closed", "overdue")
    ]
    rows.append(["Jumlah / Total", *totals])
    table = Table(rows, hAlign="LEFT", colWidths=[28 * mm] + [27 * mm] * 5)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), register_fonts()[0]),
                ("FONTSIZE", (0, 1), (-1, -1), 8),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                ("LINEABOVE", (0, -1), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ]
        )
    )
    return table


def render_recap_pdf(recap: Recap) -> bytes:
    """The recap PDF's bytes (the caller writes them whole)."""
    styles = _styles()
    charts = recap_charts(recap)
    period = f"{_day(recap.period.start)} – {_day(recap.period.end)}"
    generated = recap.generated_at.strftime("%d-%m-%Y %H:%M")
    by = f" oleh / by {escape(recap.generated_by)}" if recap.generated_by else ""
    story: list[Flowable] = [
        _letterhead(recap, styles),
        Paragraph(
            "REKAPITULASI WAWANCARA MENDALAM PEMOHON PASPOR<br/>"
            "<font size=10>In-depth interviews of passport applicants: recap</font>",
            styles["title"],
        ),
        Paragraph(
            f"Periode / Period: {period} ({recap.period.days} hari / days)<br/>"
            f"Dibuat / Generated {generated}{by}",
            styles["subtitle"],
        ),
        Spacer(1, 6),
        _key_figures(recap, styles),
        _section(
            "1. Wawancara selesai per hari / Completed interviews per day",
            charts["per_day"],
            styles,
        ),
        _section("2. Hasil wawancara / Outcomes", charts["outcomes"], styles),
        _side_by_side(
            [
                Paragraph("3. Negara tujuan / Destinations", styles["heading"]),
                charts["destinations"],
            ],
            [
                Paragraph("4. Kabupaten/kota asal / Home regencies", styles["heading"]),
                charts["regencies"],
            ],
        ),
        _section(
            "5. Tanda bahaya terbanyak / Most frequent red flags "
            "(jumlah wawancara / interviews flagged)",
            charts["flags"],
            styles,
        ),
        _section("6. Wawancara per petugas / Interviews per officer", charts["officers"], styles),
        _section(
            "7. Tindak lanjut rujukan BP3MI per bulan / BP3MI referral follow-up by month",
            _funnel_table(recap, styles),
            styles,
        ),
        Spacer(1, 8),
        Paragraph(
            "Angka dihitung dari basis data komputer ini: wawancara berstatus selesai menurut "
            "tanggal dibuat (waktu setempat). Rekap ini tidak memuat data pribadi pemohon. / "
            "Figures counted from this workstation's database: completed interviews by the "
            "date they were started (local time). This recap holds no applicant's personal data.",
            styles["note"],
        ),
    ]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=f"Rekap wawancara {recap.office_code} {period}",
        author=recap.office_name,
        subject="Rekapitulasi wawancara / Interview recap",
        creator="Asisten Wawancara",
        # The canvas sets a starting font on every page; Helvetica would be one more
        # (unembedded) font in the file.
        initialFontName=register_fonts()[0],
    )
    footer = _footer(recap)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
