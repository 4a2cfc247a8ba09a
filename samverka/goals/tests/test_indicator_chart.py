"""The indicator chart: an axis fitted to the data, labels apart, readable without CSS."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.core import testing
from samverka.core.seeding import load_skaraborg
from samverka.goals.charts import LINE_HEIGHT, Series, line_chart
from samverka.goals.models import Indicator, Measurement, TargetValue
from samverka.orgs.models import Member

pytestmark = pytest.mark.django_db

POPULATION = {2019: 267100, 2020: 267400, 2021: 267900, 2022: 268300, 2023: 268500, 2024: 268800}


def _measure(indicator, year, value, member=None):
    Measurement.objects.create(
        indicator=indicator,
        year=year,
        member=member,
        value=Decimal(value),
        origin="kolada",
        source="Kolada N01951",
        fetched_at=timezone.now(),
    )


@pytest.fixture
def population(client):
    load_skaraborg()
    client.force_login(testing.make_reader())
    indicator = Indicator.objects.get(code="befolkning")
    skovde = Member.objects.get(name="Skövde")
    for year, value in POPULATION.items():
        _measure(indicator, year, value)
        _measure(indicator, year, 57000 + year - 2019, member=skovde)
    return indicator


def _chart(client, code):
    html = client.get(reverse("goals:indicator", args=[code])).content.decode()
    match = re.search(r"<svg [^>]*class=\"chart\".*?</svg>", html, re.S)
    assert match, "the page has a chart"
    return match.group(0)


def _grid(svg):
    return sorted(float(y) for y in re.findall(r'<line class="grid"[^>]* y1="([\d.]+)"', svg))


def _ticks(svg):
    return re.findall(r'class="tick" text-anchor="end">([^<]+)</text>', svg)


def _label_centres(svg):
    return {
        kind: float(y)
        for y, kind in re.findall(r'<text x="[\d.]+" y="([\d.]+)"[^>]*class="label (\w+)"', svg)
    }


def test_the_population_chart_of_skaraborg_is_not_flat(client, population):
    svg = _chart(client, "befolkning")
    assert _ticks(svg)[0] != "0", "the axis does not start at zero"
    assert "267\u00a0500" in _ticks(svg), "ticks are in Swedish format"
    top, bottom = _grid(svg)[0], _grid(svg)[-1]
    points = [float(y) for y in re.findall(r'<circle class="region"[^>]* cy="([\d.]+)"', svg)]
    assert len(points) == 6
    assert max(points) - min(points) >= 0.6 * (bottom - top)


def test_members_of_a_sum_are_left_to_the_table_so_they_do_not_flatten_the_total(
    client, population
):
    svg = _chart(client, "befolkning")
    assert 'class="member"' not in svg
    html = client.get(reverse("goals:indicator", args=["befolkning"])).content.decode()
    assert '<th scope="row">Skövde</th><td class="num">57\u00a0000</td>' in html


def _mean_of_three(population):
    indicator = Indicator.objects.get(code="ekonomisk-hallbarhet")
    for member, value in zip(Member.objects.all()[:3], ("48.5", "52.0", "55.5"), strict=True):
        _measure(indicator, 2024, value, member=member)
        _measure(indicator, 2023, value, member=member)
    _measure(indicator, 2024, "51.0")
    return indicator


def test_members_of_a_mean_are_a_band_from_the_lowest_to_the_highest(client, population):
    _mean_of_three(population)
    svg = _chart(client, "ekonomisk-hallbarhet")
    assert svg.count('<g class="band">') == 1
    assert "2024: 48,5 index–55,5 index" in svg
    assert "Grått fält: lägsta till högsta värdet bland 3 medlemskommuner." in svg
    assert 'class="member"' not in svg and 'class="chosen"' not in svg


def test_a_member_found_by_search_is_drawn_as_its_own_labelled_line(client, population):
    indicator = _mean_of_three(population)
    name = Member.objects.all()[1].name
    html = client.get(
        reverse("goals:indicator", args=[indicator.code]), {"kommun": name}
    ).content.decode()
    svg = re.search(r"<svg [^>]*class=\"chart\".*?</svg>", html, re.S).group(0)
    assert svg.count('<polyline class="chosen"') == 1
    assert f'class="label chosen" font-weight="bold">{name}</text>' in svg
    assert f"Mörkgrå linjer: {name}." in svg


def test_the_target_label_and_skaraborg_s_label_never_overlap_when_the_target_is_met(
    client, population
):
    # Adversarial: the target equals the last value, so both labels want the same place.
    TargetValue.objects.create(indicator=population, year=2024, value=Decimal(268800))
    svg = _chart(client, "befolkning")
    labels = _label_centres(svg)
    assert set(labels) == {"region", "target"}
    assert abs(labels["region"] - labels["target"]) >= LINE_HEIGHT - 0.1
    top, bottom = _grid(svg)[0], _grid(svg)[-1]
    for y in labels.values():
        assert top <= y <= bottom + LINE_HEIGHT / 2


@pytest.mark.parametrize("target", [Decimal(0), Decimal(267100), Decimal(268800), Decimal(10**6)])
def test_end_labels_stay_inside_the_plot_for_any_target(target):
    region = Series("Skaraborg", {y: Decimal(v) for y, v in POPULATION.items()}, "region")
    goal = Series("Målvärde", {2024: target}, "target")
    svg = str(line_chart("c", "Befolkning", [region, goal], "antal"))
    labels = _label_centres(svg)
    assert abs(labels["region"] - labels["target"]) >= LINE_HEIGHT - 0.1
    top, bottom = _grid(svg)[0], _grid(svg)[-1]
    assert all(top <= y <= bottom + LINE_HEIGHT / 2 for y in labels.values())


def _contrast_with_white(colour: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


def test_the_chart_is_self_contained_without_inline_style_and_its_lines_meet_3_to_1(
    client, population
):
    TargetValue.objects.create(indicator=population, year=2026, value=Decimal(270000))
    svg = _chart(client, "befolkning")
    assert "style=" not in svg
    assert 'xmlns="http://www.w3.org/2000/svg"' in svg and 'font-family="' in svg
    assert 'viewBox="0 0 480 300"' in svg and 'width="100%"' in svg
    assert 'role="img" aria-labelledby="chart-befolkning-title chart-befolkning-desc"' in svg
    strokes = set(re.findall(r'stroke="(#[0-9a-f]{6})"', svg)) - {"#ffffff"}
    assert strokes, "lines carry their colour as an attribute"
    for colour in strokes:
        assert _contrast_with_white(colour) >= 3, colour
    assert all(
        _contrast_with_white(c) >= 3
        for c in re.findall(r'fill="(#[0-9a-f]{6})"', svg)
        if c not in {"#ffffff"}
    )
