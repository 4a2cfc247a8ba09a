from decimal import Decimal
from urllib.parse import unquote

import httpx
import pytest

from samverka.core import testing
from samverka.goals import testing as gt
from samverka.goals.fetching import fetch_kolada
from samverka.goals.http import ServiceError
from samverka.goals.kolada import KoladaClient
from samverka.goals.models import FetchRun, Indicator, Measurement

pytestmark = pytest.mark.django_db

TITLE = "Invånare totalt, antal"


def _client(handler, **kwargs) -> KoladaClient:
    defaults = {"sleep": lambda seconds: None, "cache": None}
    return KoladaClient(transport=httpx.MockTransport(handler), **(defaults | kwargs))


def _setup(aggregation=Indicator.Aggregation.SUM, kpi="N01951", title=TITLE):
    federation = testing.make_federation()
    members = gt.make_members(federation, {"Skövde": "1496", "Lidköping": "1494", "Hjo": "1497"})
    goal = gt.make_goal(federation)
    indicator = gt.make_kolada_indicator(goal, kpi, title, aggregation=aggregation)
    return members, indicator


def _kolada(rows, title=TITLE, kpi="N01951"):
    """Replays Kolada: the KPI's metadata, then its data rows on one page."""

    def handler(request: httpx.Request) -> httpx.Response:
        path = unquote(request.url.path)
        if path.startswith("/v3/kpi/"):
            return gt.json_response(gt.kolada_page([gt.kolada_kpi(kpi, title)]))
        assert path.startswith(f"/v3/data/kpi/{kpi}/municipality/")
        return gt.json_response(gt.kolada_page(rows))

    return handler


def _values(indicator):
    return {
        (m.member.name if m.member else "Skaraborg", m.year): m.value
        for m in Measurement.objects.filter(indicator=indicator).select_related("member")
    }


def test_values_land_per_municipality_and_year_and_skaraborg_is_their_sum():
    _members, indicator = _setup()
    rows = [
        gt.kolada_row("N01951", "1496", 2023, 57016),
        gt.kolada_row("N01951", "1494", 2023, 40255),
        gt.kolada_row("N01951", "1497", 2023, 9358),
        gt.kolada_row("N01951", "1496", 2024, 57500),
        gt.kolada_row("N01951", "1494", 2024, 40425),
        gt.kolada_row("N01951", "1497", 2024, 9350),
    ]
    run = fetch_kolada(_client(_kolada(rows)), years=[2023, 2024])
    assert run.status == FetchRun.Status.OK
    values = _values(indicator)
    assert values[("Skövde", 2023)] == 57016
    assert values[("Hjo", 2024)] == 9350
    assert values[("Skaraborg", 2023)] == 57016 + 40255 + 9358
    assert values[("Skaraborg", 2024)] == 57500 + 40425 + 9350
    region = Measurement.objects.get(indicator=indicator, year=2024, member=None)
    assert region.origin == Measurement.Origin.COMPUTED
    assert "Kolada N01951" in region.source


def test_an_index_for_skaraborg_is_the_mean_weighted_by_population():
    members, indicator = _setup(Indicator.Aggregation.WEIGHTED_MEAN, "N00370", "Kommunindex")
    skovde, lidkoping, hjo = members
    for member, inhabitants in ((skovde, 60000), (lidkoping, 30000), (hjo, 10000)):
        gt.give_population(member, 2024, inhabitants)
    rows = [
        gt.kolada_row("N00370", "1496", 2024, 60.0),
        gt.kolada_row("N00370", "1494", 2024, 50.0),
        gt.kolada_row("N00370", "1497", 2024, 40.5),
    ]
    fetch_kolada(_client(_kolada(rows, "Kommunindex", "N00370")), years=[2024])
    # (60 * 60000 + 50 * 30000 + 40.5 * 10000) / 100000 = 55.05, not the unweighted 50.17
    assert _values(indicator)[("Skaraborg", 2024)] == Decimal("55.05")


def test_a_sum_is_not_formed_while_a_member_lacks_a_value():
    _members, indicator = _setup()
    rows = [gt.kolada_row("N01951", "1496", 2024, 57500)]
    run = fetch_kolada(_client(_kolada(rows)), years=[2024])
    assert ("Skaraborg", 2024) not in _values(indicator)
    assert "värde saknas för Hjo, Lidköping" in run.message


def test_paging_fetches_every_page_following_next_url_and_next_page():
    _members, indicator = _setup()
    requested = []
    base = "https://api.kolada.se/v3/data/kpi/N01951/municipality/1494,1496,1497/year/2024"

    def handler(request: httpx.Request) -> httpx.Response:
        requested.append(str(request.url))
        if request.url.path.startswith("/v3/kpi/"):
            return gt.json_response(gt.kolada_page([gt.kolada_kpi("N01951", TITLE)]))
        page = request.url.params.get("page", "1")
        if page == "1":
            rows = [gt.kolada_row("N01951", "1496", 2024, 57500)]
            return gt.json_response(gt.kolada_page(rows, f"{base}?page=2&per_page=1"))
        if page == "2":  # an older server answering in the v2 style
            rows = [gt.kolada_row("N01951", "1494", 2024, 40425)]
            return gt.json_response(gt.kolada_page(rows, f"{base}?page=3&per_page=1", version=2))
        rows = [gt.kolada_row("N01951", "1497", 2024, 9350)]
        return gt.json_response(gt.kolada_page(rows, None))

    fetch_kolada(_client(handler), years=[2024])
    assert len([u for u in requested if "/data/" in u]) == 3
    assert _values(indicator)[("Skaraborg", 2024)] == 57500 + 40425 + 9350


def test_a_title_mismatch_is_reported_and_nothing_is_stored():
    _members, indicator = _setup(title="Invånare totalt, antal")
    rows = [gt.kolada_row("N01951", "1496", 2024, 12)]
    run = fetch_kolada(_client(_kolada(rows, title="Invånare 65+ år, andel (%)")), years=[2024])
    assert run.status == FetchRun.Status.PARTIAL
    assert "heter ”Invånare 65+ år, andel (%)” i Kolada" in run.message
    assert "Inget sparades" in run.message
    assert not Measurement.objects.filter(indicator=indicator).exists()


def test_a_mapping_without_expected_title_is_not_trusted():
    _members, indicator = _setup(title="")
    run = fetch_kolada(_client(_kolada([gt.kolada_row("N01951", "1496", 2024, 1)])), [2024])
    assert "ingen förväntad titel är angiven" in run.message
    assert not Measurement.objects.filter(indicator=indicator).exists()


def test_a_service_error_keeps_the_old_values_and_says_what_failed():
    _members, indicator = _setup()
    rows = [
        gt.kolada_row("N01951", m, 2024, v)
        for m, v in (("1496", 57500), ("1494", 40425), ("1497", 9350))
    ]
    fetch_kolada(_client(_kolada(rows)), years=[2024])

    def broken(request: httpx.Request) -> httpx.Response:
        if request.url.path.startswith("/v3/kpi/"):
            return gt.json_response(gt.kolada_page([gt.kolada_kpi("N01951", TITLE)]))
        return httpx.Response(500, text="Internal Server Error")

    run = fetch_kolada(_client(broken, retries=2), years=[2024])
    assert run.status == FetchRun.Status.FAILED
    assert "Kolada svarade 500" in run.message
    assert "de senast hämtade värdena gäller" in run.message
    assert _values(indicator)[("Skövde", 2024)] == 57500
    assert _values(indicator)[("Skaraborg", 2024)] == 57500 + 40425 + 9350
    assert FetchRun.last_success("kolada").status == FetchRun.Status.OK


def test_a_value_entered_by_hand_is_kept_and_the_difference_reported():
    members, indicator = _setup()
    Measurement.objects.create(
        indicator=indicator,
        year=2024,
        member=members[0],
        value=1,
        origin="manual",
        source="inmatad",
        fetched_at="2025-01-01T00:00Z",
    )
    run = fetch_kolada(_client(_kolada([gt.kolada_row("N01951", "1496", 2024, 57500)])), [2024])
    assert _values(indicator)[("Skövde", 2024)] == 1
    assert "det inmatade värdet" in run.message


def test_the_client_retries_429_and_5xx_with_growing_backoff():
    calls, sleeps = [], []

    def flaky(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        if len(calls) == 1:
            return httpx.Response(429, headers={"Retry-After": "7"})
        if len(calls) == 2:
            return httpx.Response(503)
        return gt.json_response(gt.kolada_page([gt.kolada_kpi("N01951", TITLE)]))

    client = _client(flaky, sleep=sleeps.append, backoff=0.5)
    assert client.kpis(["N01951"])["N01951"]["title"] == TITLE
    assert sleeps == [7.0, 1.0]


def test_the_client_gives_up_after_its_retries_and_does_not_retry_a_bad_request():
    calls = []

    def down(request):
        calls.append(request)
        raise httpx.ConnectTimeout("timed out")

    with pytest.raises(ServiceError, match="svarade inte i tid"):
        _client(down, retries=2).kpis(["N01951"])
    assert len(calls) == 3
    calls.clear()

    def bad(request):
        calls.append(request)
        return httpx.Response(400, text="URL too long")

    with pytest.raises(ServiceError, match="400"):
        _client(bad).kpis(["N01951"])
    assert len(calls) == 1


def test_the_client_caches_answers():
    from django.core.cache import cache

    cache.clear()
    calls = []

    def handler(request):
        calls.append(request)
        return gt.json_response(gt.kolada_page([gt.kolada_kpi("N01951", TITLE)]))

    client = _client(handler, cache=cache)
    client.kpis(["N01951"])
    client.kpis(["N01951"])
    assert len(calls) == 1
    cache.clear()


def test_the_client_asks_for_at_most_25_municipalities_at_a_time():
    paths = []

    def handler(request):
        paths.append(unquote(request.url.path))
        return gt.json_response(gt.kolada_page([]))

    codes = [f"{1400 + i}" for i in range(30)]
    _client(handler).values(["N01951"], codes, [2024])
    assert len(paths) == 2
    assert [len(p.split("/municipality/")[1].split("/")[0].split(",")) for p in paths] == [25, 5]


def test_an_indicator_may_take_skaraborgs_value_from_the_source_itself():
    _members, indicator = _setup(Indicator.Aggregation.SOURCE, "N00370", "Kommunindex")
    indicator.kolada.region_area_id = "G116238"
    indicator.kolada.save()
    asked = []

    def handler(request: httpx.Request) -> httpx.Response:
        path = unquote(request.url.path)
        if path.startswith("/v3/kpi/"):
            return gt.json_response(gt.kolada_page([gt.kolada_kpi("N00370", "Kommunindex")]))
        asked.append(path)
        rows = [
            gt.kolada_row("N00370", "1496", 2024, 60.0),
            gt.kolada_row("N00370", "G116238", 2024, 52.3),
        ]
        return gt.json_response(gt.kolada_page(rows))

    fetch_kolada(_client(handler), years=[2024])
    assert "G116238" in asked[0]
    region = Measurement.objects.get(indicator=indicator, year=2024, member=None)
    assert (region.value, region.origin) == (Decimal("52.3"), Measurement.Origin.KOLADA)
