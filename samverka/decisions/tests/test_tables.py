"""The decision register as a table (decisions/tables.py) against the Skaraborg seed."""

import datetime

import pytest
from django.http import QueryDict

from samverka.core.seeding import load_skaraborg
from samverka.decisions import tables
from samverka.decisions.models import AgendaItem, Decision, Matter
from samverka.decisions.register import Filter
from samverka.lib.tabular import rows_of
from samverka.orgs.federation import current
from samverka.orgs.models import GoverningBody

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    load_skaraborg()


def test_the_register_lists_the_five_dated_board_decisions_newest_first(seeded):
    table = tables.register_table()
    assert next(rows_of(table)) == [
        "Datum",
        "Organ",
        "Paragraf",
        "Rubrik",
        "Status",
        "Beslutstext",
        "Ärende",
        "Beslutar om",
        "Källa",
    ]
    records = table.records()
    assert [r["datum"] for r in records] == [
        datetime.date(2025, 12, 12),
        datetime.date(2025, 11, 7),
        datetime.date(2025, 10, 10),
        datetime.date(2025, 9, 5),
        datetime.date(2024, 6, 14),
    ]
    assert records[0]["status"] == "planerat" and records[1]["status"] == "fattat"
    assert {r["organ"] for r in records} == {"Direktionen"}
    drum = records[-1]
    assert drum["beslutstext"].startswith("Beslut om 5 360 kkr för perioden 2024–2026")
    assert drum["beslutar_om"] == (
        "Finansieringsbeslut: Finansiering med delregionala utvecklingsmedel (DRUM) 2024–2026"
    )
    assert drum["kalla"] == "BVP2026 s. 17"


def test_the_register_table_takes_the_register_pages_filters(seeded):
    by_year = tables.register_table(Filter.from_query(QueryDict("ar=2024")))
    assert [r["rubrik"][:30] for r in by_year.records()] == ["Finansiering av Omställning Sk"]
    assert by_year.key == "beslutsregister-2024"
    assert by_year.title == "Beslutsregister – 2024"
    searched = tables.register_table(Filter.from_query(QueryDict("q=rörlighet&organ=direktion")))
    assert [r["rubrik"] for r in searched.records()] == ["Ansökan Förstudie ökad rörlighet"]
    assert searched.title == "Beslutsregister – Direktionen, sökning ”rörlighet”"
    assert tables.register_table(Filter(body_code="presidium")).rows == []


def test_a_decision_names_the_matter_it_concluded_and_its_paragraph(seeded):
    decision = Decision.objects.get(code="ansokan-starkt-apl")
    decision.number = "§ 54"
    decision.save()
    matter = Matter.objects.create(
        federation=current(),
        code="starkt-apl",
        title="Stärkt APL – ansökan om projektmedel",
        origin=GoverningBody.objects.get(code="presidium"),
    )
    AgendaItem.objects.filter(decision=decision).update(matter=matter)
    record = next(
        r for r in tables.register_table().records() if r["rubrik"] == "Ansökan Stärkt APL"
    )
    assert record["paragraf"] == "§ 54"
    assert record["arende"] == "Stärkt APL – ansökan om projektmedel"
    assert tables.register_table(Filter(query="§ 54")).records()[0]["paragraf"] == "§ 54"
