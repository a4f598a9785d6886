"""Accessible SVG charts, drawn on the server: no script, no external chart service.

Every chart is an ``<svg role="img">`` named by its ``<title>`` and described by its
``<desc>`` (the text summary); the page also shows the numbers as a table, which is what a
screen reader user will prefer. Every string passes through ``format_html`` / ``escape``.
"""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .statistics import Dataset

# Narrow on purpose: the SVG scales down to fit a phone (about 330 px wide at 360 px), and its
# text scales with it. At 400 units wide, 16-unit text is still about 13 px there (it was
# 6 px with the old 720-unit chart); on a wide screen the chart keeps its natural size.
WIDTH = 400
FONT_SIZE = 16
VALUE_WIDTH = 48
LABEL_HEIGHT = 20  # each bar's label sits on its own line above the bar, using the full width
BAR_HEIGHT = 16
BAR_GAP = 8
PADDING = 4
LABEL_CHARS = 44
BAR_COLOUR = "#0b4f8a"  # the brand blue: 8.6:1 against white, well above 3:1 for graphics
TEXT_COLOUR = "#1b1b1b"
AXIS_COLOUR = "#5a6470"


def _short(label: str, limit: int = LABEL_CHARS) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _svg_open(chart_id: str, dataset: Dataset, summary: str, height: int) -> SafeString:
    return format_html(
        '<svg class="chart" id="{id}" role="img" aria-labelledby="{id}-title {id}-desc" '
        'viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>',
        id=chart_id,
        w=WIDTH,
        h=height,
        title=dataset.title,
        desc=summary,
    )


def bar_chart(chart_id: str, dataset: Dataset, summary: str) -> SafeString:
    """Horizontal bars, one per row: the label on a line above the bar, the value after it."""
    rows = dataset.rows
    row_height = LABEL_HEIGHT + BAR_HEIGHT + BAR_GAP
    height = PADDING * 2 + max(len(rows), 1) * row_height
    scale_width = WIDTH - 2 * PADDING - VALUE_WIDTH
    maximum = max(dataset.maximum, 1)
    parts = [_svg_open(chart_id, dataset, summary, height)]
    for index, row in enumerate(rows):
        top = PADDING + index * row_height
        bar_y = top + LABEL_HEIGHT
        width = round(scale_width * row.count / maximum, 1)
        parts.append(
            format_html(
                '<g><text x="{x}" y="{ly}" fill="{tc}" font-size="{fs}">{label}</text>'
                '<line x1="{x}" y1="{y}" x2="{x}" y2="{ye}" stroke="{ac}" stroke-width="1"/>'
                '<rect x="{x}" y="{y}" width="{bw}" height="{bh}" fill="{bc}" rx="2"/>'
                '<text x="{vx}" y="{vy}" fill="{tc}" font-size="{fs}">{value}</text></g>',
                x=PADDING,
                ly=bar_y - 5,
                tc=TEXT_COLOUR,
                fs=FONT_SIZE,
                label=_short(row.label),
                y=bar_y,
                ye=bar_y + BAR_HEIGHT,
                ac=AXIS_COLOUR,
                bw=width,
                bh=BAR_HEIGHT,
                bc=BAR_COLOUR,
                vx=PADDING + width + 6,
                vy=bar_y + BAR_HEIGHT - 3,
                value=number_format(row.count),
            )
        )
    parts.append(mark_safe("</svg>"))  # noqa: S308 - a constant closing tag
    return SafeString("".join(parts))


def column_chart(chart_id: str, dataset: Dataset, summary: str) -> SafeString:
    """Vertical columns over time (one per year), the value above each column."""
    rows = dataset.rows
    chart_height = 160
    top = 24
    bottom = 28
    height = top + chart_height + bottom
    maximum = max(dataset.maximum, 1)
    slot = (WIDTH - 2 * PADDING) / max(len(rows), 1)
    column = min(56.0, slot * 0.7)
    parts = [_svg_open(chart_id, dataset, summary, height)]
    baseline = top + chart_height
    parts.append(
        format_html(
            '<line x1="{x1}" y1="{y}" x2="{x2}" y2="{y}" stroke="{c}" stroke-width="1"/>',
            x1=PADDING,
            x2=WIDTH - PADDING,
            y=baseline,
            c=AXIS_COLOUR,
        )
    )
    for index, row in enumerate(rows):
        centre = PADDING + slot * index + slot / 2
        h = round(chart_height * row.count / maximum, 1)
        parts.append(
            format_html(
                '<g><rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{bc}" rx="2"/>'
                '<text x="{cx}" y="{vy}" text-anchor="middle" fill="{tc}" font-size="{fs}">{value}'
                "</text>"
                '<text x="{cx}" y="{ly}" text-anchor="middle" fill="{tc}" font-size="{fs}">{label}'
                "</text></g>",
                x=round(centre - column / 2, 1),
                y=round(baseline - h, 1),
                w=round(column, 1),
                h=h,
                bc=BAR_COLOUR,
                cx=round(centre, 1),
                vy=round(baseline - h - 6, 1),
                tc=TEXT_COLOUR,
                fs=FONT_SIZE if slot >= 48 else FONT_SIZE - 3,  # four-digit years side by side
                value=number_format(row.count),
                ly=baseline + 20,
                label=row.label,
            )
        )
    parts.append(mark_safe("</svg>"))  # noqa: S308 - a constant closing tag
    return SafeString("".join(parts))


def chart_for(dataset: Dataset, summary: str) -> SafeString:
    chart_id = f"chart-{escape(dataset.slug)}"
    if dataset.chart == "columns":
        return column_chart(chart_id, dataset, summary)
    return bar_chart(chart_id, dataset, summary)
