"""The recap's charts as reportlab drawings: interviews per day, a pie, and ranked bars."""

from __future__ import annotations

from datetime import date

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from interview_app.reports.fonts import register_fonts
from interview_app.reports.recap import Count, Recap

PALETTE = (
    colors.HexColor("#1f5f8b"),
    colors.HexColor("#e07b39"),
    colors.HexColor("#3a9d5d"),
    colors.HexColor("#c0392b"),
    colors.HexColor("#7d5ba6"),
    colors.HexColor("#b8a02a"),
    colors.HexColor("#4aa3c8"),
    colors.HexColor("#8c6d46"),
    colors.HexColor("#d35f9a"),
    colors.HexColor("#6c7a89"),
    colors.HexColor("#2c3e50"),
)
BAR_COLOUR = PALETTE[0]
AGGREGATE_COLOUR = colors.HexColor("#a0a7ad")
AXIS_FONT_SIZE = 6.5
NO_DATA = "Tidak ada data / No data"


def _drawing(width: float, height: float) -> Drawing:
    """A drawing whose starting font is DejaVu, so no Helvetica enters the PDF."""
    regular, _ = register_fonts()
    drawing = Drawing(width, height)
    drawing.initialFontName = regular
    return drawing


def _nice_step(maximum: int) -> int:
    """A value-axis step giving about five gridlines at round numbers."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if maximum / step <= 6:
            return step
    return max(1, maximum // 5)


def _empty(width: float, height: float) -> Drawing:
    regular, _ = register_fonts()
    drawing = _drawing(width, height)
    drawing.add(
        String(width / 2, height / 2, NO_DATA, fontName=regular, fontSize=9, textAnchor="middle"),
        name="chart",
    )
    return drawing


def _short_day(text: str) -> str:
    day = date.fromisoformat(text)
    return f"{day.day:02d}/{day.month:02d}"


def per_day_chart(recap: Recap, width: float, height: float) -> Drawing:
    """Vertical bars, one per day; a date label every few days so labels never overlap."""
    regular, _ = register_fonts()
    counts = recap.per_day
    if not counts:
        return _empty(width, height)
    drawing = _drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 28, 26
    # A few days must not become a few slabs across the page: at most ~24 pt per day.
    chart.width, chart.height = min(width - 36, max(60, 24 * len(counts))), height - 34
    chart.data = [tuple(c.count for c in counts)]
    every = max(1, len(counts) // 15 + (1 if len(counts) % 15 else 0))
    chart.categoryAxis.categoryNames = [
        _short_day(c.key) if index % every == 0 else "" for index, c in enumerate(counts)
    ]
    chart.categoryAxis.labels.fontName = regular
    chart.categoryAxis.labels.fontSize = AXIS_FONT_SIZE
    chart.categoryAxis.labels.angle = 45
    chart.categoryAxis.labels.boxAnchor = "ne"
    chart.categoryAxis.labels.dy = -2
    chart.categoryAxis.tickDown = 2
    chart.categoryAxis.visibleTicks = 0
    peak = max(c.count for c in counts)
    step = _nice_step(peak)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(step, ((peak + step - 1) // step) * step)
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = regular
    chart.valueAxis.labels.fontSize = AXIS_FONT_SIZE
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.bars[0].fillColor = BAR_COLOUR
    chart.bars[0].strokeColor = None
    chart.barSpacing = 0.5 if len(counts) > 40 else 1
    chart.groupSpacing = 1 if len(counts) > 40 else 4
    drawing.add(chart, name="chart")
    return drawing


def pie_chart(counts: list[Count], width: float, height: float, language: str = "id") -> Drawing:
    """A pie with a legend of label, count and share (no labels on thin slices)."""
    regular, _ = register_fonts()
    items = [c for c in counts if c.count > 0]
    if not items:
        return _empty(width, height)
    total = sum(c.count for c in items)
    drawing = _drawing(width, height)
    size = min(height - 10, width * 0.42)
    pie = Pie()
    pie.x, pie.y = 6, (height - size) / 2
    pie.width = pie.height = size
    pie.data = [c.count for c in items]
    pie.labels = None
    pie.simpleLabels = 1
    pie.startAngle = 90
    pie.direction = "clockwise"
    pie.slices.strokeColor = colors.white
    pie.slices.strokeWidth = 0.8
    for index in range(len(items)):
        pie.slices[index].fillColor = PALETTE[index % len(PALETTE)]
    drawing.add(pie, name="chart")
    legend = Legend()
    legend.x = size + 20
    legend.y = height / 2 + len(items) * 6.5
    legend.dx, legend.dy = 7, 7
    legend.fontName = regular
    legend.fontSize = 7.5
    legend.alignment = "right"
    legend.columnMaximum = 12
    legend.deltay = 13
    legend.colorNamePairs = [
        (
            PALETTE[index % len(PALETTE)],
            f"{item.label.text(language)}  {item.count} ({100 * item.count / total:.0f}%)",
        )
        for index, item in enumerate(items)
    ]
    drawing.add(legend, name="legend")
    return drawing


def ranked_bar_chart(
    counts: list[Count],
    width: float,
    height: float,
    *,
    label_width: float = 100,
    labels: list[str] | None = None,
    colour: colors.Color = BAR_COLOUR,
) -> Drawing:
    """Horizontal bars, largest at the top, each with its count at its end."""
    regular, _ = register_fonts()
    if not counts or all(c.count == 0 for c in counts):
        return _empty(width, height)
    names = labels if labels is not None else [c.label.id for c in counts]
    drawing = _drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, 14
    chart.width, chart.height = width - label_width - 26, height - 18
    # reportlab draws the first category at the bottom: reverse for largest on top.
    chart.data = [tuple(c.count for c in reversed(counts))]
    chart.categoryAxis.categoryNames = list(reversed(names))
    chart.categoryAxis.labels.fontName = regular
    chart.categoryAxis.labels.fontSize = AXIS_FONT_SIZE + 0.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -3
    chart.categoryAxis.visibleTicks = 0
    peak = max(c.count for c in counts)
    step = _nice_step(peak)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(step, ((peak + step - 1) // step) * step)
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = regular
    chart.valueAxis.labels.fontSize = AXIS_FONT_SIZE
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.bars[0].fillColor = colour
    chart.bars[0].strokeColor = None
    for index, item in enumerate(reversed(counts)):
        if not item.key:  # "others" or "not given": a sum, not a category of its own
            chart.bars[(0, index)].fillColor = AGGREGATE_COLOUR
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = regular
    chart.barLabels.fontSize = AXIS_FONT_SIZE
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    chart.barSpacing = 1
    chart.groupSpacing = 3
    drawing.add(chart, name="chart")
    return drawing


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
