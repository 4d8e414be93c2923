"""Lays the slip's blocks out on A4 with reportlab platypus: letterhead, QR, tables, receipt, pages."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    Image,
    KeepTogether,
    NextPageTemplate,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import Paragraph as PdfParagraph

from interview_app.slip import markup
from interview_app.slip.fonts import register_fonts

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 16 * mm
MARGIN_TOP = 15 * mm  # pages after the first, under the repeated header
MARGIN_TOP_FIRST = 9 * mm  # the first page opens with the letterhead itself
MARGIN_BOTTOM = 12 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
QR_SIZE = 22 * mm
LOGO_BOX = 22 * mm
PAIR_LABEL = 35 * mm
SIGN_MAX_WIDTH = 80 * mm
SIGN_SPACE = 10 * mm  # room to sign above the name line
BESIDE_SIGN = 70 * mm  # a lone box beside a checklist
GREY = colors.Color(0.35, 0.35, 0.35)
LIGHT = colors.Color(0.93, 0.93, 0.93)
RULE = colors.Color(0.6, 0.6, 0.6)
MARK_RED = colors.Color(0.7, 0.05, 0.05)


@dataclass(frozen=True)
class PdfInfo:
    """What goes around the blocks: metadata (the payload also in the keywords), QR, logo."""

    title: str
    author: str
    subject: str
    payload: str
    logo_path: str | None = None
    fingerprint: str = ""  # the signing key's short fingerprint, in every page's footer


class _Styles:
    def __init__(self) -> None:
        regular, bold = register_fonts()
        base = ParagraphStyle(
            "base",
            fontName=regular,
            fontSize=7.4,
            leading=8.8,
            bulletFontName=regular,
            bulletFontSize=7.4,
        )
        self.body = base
        self.small = ParagraphStyle("small", base, fontSize=6.7, leading=8, textColor=GREY)
        self.compact = ParagraphStyle("compact", base, fontSize=6.9, leading=8.1)
        self.cell = ParagraphStyle("cell", base, fontSize=7.4, leading=8.6)
        self.label = ParagraphStyle("label", self.cell, textColor=GREY)
        self.head = ParagraphStyle(
            "head", base, fontName=bold, fontSize=9, leading=11, alignment=TA_CENTER
        )
        self.address = ParagraphStyle("address", base, fontSize=7.5, leading=9, alignment=TA_CENTER)
        self.title = ParagraphStyle(
            "title",
            base,
            fontName=bold,
            fontSize=12,
            leading=14,
            alignment=TA_CENTER,
            spaceBefore=2,
        )
        self.receipt_title = ParagraphStyle(
            "receipt_title", self.title, fontSize=10, leading=12, spaceBefore=0
        )
        self.subtitle = ParagraphStyle(
            "subtitle", base, fontSize=8, leading=10, alignment=TA_CENTER, spaceAfter=2.5
        )
        self.heading = ParagraphStyle(
            "heading",
            base,
            fontName=bold,
            fontSize=7.8,
            leading=9.2,
            spaceBefore=2.6,
            spaceAfter=1.2,
            backColor=LIGHT,
            borderPadding=(1, 2, 1, 2),
        )
        self.bullet = ParagraphStyle("bullet", base, leftIndent=11, bulletIndent=2, spaceAfter=0.6)
        self.sign = ParagraphStyle("sign", base, alignment=TA_CENTER)
        self.sign_small = ParagraphStyle("sign_small", self.small, alignment=TA_CENTER)

        self.fonts = (regular, bold)


def _p(text: str, style: ParagraphStyle, **kwargs: Any) -> PdfParagraph:
    # Everything is escaped: names and answers are text, never reportlab's paragraph markup.
    return PdfParagraph(escape(text), style, **kwargs)


class CutLine(Flowable):
    """A dashed tear-off line across the page, scissors at its start, the instruction on it."""

    def __init__(self, text: str, font: str) -> None:
        super().__init__()
        self.text = text
        self.font = font
        self.height_needed = 6 * mm

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.height_needed

    def draw(self) -> None:
        canvas = self.canv
        y = self.height_needed / 2
        left, right = -MARGIN_X + 5 * mm, self.width + MARGIN_X - 5 * mm
        canvas.saveState()
        canvas.setStrokeColor(GREY)
        canvas.setDash(3, 2)
        canvas.setLineWidth(0.7)
        canvas.line(left + 6 * mm, y, right, y)
        canvas.setFillColor(colors.black)
        canvas.setFont(self.font, 13)
        canvas.drawString(left, y - 4.3, "✂")
        canvas.setFont(self.font, 6.8)
        width = canvas.stringWidth(self.text, self.font, 6.8)
        canvas.setFillColor(colors.white)
        canvas.rect(
            self.width / 2 - width / 2 - 2 * mm, y - 3, width + 4 * mm, 7.5, stroke=0, fill=1
        )
        canvas.setFillColor(GREY)
        canvas.drawCentredString(self.width / 2, y - 2.2, self.text)
        canvas.restoreState()


class StampSpace(Flowable):
    """The signature's space with a dashed circle at its left where the office stamp goes."""

    def __init__(self, text: str, font: str) -> None:
        super().__init__()
        self.text = text
        self.font = font

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, SIGN_SPACE

    def draw(self) -> None:
        canvas = self.canv
        radius = 4.6 * mm
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setDash(2, 2)
        canvas.setLineWidth(0.5)
        canvas.circle(radius + 1 * mm, SIGN_SPACE / 2, radius, stroke=1, fill=0)
        canvas.setFillColor(RULE)
        canvas.setFont(self.font, 5)
        canvas.drawCentredString(radius + 1 * mm, SIGN_SPACE / 2 - 0.6 * mm, self.text)
        canvas.restoreState()


def qr_drawing(payload: str, size: float = QR_SIZE) -> Drawing:
    widget = QrCodeWidget(payload, barLevel="M", barBorder=2)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def _logo(path: str | None) -> Image | None:
    """The letterhead logo scaled into its box; none when the file is missing or unreadable
    (a moved logo file must not stop a slip from printing)."""
    if not path:
        return None
    try:
        width, height = ImageReader(path).getSize()
    except Exception:  # noqa: BLE001 - any unreadable image: print without it
        return None
    scale = min(LOGO_BOX / width, LOGO_BOX / height)
    return Image(path, width * scale, height * scale)


def _shrunk(
    text: str, style: ParagraphStyle, width: float, smallest: float = 7.0
) -> ParagraphStyle:
    """The style, its font made smaller (down to `smallest`) until the line fits; a longer
    line still wraps rather than being cut."""
    size = style.fontSize
    while size > smallest and not _fits(text, ParagraphStyle("probe", style, fontSize=size), width):
        size -= 0.25
    if size == style.fontSize:
        return style
    return ParagraphStyle(f"{style.name}-{size}", style, fontSize=size, leading=size * 1.22)


def _letterhead(doc: markup.SlipDocument, info: PdfInfo, styles: _Styles) -> list[Flowable]:
    column = FRAME_WIDTH - 2 * QR_SIZE
    lines = [
        _p(h.text, _shrunk(h.text, styles.address if h.small else styles.head, column))
        for h in doc.head
    ]
    logo = _logo(info.logo_path)
    left: Flowable | str = logo if logo is not None else ""
    qr: list[Flowable] = [qr_drawing(info.payload)]
    table = Table(
        [[left, lines, qr]],
        colWidths=[QR_SIZE, column, QR_SIZE],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (0, 0), (0, 0), "LEFT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [
        table,
        Spacer(1, 1.5 * mm),
        HRFlowable(width="100%", thickness=1.4, color=colors.black, spaceAfter=0.8),
        HRFlowable(width="100%", thickness=0.4, color=colors.black, spaceAfter=2 * mm),
    ]


def _fits(text: str, style: ParagraphStyle, width: float) -> bool:
    return stringWidth(text, style.fontName, style.fontSize) <= width - 8


def _rows(block: markup.Rows, styles: _Styles) -> Table:
    """Label/value rows; two short rows share a line (label, value, label, value), a long value
    takes the whole line. Reading order stays left to right, top to bottom."""
    label_w = PAIR_LABEL
    value_w = (FRAME_WIDTH - 2 * label_w) / 2

    def short(row: tuple[str, str]) -> bool:
        return _fits(row[0], styles.label, label_w) and _fits(row[1], styles.cell, value_w)

    data: list[list[Any]] = []
    spans: list[int] = []
    rows = list(block.rows)
    index = 0
    while index < len(rows):
        key, value = rows[index]
        if index + 1 < len(rows) and short(rows[index]) and short(rows[index + 1]):
            key2, value2 = rows[index + 1]
            data.append(
                [
                    _p(key, styles.label),
                    _p(value, styles.cell),
                    _p(key2, styles.label),
                    _p(value2, styles.cell),
                ]
            )
            index += 2
        else:
            spans.append(len(data))
            data.append([_p(key, styles.label), _p(value, styles.cell), "", ""])
            index += 1
    table = Table(data, colWidths=[label_w, value_w, label_w, value_w])
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        # The empty cells under a span would otherwise take the default 12 pt leading.
        ("FONTSIZE", (0, 0), (-1, -1), 6),
        ("LEADING", (0, 0), (-1, -1), 6),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 0.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.1),
    ]
    commands += [("SPAN", (1, row), (3, row)) for row in spans]
    table.setStyle(TableStyle(commands))
    return table


def _bullets(block: markup.Bullets, styles: _Styles) -> list[Flowable]:
    marks = {None: "•", "x": "☑", " ": "☐"}
    return [
        _p(item.text, styles.bullet, bulletText=item.number or marks[item.check])
        for item in block.items
    ]


def _signatures(
    block: markup.Signatures, styles: _Styles, width: float = FRAME_WIDTH
) -> list[Flowable]:
    """Boxes side by side in a one-row table, so a box never splits over two pages."""
    count = len(block.boxes)
    gutter = 12 * mm if count < 3 else 8 * mm
    box_width = min(SIGN_MAX_WIDTH, (width - gutter * (count - 1)) / count)
    widths: list[float] = []
    cells: list[Any] = []
    for index, box in enumerate(block.boxes):
        cells.append(
            [
                *(_p(line, styles.sign) for line in box.label_lines),
                StampSpace(box.stamp, styles.fonts[0]) if box.stamp else Spacer(1, SIGN_SPACE),
                HRFlowable(width="100%", thickness=0.6, color=colors.black, spaceAfter=1),
                *([_p(box.name, styles.sign)] if box.name else []),
                _p(box.detail, styles.sign_small),
            ]
        )
        widths.append(box_width)
        if index < count - 1:
            cells.append("")
            widths.append(gutter)
    # A lone box (the receipt's) stands on the right, where a signature is expected.
    table = Table([cells], colWidths=widths, hAlign="RIGHT" if count == 1 else "CENTER")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1 * mm),
            ]
        )
    )
    return [table]


def _beside(bullets: markup.Bullets, sign: markup.Signatures, styles: _Styles) -> Table:
    """A checklist with its one signature box on the right: the receipt stays short."""
    table = Table(
        [[_bullets(bullets, styles), _signatures(sign, styles, width=BESIDE_SIGN)]],
        colWidths=[FRAME_WIDTH - BESIDE_SIGN, BESIDE_SIGN],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1 * mm),
            ]
        )
    )
    return table


def _flowables(
    blocks: tuple[markup.Block, ...], styles: _Styles, *, keep_signed: bool = True
) -> list[Flowable]:
    # The receipt (keep_signed False) is a small slip of its own: a smaller title.
    title_style = styles.title if keep_signed else styles.receipt_title
    """Flowables for the blocks. With `keep_signed`, the text just before signature boxes (what
    is being signed) moves to the next page with them rather than be parted from them. A list
    followed by one signature box stands beside it (the receipt's checklist and its signer)."""
    out: list[Flowable] = []
    skip = False
    for index, block in enumerate(blocks):
        if skip:
            skip = False
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if (
            isinstance(block, markup.Bullets)
            and isinstance(following, markup.Signatures)
            and len(following.boxes) == 1
        ):
            out.append(_beside(block, following, styles))
            skip = True
            continue
        if keep_signed and isinstance(block, markup.Signatures):
            for flowable in reversed(out[-2:]):
                flowable.keepWithNext = True
        if isinstance(block, markup.Title):
            out.append(_p(block.text, styles.subtitle if block.subtitle else title_style))
        elif isinstance(block, markup.Heading):
            out.append(_p(block.text, styles.heading))
            out[-1].keepWithNext = True
        elif isinstance(block, markup.Paragraph):
            style = (
                styles.small if block.small else styles.compact if block.compact else styles.body
            )
            out.append(_p(block.text, style))
            out.append(Spacer(1, 0.8 * mm))
        elif isinstance(block, markup.Rows):
            out.append(_rows(block, styles))
        elif isinstance(block, markup.Bullets):
            out.extend(_bullets(block, styles))
        elif isinstance(block, markup.Signatures):
            out.extend(_signatures(block, styles))
        elif isinstance(block, markup.Space):
            out.append(Spacer(1, 3 * mm))
    return out


def _page_decorator(
    doc: markup.SlipDocument, info: PdfInfo, styles: _Styles
) -> Callable[[Canvas, int, int], None]:
    regular, bold = styles.fonts

    def decorate(canvas: Canvas, number: int, total: int) -> None:
        canvas.saveState()
        top = PAGE_HEIGHT - 8 * mm
        canvas.setFont(regular, 7.5)
        canvas.setFillColor(GREY)
        if number > 1:  # the first page has the letterhead; later ones repeat the header
            canvas.drawString(MARGIN_X, top, doc.running)
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.3)
            canvas.line(MARGIN_X, top - 2.6 * mm, PAGE_WIDTH - MARGIN_X, top - 2.6 * mm)
        else:
            top = PAGE_HEIGHT - 6 * mm
        if doc.mark:
            canvas.setFont(bold, 10)
            width = canvas.stringWidth(doc.mark, bold, 10)
            x = PAGE_WIDTH - MARGIN_X - width
            canvas.setStrokeColor(MARK_RED)
            canvas.setFillColor(MARK_RED)
            canvas.setLineWidth(1)
            canvas.rect(x - 2 * mm, top - 1.6 * mm, width + 4 * mm, 5.6 * mm, stroke=1, fill=0)
            canvas.drawString(x, top, doc.mark)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.3)
        bottom = 6 * mm
        canvas.line(MARGIN_X, bottom + 3.6 * mm, PAGE_WIDTH - MARGIN_X, bottom + 3.6 * mm)
        canvas.setFillColor(GREY)
        _footer_code(canvas, regular, f"Kode verifikasi: {info.payload}", bottom)
        canvas.setFont(regular, 7.5)
        page = f"halaman {number}/{total}"
        right = PAGE_WIDTH - MARGIN_X
        if info.fingerprint:
            canvas.drawRightString(right, bottom - 1.6 * mm, page)
            canvas.setFont(regular, 6.2)
            canvas.drawRightString(right, bottom + 1.2 * mm, f"sidik kunci {info.fingerprint}")
        else:
            canvas.drawRightString(right, bottom, page)
        canvas.restoreState()

    return decorate


def _footer_code(canvas: Canvas, font: str, text: str, bottom: float) -> None:
    """The payload as text along the footer (typed in when a QR reader is not at hand): one
    line, its font shrunk to fit beside the page number; two lines (split before the
    signature) when even 5 pt is too wide."""
    width = PAGE_WIDTH - 2 * MARGIN_X - 42 * mm
    size = 6.2
    while size > 5 and canvas.stringWidth(text, font, size) > width:
        size -= 0.2
    if canvas.stringWidth(text, font, size) <= width:
        canvas.setFont(font, size)
        canvas.drawString(MARGIN_X, bottom, text)
        return
    head, _, signature = text.rpartition("|")
    size = 6.2
    while size > 4 and canvas.stringWidth(signature, font, size) > width:
        size -= 0.2
    canvas.setFont(font, size)
    canvas.drawString(MARGIN_X, bottom + size * 0.55, head + "|")
    canvas.drawString(MARGIN_X, bottom - size * 0.55, signature)


def _numbered_canvas(decorate: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas that keeps each page until the end, so the header and footer know the total."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                decorate(self, number, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


def _page_template(name: str, top: float) -> PageTemplate:
    height = PAGE_HEIGHT - top - MARGIN_BOTTOM
    frame = Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        FRAME_WIDTH,
        height,
        id=name,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    return PageTemplate(id=name, frames=[frame], pagesize=A4)


def build_pdf(doc: markup.SlipDocument, info: PdfInfo) -> bytes:
    """The whole PDF in memory."""
    styles = _Styles()
    story: list[Flowable] = [NextPageTemplate("later")]
    story += _letterhead(doc, info, styles) + _flowables(doc.body, styles)
    if doc.cut is not None:
        receipt = [Spacer(1, 2.5 * mm), CutLine(doc.cut, styles.fonts[0]), Spacer(1, 0.5 * mm)]
        story.append(KeepTogether(receipt + _flowables(doc.receipt, styles, keep_signed=False)))
    buffer = io.BytesIO()
    template = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        pageTemplates=[
            _page_template("first", MARGIN_TOP_FIRST),
            _page_template("later", MARGIN_TOP),
        ],
        title=info.title,
        author=info.author,
        subject=info.subject,
        keywords=info.payload,
        creator="Asisten Wawancara",
    )
    template.build(story, canvasmaker=_numbered_canvas(_page_decorator(doc, info, styles)))
    return buffer.getvalue()
