"""Geometry of the portfolio's timeline (Gantt), drawn as server-rendered SVG.

The axis runs from 1 January of the first project's start year to 31 December of the last
project's end year; one pixel column per `scale` days. Only projects with a period are drawn;
the page lists the others beside the chart.
"""

import datetime
from dataclasses import dataclass

from samverka.portfolio.models import Project

WIDTH = 960
LABEL_WIDTH = 380
ROW_HEIGHT = 30
HEADER = 28


@dataclass(frozen=True)
class Bar:
    project: Project
    y: int
    x: float
    width: float
    text_y: int


@dataclass(frozen=True)
class Tick:
    year: int
    x: float
    label_x: float


@dataclass(frozen=True)
class Timeline:
    bars: list[Bar]
    ticks: list[Tick]
    today: datetime.date
    today_x: float | None
    width: int
    height: int
    label_width: int
    first: datetime.date | None
    last: datetime.date | None


def build(projects: list[Project], today: datetime.date) -> Timeline:
    dated = [p for p in projects if p.start and p.end]
    if not dated:
        return Timeline([], [], today, None, WIDTH, HEADER, LABEL_WIDTH, None, None)
    first = datetime.date(min(p.start.year for p in dated), 1, 1)
    last = datetime.date(max(p.end.year for p in dated), 12, 31)
    span = (last - first).days + 1
    scale = (WIDTH - LABEL_WIDTH) / span

    def x_of(day: datetime.date) -> float:
        return round(LABEL_WIDTH + (day - first).days * scale, 1)

    bars = []
    for row, project in enumerate(dated):
        y = HEADER + row * ROW_HEIGHT
        x = x_of(project.start)
        width = max(round(((project.end - project.start).days + 1) * scale, 1), 2.0)
        bars.append(Bar(project, y + 6, x, width, y + 20))
    ticks = []
    for year in range(first.year, last.year + 1):
        x = x_of(datetime.date(year, 1, 1))
        ticks.append(Tick(year, x, round(x + 365 * scale / 2, 1)))
    today_x = x_of(today) if first <= today <= last else None
    height = HEADER + len(dated) * ROW_HEIGHT + 6
    return Timeline(bars, ticks, today, today_x, WIDTH, height, LABEL_WIDTH, first, last)
