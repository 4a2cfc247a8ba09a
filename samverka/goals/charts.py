"""Server-rendered SVG line charts: one indicator over the years, the whole area and each member.

The chart is an image with a text alternative; the data table under it is the accessible form.
The whole area is told apart from the members by a thick line with round markers (not by colour
alone), targets by a dashed line with square markers.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from samverka.lib.money import format_number

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 78, 110, 16, 34


@dataclass
class Series:
    label: str
    points: dict[int, Decimal]
    kind: str = "member"  # "region", "member" or "target"


def nice_step(span: float, ticks: int = 5) -> float:
    raw = span / ticks if span > 0 else 1.0
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def line_chart(
    chart_id: str, title: str, series: list[Series], unit: str, decimals: int = 0
) -> SafeString:
    points = [v for s in series for v in s.points.values()]
    years = sorted({y for s in series for y in s.points})
    if not points or not years:
        return mark_safe("")
    low = min(0.0, min(float(v) for v in points))
    high = max(float(v) for v in points)
    step = nice_step(high - low)
    low = math.floor(low / step) * step
    high = math.ceil(high / step) * step or step
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    first, last = years[0], years[-1]

    def x(year: int) -> float:
        return LEFT + (plot_w / 2 if first == last else (year - first) / (last - first) * plot_w)

    def y(value: Decimal) -> float:
        return TOP + plot_h - (float(value) - low) / (high - low) * plot_h

    parts = []
    tick = low
    while tick <= high + step / 2:
        ty = TOP + plot_h - (tick - low) / (high - low) * plot_h
        parts.append(
            format_html(
                '<line class="grid" x1="{}" x2="{}" y1="{}" y2="{}"/>'
                '<text class="tick" x="{}" y="{}" text-anchor="end">{}</text>',
                LEFT,
                LEFT + plot_w,
                ty,
                ty,
                LEFT - 6,
                ty + 4,
                format_number(Decimal(str(round(tick, 6))), _tick_decimals(step)),
            )
        )
        tick += step
    for year in years:
        parts.append(
            format_html(
                '<text class="tick" x="{}" y="{}" text-anchor="middle">{}</text>',
                x(year),
                HEIGHT - BOTTOM + 18,
                year,
            )
        )
    order = {"member": 0, "target": 1, "region": 2}
    for s in sorted(series, key=lambda s: order[s.kind]):
        coords = [(_n(x(yr)), _n(y(v))) for yr, v in sorted(s.points.items())]
        path = " ".join(f"{cx},{cy}" for cx, cy in coords)
        parts.append(
            format_html(
                '<polyline class="{}" points="{}"><title>{}</title></polyline>',
                s.kind,
                path,
                s.label,
            )
        )
        if s.kind == "region":
            parts.append(
                format_html_join("", '<circle class="region" cx="{}" cy="{}" r="4"/>', coords)
            )
        elif s.kind == "target":
            parts.append(
                format_html_join(
                    "",
                    '<rect class="target" x="{}" y="{}" width="7" height="7"/>',
                    ((_n(float(cx) - 3.5), _n(float(cy) - 3.5)) for cx, cy in coords),
                )
            )
        if s.kind != "member" and coords:
            lx, ly = coords[-1]
            parts.append(
                format_html(
                    '<text class="label {}" x="{}" y="{}">{}</text>',
                    s.kind,
                    _n(float(lx) + 8),
                    _n(float(ly) + 4),
                    s.label,
                )
            )
    region = next((s for s in series if s.kind == "region"), None)
    summary = _summary(
        title, region, unit, decimals, len([s for s in series if s.kind == "member"])
    )
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}">'
        '<title id="{}">{}</title>'
        '<line class="axis" x1="{}" x2="{}" y1="{}" y2="{}"/>{}</svg>',
        WIDTH,
        HEIGHT,
        chart_id,
        chart_id,
        summary,
        LEFT,
        LEFT + plot_w,
        TOP + plot_h,
        TOP + plot_h,
        mark_safe("".join(parts)),  # noqa: S308 – every part is built with format_html
    )


def _n(value: float) -> str:
    return f"{value:.1f}"


def _tick_decimals(step: float) -> int:
    return max(0, -Decimal(str(step)).normalize().as_tuple().exponent)


def _summary(title: str, region: Series | None, unit: str, decimals: int, members: int) -> str:
    text = f"Diagram: {title}."
    if region and region.points:
        years = sorted(region.points)
        a, b = years[0], years[-1]
        fmt = lambda v: f"{format_number(v, decimals)} {unit}".strip()  # noqa: E731
        text += f" {region.label}: {fmt(region.points[a])} år {a}"
        if b != a:
            text += f", {fmt(region.points[b])} år {b}"
        text += "."
    if members:
        text += f" Tunna linjer: {members} medlemskommuner."
    return text + " Alla värden finns i tabellen under diagrammet."
