"""Server-rendered SVG line charts: one indicator over the years, the whole area, the members'
spread and the members a reader chose.

Drawn with `lib.svg` (the same helper as the project timeline). The chart is an image with a
text alternative; the data table under it is the accessible form. The whole area is told apart
from the members by a thick line with round markers (not by colour alone), targets by a dashed
line with square markers, chosen members by a thinner dark grey line with small markers and
their name at the end. The members as a whole are a grey band from the lowest to the highest
value each year: with 150 members, 150 lines would be a grey mass. The value axis fits the
data (see `svg.fit_axis`), and the end labels are pushed apart so they never overlap.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.safestring import SafeString, mark_safe

from samverka.lib import svg
from samverka.lib.money import format_number

WIDTH, HEIGHT = 480, 300
FONT_SIZE = 15
TOP, BOTTOM = 30, 34  # room for the unit above the plot and the years below it
INSET = 10  # keeps the first and last year's markers off the axes
LABEL_GAP = 8
LINE_HEIGHT = FONT_SIZE * 1.25
LABEL_MAX_WIDTH = 120  # a chosen member's name at the end of its line, shortened beyond this
BAND_FILL = "#e4e4e4"  # inside GREY outlines (3.4:1 against white)


@dataclass
class Series:
    label: str
    points: dict[int, Decimal]
    kind: str = "member"  # "region", "member", "chosen" or "target"


@dataclass
class Band:
    """The members' lowest and highest value each year, drawn as one grey area."""

    label: str
    low: dict[int, Decimal]
    high: dict[int, Decimal]
    members: int


def line_chart(
    chart_id: str,
    title: str,
    series: list[Series],
    unit: str,
    decimals: int = 0,
    band: Band | None = None,
) -> SafeString:
    values = [v for s in series for v in s.points.values()]
    years = {y for s in series for y in s.points}
    if band:
        values += [*band.low.values(), *band.high.values()]
        years |= set(band.low)
    years = sorted(years)
    if not values:
        return mark_safe("")
    ticks = svg.fit_axis(values)
    tick_labels = ticks.labels()
    for s in series:
        if s.kind == "chosen":
            s.label = svg.truncate(s.label, LABEL_MAX_WIDTH, FONT_SIZE)
    end_labelled = [s for s in series if s.kind != "member" and s.points]
    left = max(svg.text_width(t, FONT_SIZE) for t in tick_labels) + LABEL_GAP + 4
    right = max((svg.text_width(s.label, FONT_SIZE, bold=True) for s in end_labelled), default=0)
    right += LABEL_GAP + 4
    plot_left, plot_right = left, WIDTH - right
    plot_top, plot_bottom = TOP, HEIGHT - BOTTOM
    y = ticks.scale(plot_bottom, plot_top)
    x = svg.Scale(years[0], years[-1], plot_left + INSET, plot_right - INSET)

    parts = [_value_axis(ticks, tick_labels, y, plot_left, plot_right, unit)]
    parts.append(_year_axis(years, x, plot_bottom))
    if band and band.low:
        parts.append(_band(band, x, y, unit, decimals))
    order = {"member": 0, "chosen": 1, "target": 2, "region": 3}
    for s in sorted(series, key=lambda s: order[s.kind]):
        parts.append(_draw(s, x, y, plot_left, plot_right, unit, decimals))
    parts.append(_end_labels(end_labelled, y, plot_right, plot_top, plot_bottom))
    region = next((s for s in series if s.kind == "region"), None)
    members = len([s for s in series if s.kind == "member"])
    chosen = [s.label for s in series if s.kind == "chosen"]
    description = _summary(title, region, unit, decimals, members, band, chosen)
    return mark_safe(  # noqa: S308 – every text and attribute is escaped by lib.svg
        svg.document(
            chart_id=chart_id,
            width=WIDTH,
            height=HEIGHT,
            label=title,
            description=description,
            body="".join(parts),
            font_size=FONT_SIZE,
        )
    )


def _value_axis(ticks, labels, y, plot_left, plot_right, unit) -> str:
    parts = [svg.text(2, TOP - 14, unit, class_="unit", fill=svg.MUTED)]
    for value, label in zip(ticks.values, labels, strict=True):
        ty = y(value)
        parts.append(
            svg.element(
                "line",
                class_="grid",
                x1=plot_left,
                x2=plot_right,
                y1=ty,
                y2=ty,
                stroke=svg.GREY,
                stroke_width="0.75",
                stroke_dasharray="2 3",
            )
        )
        parts.append(
            svg.text(
                plot_left - LABEL_GAP,
                ty + FONT_SIZE * 0.35,
                label,
                class_="tick",
                text_anchor="end",
            )
        )
    bottom = y(ticks.low)
    parts.append(
        svg.element(
            "line",
            class_="axis",
            x1=plot_left,
            x2=plot_right,
            y1=bottom,
            y2=bottom,
            stroke=svg.MUTED,
            stroke_width="1",
        )
    )
    return "".join(parts)


def _year_axis(years: list[int], x: svg.Scale, plot_bottom: float) -> str:
    positions = [x(year) for year in years]
    widths = [svg.text_width(str(year), FONT_SIZE) for year in years]
    return "".join(
        svg.text(positions[i], plot_bottom + 22, years[i], class_="tick", text_anchor="middle")
        for i in svg.thin(positions, widths)
    )


def _band(band: Band, x, y, unit, decimals) -> str:
    """The area between the lowest and the highest member each year, outlined in grey."""
    years = sorted(band.low)
    upper = [(x(year), y(band.high[year])) for year in years]
    lower = [(x(year), y(band.low[year])) for year in reversed(years)]
    fmt = lambda v: f"{format_number(v, decimals)} {unit}".strip()  # noqa: E731
    tip = "; ".join(f"{year}: {fmt(band.low[year])}–{fmt(band.high[year])}" for year in years)
    outline = {"fill": "none", "stroke": svg.GREY, "stroke_width": "1"}
    return svg.element(
        "g",
        svg.title(f"{band.label}. {tip}")
        + svg.element("polygon", points=svg.points(upper + lower), fill=BAND_FILL)
        + svg.element("polyline", points=svg.points(upper), **outline)
        + svg.element("polyline", points=svg.points(lower[::-1]), **outline),
        class_="band",
    )


def _draw(s: Series, x, y, plot_left, plot_right, unit, decimals) -> str:
    coords = [(x(year), y(value)) for year, value in sorted(s.points.items())]
    tips = [
        f"{s.label} {year}: {format_number(value, decimals)} {unit}".strip()
        for year, value in sorted(s.points.items())
    ]
    if s.kind == "member":
        line = svg.element(
            "polyline",
            svg.title(s.label),
            class_="member",
            points=svg.points(coords),
            fill="none",
            stroke=svg.GREY,
            stroke_width="1.25",
        )
        if len(coords) > 1:
            return line
        ((cx, cy),) = coords
        return svg.element(
            "circle", svg.title(tips[0]), class_="member", cx=cx, cy=cy, r="2.5", fill=svg.GREY
        )
    if s.kind == "chosen":
        line = svg.element(
            "polyline",
            svg.title(s.label),
            class_="chosen",
            points=svg.points(coords),
            fill="none",
            stroke=svg.MUTED,
            stroke_width="2",
            stroke_linejoin="round",
        )
        marks = "".join(
            svg.element(
                "circle", svg.title(tip), class_="chosen", cx=cx, cy=cy, r="3", fill=svg.MUTED
            )
            for (cx, cy), tip in zip(coords, tips, strict=True)
        )
        return line + marks
    if s.kind == "target":
        dashed = {
            "fill": "none",
            "stroke": svg.WARNING,
            "stroke_width": "2",
            "stroke_dasharray": "6 4",
        }
        if len(coords) == 1:
            # One target year: a reference line across the whole plot, its year marked.
            line = svg.element(
                "line",
                svg.title(tips[0]),
                class_="target",
                x1=plot_left,
                x2=plot_right,
                y1=coords[0][1],
                y2=coords[0][1],
                **dashed,
            )
        else:
            line = svg.element(
                "polyline", svg.title(s.label), class_="target", points=svg.points(coords), **dashed
            )
        marks = "".join(
            svg.element(
                "rect",
                svg.title(tip),
                class_="target",
                x=cx - 4,
                y=cy - 4,
                width="8",
                height="8",
                fill=svg.WARNING,
            )
            for (cx, cy), tip in zip(coords, tips, strict=True)
        )
        return line + marks
    line = svg.element(
        "polyline",
        svg.title(s.label),
        class_="region",
        points=svg.points(coords),
        fill="none",
        stroke=svg.ACCENT,
        stroke_width="3",
        stroke_linejoin="round",
    )
    marks = "".join(
        svg.element(
            "circle",
            svg.title(tip),
            class_="region",
            cx=cx,
            cy=cy,
            r="4.5",
            fill=svg.ACCENT,
            stroke=svg.WHITE,
            stroke_width="1.5",
        )
        for (cx, cy), tip in zip(coords, tips, strict=True)
    )
    return line + marks


def _end_labels(labelled: list[Series], y, plot_right, plot_top, plot_bottom) -> str:
    """Each label beside the last value of its line, pushed apart so no two overlap."""
    wanted = [y(s.points[max(s.points)]) for s in labelled]
    centres = svg.place_labels(wanted, LINE_HEIGHT, plot_top, plot_bottom)
    colour = {"region": svg.ACCENT, "target": svg.WARNING, "chosen": svg.MUTED}
    return "".join(
        svg.text(
            plot_right + LABEL_GAP,
            centre + FONT_SIZE * 0.35,
            s.label,
            class_=f"label {s.kind}",
            fill=colour[s.kind],
            font_weight="bold",
        )
        for s, centre in zip(labelled, centres, strict=True)
    )


def _summary(
    title: str,
    region: Series | None,
    unit: str,
    decimals: int,
    members: int,
    band: Band | None = None,
    chosen: list[str] = (),
) -> str:
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
    if band and band.low:
        text += f" Grått fält: lägsta till högsta värdet bland {band.members} medlemskommuner."
    if chosen:
        text += f" Mörkgrå linjer: {', '.join(chosen)}."
    return text + " Alla värden finns i tabellen under diagrammet."
