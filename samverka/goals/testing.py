"""Factories and replayed service responses for the goals tests."""

import itertools
import json
from decimal import Decimal

import httpx

from samverka.core import testing
from samverka.goals.models import Goal, Indicator, KoladaMapping, SurveyQuestion
from samverka.orgs.models import Population

_seq = itertools.count(1)

SKARABORG = {
    "Essunga": "1445",
    "Falköping": "1499",
    "Grästorp": "1444",
    "Gullspång": "1447",
    "Götene": "1471",
    "Hjo": "1497",
    "Karlsborg": "1446",
    "Lidköping": "1494",
    "Mariestad": "1493",
    "Skara": "1495",
    "Skövde": "1496",
    "Tibro": "1472",
    "Tidaholm": "1498",
    "Töreboda": "1473",
    "Vara": "1470",
}


def make_members(federation, names: dict[str, str] | None = None) -> list:
    return [
        testing.make_member(federation, name=name, municipality_code=code)
        for name, code in (names or SKARABORG).items()
    ]


def give_population(member, year: int, inhabitants: int, source: str = "test") -> Population:
    return Population.objects.create(
        member=member,
        reference_date=f"{year}-12-31",
        inhabitants=inhabitants,
        source=source,
    )


def make_goal(federation, **kwargs) -> Goal:
    n = next(_seq)
    defaults = {"number": n, "code": f"mal-{n}", "name": f"Mål {n}"}
    return Goal.objects.create(federation=federation, **(defaults | kwargs))


def make_indicator(goal: Goal, **kwargs) -> Indicator:
    n = next(_seq)
    defaults = {
        "code": f"indikator-{n}",
        "name": f"Indikator {n}",
        "unit": "antal",
        "source_kind": Indicator.SourceKind.KOLADA,
        "aggregation": Indicator.Aggregation.SUM,
        "tolerance_percent": Decimal("2"),
    }
    return Indicator.objects.create(goal=goal, **(defaults | kwargs))


def make_kolada_indicator(goal: Goal, kpi: str, title: str, **kwargs) -> Indicator:
    indicator = make_indicator(goal, **kwargs)
    KoladaMapping.objects.create(
        indicator=indicator,
        kpi_id=kpi,
        expected_title=title,
        certainty=KoladaMapping.Certainty.CONFIRMED,
    )
    return indicator


def make_survey_indicator(goal: Goal, text: str, **kwargs) -> Indicator:
    defaults = {
        "name": text,
        "unit": "%",
        "source_kind": Indicator.SourceKind.SURVEY,
        "aggregation": "",  # the model's default for survey indicators
    }
    indicator = make_indicator(goal, **(defaults | kwargs))
    SurveyQuestion.objects.create(indicator=indicator, text=text)
    return indicator


# Replayed responses, in the documented formats ---------------------------------------------


def kolada_kpi(kpi: str, title: str) -> dict:
    """One KPI as /v3/kpi/{id} describes it."""
    return {
        "id": kpi,
        "title": title,
        "description": f"Beskrivning av {kpi}.",
        "operating_area": "Befolkning",
        "is_divided_by_gender": True,
        "has_ou_data": False,
        "municipality_type": "K",
        "auspices": "X",
        "perspective": "Resurser",
        "prel_publication_date": None,
        "publication_date": "2025-03-20",
        "publ_period": "2024",
    }


def kolada_row(kpi: str, municipality: str, year: int, value) -> dict:
    """One data row as /v3/data/kpi/... returns it (total, women and men)."""
    return {
        "kpi": kpi,
        "municipality": municipality,
        "period": year,
        "values": [
            {"gender": "K", "value": None, "count": 1, "status": "", "isdeleted": False},
            {"gender": "M", "value": None, "count": 1, "status": "", "isdeleted": False},
            {"gender": "T", "value": value, "count": 1, "status": "", "isdeleted": False},
        ],
    }


def kolada_page(values: list, next_url: str | None = None, version: int = 3) -> dict:
    link = "next_url" if version == 3 else "next_page"
    page = {"count": len(values), "values": values, link: next_url}
    if version == 3:
        page["previous_url"] = None
    return page


def json_stat2(
    region_year_values: dict[tuple[str, str], int | float | None],
    contents: str,
    label: str = "Folkmängden per region",
    region_labels: dict[str, str] | None = None,
) -> dict:
    """A JSON-stat 2.0 dataset with dimensions Region × ContentsCode × Tid.

    `region_labels` as SCB labels regions (e.g. {"1490": "Borås"}); the code itself otherwise.
    """
    regions = sorted({r for r, _y in region_year_values})
    years = sorted({y for _r, y in region_year_values})
    values = [region_year_values.get((r, y)) for r in regions for y in years]
    return {
        "version": "2.0",
        "class": "dataset",
        "label": label,
        "source": "SCB",
        "updated": "2025-02-21T07:00:00Z",
        "id": ["Region", "ContentsCode", "Tid"],
        "size": [len(regions), 1, len(years)],
        "dimension": {
            "Region": {
                "label": "region",
                "category": {
                    "index": {r: i for i, r in enumerate(regions)},
                    "label": {r: (region_labels or {}).get(r, r) for r in regions},
                },
            },
            "ContentsCode": {
                "label": "tabellinnehåll",
                "category": {"index": {contents: 0}, "label": {contents: "Folkmängd"}},
            },
            "Tid": {
                "label": "år",
                "category": {
                    "index": {y: i for i, y in enumerate(years)},
                    "label": {y: y for y in years},
                },
            },
        },
        "value": values,
    }


def json_response(data, status: int = 200, **headers) -> httpx.Response:
    return httpx.Response(
        status,
        content=json.dumps(data).encode(),
        headers={"content-type": "application/json"} | headers,
    )
