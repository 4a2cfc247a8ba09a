import datetime
import json

import httpx
import pytest

from samverka.core import testing
from samverka.goals import testing as gt
from samverka.goals.fetching import SCB_POPULATION_SOURCE, fetch_scb
from samverka.goals.models import FetchRun, Indicator, Measurement, ScbMapping
from samverka.goals.scb import ScbClient, parse_json_stat2
from samverka.orgs.models import Population

pytestmark = pytest.mark.django_db


def _client(handler, **kwargs) -> ScbClient:
    return ScbClient(
        transport=httpx.MockTransport(handler), sleep=lambda s: None, cache=None, **kwargs
    )


def _members():
    federation = testing.make_federation()
    return federation, gt.make_members(federation, {"Skövde": "1496", "Hjo": "1497"})


POPULATION = {
    ("1496", "2023"): 57016,
    ("1496", "2024"): 57500,
    ("1497", "2023"): 9358,
    ("1497", "2024"): 9350,
}


def _population_only(request: httpx.Request) -> httpx.Response:
    assert request.url.path == "/api/v2/tables/TAB638/data"
    assert request.url.params["valueCodes[ContentsCode]"] == "BE0101N1"
    assert request.url.params["outputFormat"] == "json-stat2"
    return gt.json_response(gt.json_stat2(POPULATION, "BE0101N1"))


def test_population_is_written_per_member_and_year_with_source_and_fetch_time():
    _federation, (skovde, hjo) = _members()
    run = fetch_scb(_client(_population_only), years=[2023, 2024])
    assert run.status == FetchRun.Status.OK
    row = Population.objects.get(member=skovde, reference_date=datetime.date(2024, 12, 31))
    assert row.inhabitants == 57500
    assert row.source.startswith("SCB")
    assert row.fetched_at is not None
    assert Population.objects.get(member=hjo, reference_date="2023-12-31").inhabitants == 9358
    assert run.stored == 4


def test_a_population_from_another_source_is_kept_and_the_difference_reported():
    _federation, (skovde, hjo) = _members()
    gt.give_population(hjo, 2024, 9351, source="Regionfakta")
    run = fetch_scb(_client(_population_only), years=[2023, 2024])
    kept = Population.objects.get(member=hjo, reference_date="2024-12-31")
    assert (kept.inhabitants, kept.source) == (9351, "Regionfakta")
    assert run.status == FetchRun.Status.PARTIAL
    assert "Folkmängd Hjo 2024-12-31: 9351 från ”Regionfakta” behölls; SCB anger 9350" in (
        run.message
    )


def test_a_second_fetch_updates_only_its_own_rows():
    _federation, (skovde, _hjo) = _members()
    fetch_scb(_client(_population_only), years=[2023, 2024])
    POPULATION_NEW = POPULATION | {("1496", "2024"): 57600}

    def revised(request):
        return gt.json_response(gt.json_stat2(POPULATION_NEW, "BE0101N1"))

    run = fetch_scb(_client(revised), years=[2023, 2024])
    row = Population.objects.get(member=skovde, reference_date="2024-12-31")
    assert row.inhabitants == 57600
    assert row.source == f"{SCB_POPULATION_SOURCE} 2024"
    assert run.stored == 1


def test_electricity_production_comes_from_a_v1_table_and_skaraborg_is_the_sum():
    federation, _members_ = _members()
    goal = gt.make_goal(federation)
    indicator = gt.make_indicator(goal, unit="MWh", source_kind=Indicator.SourceKind.SCB)
    ScbMapping.objects.create(
        indicator=indicator,
        api="v1",
        table="EN/EN0203/EN0203A/ProdbrEl",
        contents_code="EN0203A1",
        selection={"ProdTyp": ["TOT"]},
    )
    posted = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            posted.append((request.url.path, json.loads(request.content)))
            data = gt.json_stat2(
                {("1496", "2023"): 120000, ("1497", "2023"): 3400.5}, "EN0203A1", "Elproduktion"
            )
            return gt.json_response(data)
        return _population_only(request)

    run = fetch_scb(_client(handler), years=[2023])
    assert run.status == FetchRun.Status.OK
    path, body = posted[0]
    assert path == "/OV0104/v1/doris/sv/ssd/EN/EN0203/EN0203A/ProdbrEl"
    assert body["response"] == {"format": "json-stat2"}
    assert {"code": "ProdTyp", "selection": {"filter": "item", "values": ["TOT"]}} in body["query"]
    region = Measurement.objects.get(indicator=indicator, year=2023, member=None)
    assert region.value == 123400.5


def test_a_failed_fetch_writes_no_population_and_says_what_failed():
    _members()

    def down(request):
        return httpx.Response(503, text="Service Unavailable")

    run = fetch_scb(_client(down, retries=1), years=[2024])
    assert run.status == FetchRun.Status.FAILED
    assert "SCB svarade 503" in run.message
    assert not Population.objects.exists()


def test_json_stat2_is_read_in_row_major_order_and_refuses_an_unselected_dimension():
    data = gt.json_stat2(POPULATION, "BE0101N1")
    values = {(v.region, v.year): v.value for v in parse_json_stat2(data)}
    assert values == {(r, int(y)): v for (r, y), v in POPULATION.items()}
    data["id"].append("Kon")
    data["size"].append(2)
    data["dimension"]["Kon"] = {"category": {"index": {"1": 0, "2": 1}}}
    with pytest.raises(Exception, match="2 värden för Kon"):
        parse_json_stat2(data)
