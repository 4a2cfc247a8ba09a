"""The portfolio's timeline (Gantt), drawn as server-rendered SVG with `lib.svg`.

The axis runs from 1 January of the first project's start year to 31 December of the last
project's end year, with a tick for every year (labels thinned when they would touch) and, when
there is room, for every month. Each project is one row: its name above its bar, so the chart
needs no label column and stays readable on a 390 px phone. Only projects with a period are
drawn; the page lists the others beside the chart, and the table under it holds every figure.
"""

import datetime
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from samverka.lib import svg
from samverka.portfolio.models import Project

WIDTH = 480
FONT_SIZE = 14
MARGIN = 8
HEADER = 34  # year labels and the axis
ROW_HEIGHT = 44
BAR_HEIGHT = 16
FOOTER = 26  # the label of today's line
MIN_MONTH_PX = 3  # below this, month ticks would merge into a grey band

# Status → how the bar is filled; the text of the row says the status too (not colour alone).
SOLID = {"fill": svg.ACCENT}
HATCHED = {"fill": "url(#gantt-hatch)"}
LIGHT = {"fill": svg.ACCENT_LIGHT}
FILL = {
    Project.Status.IDEA: HATCHED,
    Project.Status.APPLICATION: HATCHED,
    Project.Status.CLOSED: LIGHT,
    Project.Status.REJECTED: LIGHT,
}


@dataclass(frozen=True)
class Bar:
    project: Project
    y: float
    x: float
    width: float
    text_y: float


@dataclass(frozen=True)
class Tick:
    year: int
    x: float
    label_x: float


@dataclass(frozen=True)
class Timeline:
    bars: list[Bar]
    ticks: list[Tick]
    months: list[float]
    today: datetime.date
    today_x: float | None
    width: int
    height: int
    first: datetime.date | None
    last: datetime.date | None


def build(projects: list[Project], today: datetime.date) -> Timeline:
    dated = [p for p in projects if p.start and p.end]
    if not dated:
        return Timeline([], [], [], today, None, WIDTH, HEADER, None, None)
    first = datetime.date(min(p.start.year for p in dated), 1, 1)
    last = datetime.date(max(p.end.year for p in dated), 12, 31)
    span = (last - first).days + 1
    scale = svg.Scale(0, span, MARGIN, WIDTH - MARGIN)

    def x_of(day: datetime.date) -> float:
        return round(scale((day - first).days), 1)

    bars = []
    for row, project in enumerate(dated):
        top = HEADER + row * ROW_HEIGHT
        x = x_of(project.start)
        width = max(round(x_of(project.end + datetime.timedelta(days=1)) - x, 1), 2.0)
        bars.append(Bar(project, top + 22, x, width, top + 16))
    ticks = []
    for year in range(first.year, last.year + 1):
        x = x_of(datetime.date(year, 1, 1))
        ticks.append(Tick(year, x, round((x + x_of(datetime.date(year, 12, 31))) / 2, 1)))
    months = [
        x_of(datetime.date(year, month, 1))
        for year in range(first.year, last.year + 1)
        for month in range(2, 13)
    ]
    if (WIDTH - 2 * MARGIN) / (12 * len(ticks)) < MIN_MONTH_PX:
        months = []
    today_x = x_of(today) if first <= today <= last else None
    height = HEADER + len(dated) * ROW_HEIGHT + FOOTER
    return Timeline(bars, ticks, months, today, today_x, WIDTH, height, first, last)


def render(timeline: Timeline) -> SafeString:
    if not timeline.bars:
        return mark_safe("")
    # Today's line goes under the rows, whose names wear a white halo so that neither the
    # line nor the year grid cuts through the text.
    parts = [_hatch(), _axis(timeline), _today(timeline)]
    # The status names once, not a translation lookup per bar (300 projects).
    statuses = {value: str(label) for value, label in Project.Status.choices}
    parts += [_row(bar, statuses) for bar in timeline.bars]
    return mark_safe(  # noqa: S308 – every text and attribute is escaped by lib.svg
        svg.document(
            chart_id="gantt",
            width=timeline.width,
            height=timeline.height,
            label=_("Tidslinje"),
            description=_description(timeline),
            body="".join(parts),
            css_class="chart gantt-chart",
            font_size=FONT_SIZE,
        )
    )


def _description(timeline: Timeline) -> str:
    values = {
        "n": len(timeline.bars),
        "first": timeline.first.year,
        "last": timeline.last.year,
        "today": timeline.today.isoformat(),
    }
    if timeline.today_x is None:
        return (
            _(
                "Tidslinje för %(n)s projekt %(first)s–%(last)s. Samma uppgifter finns i "
                "tabellen under diagrammet."
            )
            % values
        )
    return (
        _(
            "Tidslinje för %(n)s projekt %(first)s–%(last)s, med dagens datum %(today)s "
            "markerat. Samma uppgifter finns i tabellen under diagrammet."
        )
        % values
    )


def _hatch() -> str:
    """Stripes for ideas and applications: told apart from granted projects without colour."""
    stripes = svg.element("rect", width="6", height="6", fill=svg.WHITE) + svg.element(
        "line", x1="0", y1="0", x2="0", y2="6", stroke=svg.ACCENT, stroke_width="3"
    )
    pattern = svg.element(
        "pattern",
        stripes,
        id="gantt-hatch",
        width="6",
        height="6",
        patternUnits="userSpaceOnUse",
        patternTransform="rotate(45)",
    )
    return svg.element("defs", pattern)


def _axis(timeline: Timeline) -> str:
    bottom = timeline.height - FOOTER
    axis_y = HEADER - 6
    parts = [
        svg.element(
            "line",
            class_="gantt-axis",
            x1=MARGIN,
            x2=WIDTH - MARGIN,
            y1=axis_y,
            y2=axis_y,
            stroke=svg.MUTED,
            stroke_width="1",
        )
    ]
    for x in timeline.months:
        parts.append(
            svg.element(
                "line",
                class_="gantt-month",
                x1=x,
                x2=x,
                y1=axis_y - 4,
                y2=axis_y,
                stroke=svg.MUTED,
                stroke_width="0.75",
            )
        )
    for tick in timeline.ticks:
        parts.append(
            svg.element(
                "line",
                class_="gantt-grid",
                x1=tick.x,
                x2=tick.x,
                y1=axis_y - 10,
                y2=bottom,
                stroke=svg.GREY,
                stroke_width="1",
                stroke_dasharray="2 3",
            )
        )
    positions = [tick.label_x for tick in timeline.ticks]
    widths = [svg.text_width(str(tick.year), FONT_SIZE, bold=True) for tick in timeline.ticks]
    for i in svg.thin(positions, widths):
        tick = timeline.ticks[i]
        parts.append(
            svg.text(
                tick.label_x,
                axis_y - 10,
                tick.year,
                class_="gantt-year",
                text_anchor="middle",
                font_weight="bold",
            )
        )
    return "".join(parts)


def _row(bar: Bar, statuses: dict[str, str]) -> str:
    project = bar.project
    status = statuses.get(project.status, project.status)
    label = project.name
    if project.status != Project.Status.RUNNING:
        label += f" ({status})"
    tip = f"{project.name}: {project.start:%Y-%m-%d} – {project.end:%Y-%m-%d} ({status})"
    shown = svg.truncate(label, WIDTH - 2 * MARGIN, FONT_SIZE)
    rect = svg.element(
        "rect",
        class_=f"gantt-bar gantt-{project.status}",
        x=bar.x,
        y=bar.y,
        width=bar.width,
        height=BAR_HEIGHT,
        stroke=svg.ACCENT,
        stroke_width="1.5",
        **FILL.get(project.status, SOLID),
    )
    name = svg.text(MARGIN, bar.text_y, shown, class_="gantt-label", **svg.HALO)
    return svg.element("g", svg.title(tip) + name + rect)


def _today(timeline: Timeline) -> str:
    if timeline.today_x is None:
        return ""
    x = timeline.today_x
    bottom = timeline.height - FOOTER
    label = f"{_('i dag')} {timeline.today.isoformat()}"
    half = svg.text_width(label, FONT_SIZE, bold=True) / 2
    # Centred under the line, unless that would run off either side of the chart.
    anchor = "middle"
    if x - half < MARGIN:
        anchor = "start"
    elif x + half > WIDTH - MARGIN:
        anchor = "end"
    return svg.element(
        "line",
        class_="gantt-today",
        x1=x,
        x2=x,
        y1=HEADER - 14,
        y2=bottom + 4,
        stroke=svg.ERROR,
        stroke_width="2",
        stroke_dasharray="4 3",
    ) + svg.text(
        x,
        bottom + 19,
        label,
        class_="gantt-today-label",
        text_anchor=anchor,
        fill=svg.ERROR,
        font_weight="bold",
    )
