"""Accessible charts drawn on the server as inline SVG: no script, readable in a PDF.

Each chart is ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` (what it shows, and the
latest month's numbers in words), and is always shown with a table of the real numbers. Colour is
never the only cue: every series of a stacked bar has its own pattern as well as its colour,
with a key beside the chart; every line has its own marker shape and is labelled at its end.
Colours are dark enough against white (WCAG 1.4.11, 3:1 for graphics).

Only presentation attributes are used (``fill``, ``stroke``): the site's Content Security
Policy forbids style attributes, and attributes are not styles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 760, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 150, 16, 44
# Dark, distinct colours (each at least 3:1 against white), and a pattern for each.
COLOURS = ("#1d4f91", "#b34700", "#2e6b30", "#6b2d7a", "#8a1c1c", "#005f73", "#4a4a4a")
PATTERNS = ("solid", "diagonal", "dots", "cross", "horizontal", "vertical", "reverse")
MARKERS = ("circle", "square", "triangle", "diamond")


@dataclass(frozen=True)
class SeriesData:
    name: str
    values: tuple[int | None, ...]  # None: not shown (too small to show safely)


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    description: str
    unit: str  # "people", "£", "hours"...
    months: tuple[dt.date, ...]
    series: tuple[SeriesData, ...]
    kind: str  # "stacked" or "lines"
    svg: SafeString = field(default=mark_safe(""))


def month_label(month: dt.date) -> str:
    return f"{month:%b %y}"


def _nice_max(value: float, unit: str = "") -> float:
    """A round top for the scale; counts never get a scale below 4, so every tick is whole."""
    if unit != "£" and value < 4:
        return 4.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10.0 * magnitude  # pragma: no cover


def _format_tick(value: float, unit: str) -> str:
    text = f"{value:,.0f}" if value >= 10 or value == int(value) else f"{value:,.1f}"
    return f"£{text}" if unit == "£" else text


def _pattern_defs(chart_id: str, count: int) -> str:
    parts = []
    for index in range(count):
        colour = COLOURS[index % len(COLOURS)]
        pattern = PATTERNS[index % len(PATTERNS)]
        pid = f"{chart_id}-p{index}"
        marks = {
            "solid": "",
            "diagonal": '<path d="M0,8 L8,0" stroke="#ffffff" stroke-width="2"/>',
            "dots": '<circle cx="4" cy="4" r="1.6" fill="#ffffff"/>',
            "cross": '<path d="M0,0 L8,8 M8,0 L0,8" stroke="#ffffff" stroke-width="1.5"/>',
            "horizontal": '<path d="M0,4 L8,4" stroke="#ffffff" stroke-width="2"/>',
            "vertical": '<path d="M4,0 L4,8" stroke="#ffffff" stroke-width="2"/>',
            "reverse": '<path d="M0,0 L8,8" stroke="#ffffff" stroke-width="2"/>',
        }[pattern]
        parts.append(
            f'<pattern id="{pid}" width="8" height="8" patternUnits="userSpaceOnUse">'
            f'<rect width="8" height="8" fill="{colour}"/>{marks}</pattern>'
        )
    return "<defs>" + "".join(parts) + "</defs>"


def _axes(top_value: float, unit: str, months: Sequence[dt.date]) -> list[str]:
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    parts = []
    for step in range(5):
        value = top_value * step / 4
        y = TOP + plot_h - plot_h * step / 4
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" '
            f'stroke="#b1b4b6" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="#0b0c0c">{escape(_format_tick(value, unit))}</text>'
        )
    every = max(1, len(months) // 9 + (1 if len(months) % 9 else 0))
    slot = plot_w / max(1, len(months))
    for index, month in enumerate(months):
        if index % every and index != len(months) - 1:
            continue
        x = LEFT + slot * (index + 0.5)
        parts.append(
            f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" font-size="12" '
            f'fill="#0b0c0c">{escape(month_label(month))}</text>'
        )
    parts.append(
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}" y2="{TOP + plot_h}" '
        f'stroke="#0b0c0c" stroke-width="1"/>'
    )
    return parts


def _open(chart: Chart) -> str:
    chart_id = f"chart-{chart.key}"
    return str(
        format_html(
            '<svg role="img" aria-labelledby="{0}-title {0}-desc" viewBox="0 0 {1} {2}" '
            'width="100%" class="chart" xmlns="http://www.w3.org/2000/svg">'
            '<title id="{0}-title">{3}</title><desc id="{0}-desc">{4}</desc>',
            chart_id,
            WIDTH,
            HEIGHT,
            chart.title,
            chart.description,
        )
    )


def stacked_bars(chart: Chart) -> SafeString:
    """A bar a month, each series a patterned block on the one below; the key on the right."""
    chart_id = f"chart-{chart.key}"
    months = chart.months
    totals = [sum(s.values[i] or 0 for s in chart.series) for i in range(len(months))]
    top_value = _nice_max(max(totals, default=0), chart.unit)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(1, len(months))
    bar_w = max(2.0, slot * 0.7)
    parts = [_open(chart), _pattern_defs(chart_id, len(chart.series))]
    parts += _axes(top_value, chart.unit, months)
    for index in range(len(months)):
        base = 0.0
        x = LEFT + slot * index + (slot - bar_w) / 2
        for number, series in enumerate(chart.series):
            value = series.values[index] or 0
            if value <= 0:
                continue
            height = plot_h * value / top_value
            y = TOP + plot_h - plot_h * base / top_value - height
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{height:.1f}" '
                f'fill="url(#{chart_id}-p{number})" stroke="#ffffff" stroke-width="0.5"/>'
            )
            base += value
    parts += _key(chart_id, chart.series)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above went through escape()


def lines(chart: Chart) -> SafeString:
    """A line a series, each with its own marker shape and its name at its last point."""
    months = chart.months
    values = [v for s in chart.series for v in s.values if v is not None]
    top_value = _nice_max(max(values, default=0), chart.unit)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(1, len(months))
    parts = [_open(chart)]
    parts += _axes(top_value, chart.unit, months)
    labels: list[tuple[float, float, str, str]] = []
    for number, series in enumerate(chart.series):
        colour = COLOURS[number % len(COLOURS)]
        points = [
            (LEFT + slot * (i + 0.5), TOP + plot_h - plot_h * v / top_value)
            for i, v in enumerate(series.values)
            if v is not None
        ]
        if not points:
            continue
        dash = ' stroke-dasharray="6 3"' if number % 2 else ""
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"{dash}/>'
        )
        marker = MARKERS[number % len(MARKERS)]
        for x, y in points:
            parts.append(_marker(marker, x, y, colour))
        labels.append((points[-1][1], points[-1][0], series.name, colour))
    # Each line's name beside its last point, moved apart where lines end close together.
    placed = -100.0
    for y, x, name, colour in sorted(labels):
        y = max(y + 4, placed + 14)
        placed = y
        parts.append(
            f'<text x="{x + 8:.1f}" y="{y:.1f}" font-size="12" fill="{colour}">'
            f"{escape(name)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above went through escape()


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>'
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    if shape == "triangle":
        return (
            f'<path d="M{x:.1f},{y - 5:.1f} L{x + 5:.1f},{y + 4:.1f} L{x - 5:.1f},{y + 4:.1f} Z" '
            f'fill="{colour}"/>'
        )
    return (
        f'<path d="M{x:.1f},{y - 5:.1f} L{x + 5:.1f},{y:.1f} L{x:.1f},{y + 5:.1f} '
        f'L{x - 5:.1f},{y:.1f} Z" fill="{colour}"/>'
    )


def _key(chart_id: str, series: Sequence[SeriesData]) -> list[str]:
    parts = []
    x = WIDTH - RIGHT + 14
    for number, item in enumerate(reversed(series)):
        index = len(series) - 1 - number
        y = TOP + 6 + number * 22
        parts.append(
            f'<rect x="{x}" y="{y}" width="14" height="14" fill="url(#{chart_id}-p{index})" '
            f'stroke="#0b0c0c" stroke-width="0.5"/>'
            f'<text x="{x + 20}" y="{y + 11}" font-size="12" fill="#0b0c0c">'
            f"{escape(item.name)}</text>"
        )
    return parts


def draw(chart: Chart) -> Chart:
    """The chart with its SVG."""
    svg = stacked_bars(chart) if chart.kind == "stacked" else lines(chart)
    return Chart(
        key=chart.key,
        title=chart.title,
        description=chart.description,
        unit=chart.unit,
        months=chart.months,
        series=chart.series,
        kind=chart.kind,
        svg=svg,
    )
