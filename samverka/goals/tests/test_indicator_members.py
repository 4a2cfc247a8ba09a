"""An indicator of a federation with many members: the whole area and the members' spread on
every page, the members page by page with plain links, a member found by name or code, and
downloads that hold every member (or the ones the search shows)."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.core import testing
from samverka.goals.models import Indicator, Measurement
from samverka.goals.testing import make_goal, make_indicator

pytestmark = pytest.mark.django_db

MEMBERS = 40


@pytest.fixture
def indicator(client):
    federation = testing.make_federation(code="forbund", short_name="Regionen")
    members = [
        testing.make_member(federation, name=f"Ort {n:02}", municipality_code=f"{1400 + n}")
        for n in range(MEMBERS)
    ]
    indicator = make_indicator(
        make_goal(federation),
        code="andel",
        aggregation=Indicator.Aggregation.WEIGHTED_MEAN,
        decimals=1,
    )
    values = [(None, Decimal(50))] + [(m, Decimal(10 + n)) for n, m in enumerate(members)]
    Measurement.objects.bulk_create(
        Measurement(
            indicator=indicator,
            year=year,
            member=member,
            value=value + year - 2023,
            origin=Measurement.Origin.KOLADA,
            source="Kolada",
            fetched_at=timezone.now(),
        )
        for year in (2023, 2024)
        for member, value in values
    )
    client.force_login(testing.make_reader())
    return indicator


def _page(client, indicator, **params) -> str:
    response = client.get(reverse("goals:indicator", args=[indicator.code]), params)
    assert response.status_code == 200
    return response.content.decode()


def _member_rows(html: str) -> list[str]:
    members = html.split('<tbody class="members">', 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'<th scope="row">([^<]+)</th>', members)


def test_the_members_are_shown_page_by_page_with_links_that_need_no_script(client, indicator):
    first = _page(client, indicator)
    assert _member_rows(first) == [f"Ort {n:02}" for n in range(25)]
    assert 'href="?&amp;sida=2#tabell-andel" rel="next"' in first
    assert "Visar 1–25 av 40" in first

    second = _page(client, indicator, sida=2)
    assert _member_rows(second) == [f"Ort {n:02}" for n in range(25, MEMBERS)]
    # The whole area and the spread are on every page.
    assert '<tr class="region"><th scope="row">Regionen</th>' in second


def test_every_page_compares_the_whole_area_with_the_members_lowest_median_and_highest(
    client, indicator
):
    html = _page(client, indicator, sida=2)
    cells = r'<td class="num">([^<]+)</td><td class="num">([^<]+)</td>'
    spread = {
        label: values
        for label, *values in re.findall(
            r'<tr class="spread"><th scope="row">([^<]+)</th>' + cells, html
        )
    }
    assert spread == {
        "Lägsta bland medlemmarna": ["10,0", "11,0"],
        "Median bland medlemmarna": ["29,5", "30,5"],
        "Högsta bland medlemmarna": ["49,0", "50,0"],
    }


def test_a_member_on_a_later_page_is_found_by_its_name_or_its_code(client, indicator):
    by_name = _page(client, indicator, kommun="ort 33")
    assert _member_rows(by_name) == ["Ort 33"]
    assert "1 av 40 medlemskommuner matchar ”ort 33”." in by_name
    assert 'href="/mal/indikator/andel/">Visa alla kommuner</a>' in by_name

    assert _member_rows(_page(client, indicator, kommun="1437")) == ["Ort 37"]
    nothing = _page(client, indicator, kommun="Göteborg")
    assert _member_rows(nothing) == []
    assert "0 av 40 medlemskommuner matchar" in nothing


def test_a_found_member_is_drawn_in_the_chart_beside_the_whole_area(client, indicator):
    html = _page(client, indicator, kommun="Ort 07")
    assert '<polyline class="chosen"' in html
    assert "Mörkgrå linjer: Ort 07." in html
    assert '<polyline class="chosen"' not in _page(client, indicator)


def _csv_areas(response) -> list[str]:
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    return [row[0] for row in rows[1:]]


def test_the_download_from_any_page_holds_every_member(client, indicator):
    html = _page(client, indicator, sida=2)
    link = re.search(r'href="([^"]*format=csv[^"]*tabell=andel-per-ar[^"]*)"', html).group(1)
    assert "sida" not in link

    areas = _csv_areas(client.get(link.replace("&amp;", "&")))

    assert areas == ["Regionen", *(f"Ort {n:02}" for n in range(MEMBERS))]


def test_the_download_of_a_search_holds_what_the_page_shows(client, indicator):
    html = _page(client, indicator, kommun="Ort 1")
    link = re.search(r'href="([^"]*format=csv[^"]*tabell=andel-per-ar[^"]*)"', html).group(1)

    areas = _csv_areas(client.get(link.replace("&amp;", "&")))

    assert areas == ["Regionen", *(f"Ort {n}" for n in range(10, 20))]


def test_the_goal_page_shows_the_spread_and_links_to_every_members_row(client, indicator):
    html = client.get(reverse("goals:goal", args=[indicator.goal.code])).content.decode()
    assert "Median bland medlemmarna" in html
    assert "Ort 05" not in html
    assert f'href="/mal/indikator/andel/#tabell-andel">{indicator.name}: värdena för varje' in html


def test_a_controller_picks_the_member_and_year_of_a_value_entered_by_hand(client, indicator):
    client.force_login(testing.make_controller())
    response = client.get(
        reverse("goals:indicator", args=[indicator.code]), {"omrade": "1433", "varde_ar": "2022"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/mal/indikator/andel/varde/2022/1433/"

    refused = _page(client, indicator, omrade="9999", varde_ar="2022")
    assert "Välj ett område i listan och ange ett år mellan 2000 och 2100." in refused
