"""The timeline of the seed's projects, drawn with the same SVG helper as the indicator charts."""

import datetime
import re

import pytest

from samverka.core.seeding import load_skaraborg
from samverka.portfolio import queries, timeline

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 15)


@pytest.fixture
def drawn():
    load_skaraborg()
    built = timeline.build(list(queries.filtered()), TODAY)
    return built, str(timeline.render(built))


def test_the_seeded_timeline_is_an_accessible_self_contained_svg(drawn):
    _built, svg = drawn
    assert svg.startswith(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="gantt-title '
        'gantt-desc" class="chart gantt-chart"'
    )
    assert '<title id="gantt-title">Tidslinje</title>' in svg
    assert (
        "Tidslinje för 8 projekt 2022–2028, med dagens datum 2026-03-15 markerat. Samma "
        "uppgifter finns i tabellen under diagrammet." in svg
    )
    assert "style=" not in svg
    assert 'width="100%"' in svg and 'viewBox="0 0 480 ' in svg


def test_every_year_is_labelled_and_months_are_ticked(drawn):
    built, svg = drawn
    years = re.findall(r'class="gantt-year"[^>]*>(\d{4})</text>', svg)
    assert years == [str(y) for y in range(2022, 2029)]
    assert svg.count('class="gantt-month"') == 7 * 11


def test_today_s_line_lies_within_its_year_and_is_labelled_with_the_date(drawn):
    built, svg = drawn
    this_year = next(t for t in built.ticks if t.year == 2026)
    next_year = next(t for t in built.ticks if t.year == 2027)
    assert this_year.x < built.today_x < next_year.x
    line = re.search(r'<line class="gantt-today" x1="([\d.]+)"', svg)
    assert float(line.group(1)) == built.today_x
    assert ">i dag 2026-03-15</text>" in svg


def test_each_project_has_its_name_above_its_bar_inside_the_chart(drawn):
    built, svg = drawn
    assert svg.count('class="gantt-bar') == 8
    assert "Kraftsamling Framtidsrusta barn och unga (ansökan)" in svg
    for bar in built.bars:
        assert bar.text_y < bar.y, "the name is above the bar"
        assert bar.x >= 0 and bar.x + bar.width <= built.width
    # Applications are striped, not only coloured differently.
    assert re.search(r'class="gantt-bar gantt-application"[^>]*fill="url\(#gantt-hatch\)"', svg)


def test_a_long_project_name_is_shortened_on_the_chart_but_whole_in_its_tooltip(drawn):
    _built, svg = drawn
    assert re.search(r'class="gantt-label"[^>]*>Framtidens vård: Attraktion, [^<]+…</text>', svg)
    assert re.search(r"<title>Framtidens vård: Attraktion, kvalitet och smarta [^<…]+: 20", svg)
