"""News volume per week, drawn as inline SVG: a sparkline for the index, a stacked bar chart for a pledge.

Inline SVG needs no script and no library, prints, scales to a phone's width, and loads nothing.
Each chart carries a text alternative (`role="img"` and a label saying what it shows in numbers).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from matcher import Signal
from report.html import Html, element, join
from report.words import day, plural
from tracker import Evidence

WEEK = timedelta(days=7)
SPARK_WEEKS = 26
"""Half a year on the index: long enough to show a trend, short enough to fit a table cell."""
CHART_WEEKS = 52
"""A year on a pledge's page: a full cycle of meetings, budgets and seasons."""
SIGNAL_COLOURS = {Signal.PROGRESS: "#15803d", Signal.SETBACK: "#b91c1c", Signal.MENTION: "#6b7280"}
STACK_ORDER = (Signal.PROGRESS, Signal.SETBACK, Signal.MENTION)


@dataclass(frozen=True, slots=True)
class Week:
    """Articles published in the seven days from `start` (a UTC date), by signal."""

    start: date
    counts: dict[Signal, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def weekly_counts(evidence: Sequence[Evidence], now: datetime, weeks: int) -> list[Week]:
    """The last `weeks` weeks, oldest first; the last one ends at `now`. Articles are counted, not stories:
    this is how much was written."""
    buckets = [dict.fromkeys(Signal, 0) for _ in range(weeks)]
    for item in evidence:
        age = now - item.published
        if age.total_seconds() < 0:
            continue
        ago = int(age / WEEK)
        if ago < weeks:
            buckets[weeks - 1 - ago][item.signal] += 1
    return [Week((now - WEEK * (weeks - index)).date(), counts) for index, counts in enumerate(buckets)]


def sparkline(weeks: Sequence[Week], width: int = 120, height: int = 28) -> Html:
    """A line of the weekly totals, with the last week marked; the label gives the total and the busiest week."""
    totals = [week.total for week in weeks]
    peak = max(totals, default=0)
    label = (
        f"Articles per week over the last {len(weeks)} weeks: {sum(totals)} in all, at most {peak} in one week"
        if peak
        else f"No articles in the last {len(weeks)} weeks"
    )
    step = (width - 4) / max(len(totals) - 1, 1)
    points = [
        (2 + index * step, height - 3 - (total / peak if peak else 0) * (height - 6))
        for index, total in enumerate(totals)
    ]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    area = f"2,{height - 3} {line} {points[-1][0]:.1f},{height - 3}"
    last_x, last_y = points[-1]
    return element(
        "svg",
        {
            "class": "sparkline",
            "width": width,
            "height": height,
            "viewBox": f"0 0 {width} {height}",
            "role": "img",
            "aria-label": label,
        },
        element("title", None, label),
        element("polygon", {"points": area, "fill": "#dbeafe"}),
        element("polyline", {"points": line, "fill": "none", "stroke": "#1d4ed8", "stroke-width": 1.5}),
        element("circle", {"cx": f"{last_x:.1f}", "cy": f"{last_y:.1f}", "r": 2, "fill": "#1d4ed8"}),
    )


def bar_chart(weeks: Sequence[Week]) -> Html:
    """Weekly bars stacked by signal (progress at the base), the busiest week reaching the top.

    The dates and the scale are written under the chart in HTML, not in the SVG: text inside a chart
    that scales to the screen's width would shrink to nothing on a phone.
    """
    width, height = 640, 180
    peak = max((week.total for week in weeks), default=0)
    scale = (height - 4) / peak if peak else 0.0
    slot = width / max(len(weeks), 1)
    total = sum(week.total for week in weeks)
    first, last = day(weeks[0].start), day(weeks[-1].start + WEEK - timedelta(days=1))
    label = f"Articles per week from {first} to {last}: {plural(total, 'article')}, at most {peak} in one week"
    svg = element(
        "svg",
        {"class": "chart", "viewBox": f"0 0 {width} {height}", "role": "img", "aria-label": label},
        element("title", None, label),
        element("line", {"x1": 0, "y1": 4, "x2": width, "y2": 4, "stroke": "#d1d5db", "stroke-dasharray": "4 3"}),
        element("line", {"x1": 0, "y1": height, "x2": width, "y2": height, "stroke": "#6b7280", "stroke-width": 2}),
        *(_bar(week, index * slot, slot, height, scale) for index, week in enumerate(weeks)),
    )
    busiest = f"dashed line: {plural(peak, 'article')} in the busiest week" if peak else "no articles in this year"
    axis = element(
        "p",
        {"class": "axis", "aria-hidden": "true"},
        element("span", None, first),
        element("span", None, busiest),
        element("span", None, last),
    )
    return join([svg, axis])


def _bar(week: Week, x: float, slot: float, base: float, scale: float) -> Html | None:
    if not week.total:
        return None
    rectangles = []
    y = base
    for signal in STACK_ORDER:
        tall = week.counts[signal] * scale
        if tall:
            y -= tall
            rectangles.append(
                element(
                    "rect",
                    {
                        "x": f"{x + slot * 0.12:.1f}",
                        "y": f"{y:.1f}",
                        "width": f"{slot * 0.76:.1f}",
                        "height": f"{tall:.1f}",
                        "fill": SIGNAL_COLOURS[signal],
                    },
                )
            )
    counts = ", ".join(f"{week.counts[signal]} {signal.value}" for signal in STACK_ORDER)
    return element("g", None, element("title", None, f"Week of {day(week.start)}: {counts}"), join(rectangles))
