"""The goals' data sets (goals/tables.py) against the Skaraborg seed."""

from decimal import Decimal

import pytest
from django.utils import timezone

from samverka.core.seeding import load_skaraborg
from samverka.goals import tables
from samverka.goals.models import Indicator, Measurement, TargetValue
from samverka.goals.overview import overview
from samverka.lib.tabular import rows_of
from samverka.orgs.models import Member

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    load_skaraborg()


def _measure(code, year, value, member=None, source="Kolada N01951"):
    return Measurement.objects.create(
        indicator=Indicator.objects.get(code=code),
        year=year,
        member=Member.objects.get(name=member) if member else None,
        value=Decimal(value),
        origin=Measurement.Origin.KOLADA,
        source=source,
        fetched_at=timezone.now(),
    )


def test_the_indicators_table_lists_both_goals_sixteen_indicators_in_swedish(seeded):
    table = tables.indicators_table()
    assert next(rows_of(table)) == [
        "Mål",
        "Indikatorns kod",
        "Indikator",
        "Enhet",
        "Senaste utfall",
        "År",
        "Målvärde",
        "Status",
        "Bedömning",
        "Så räknas värdet",
    ]
    assert len(table.rows) == 16
    records = table.records()
    assert records[0]["mal"] == "Mål 1 – Ökad konkurrenskraft"
    assert records[0]["indikator"] == "Befolkningsutveckling - antal invånare totalt i Skaraborg"
    assert {r["mal"] for r in records[-8:]} == {"Mål 2 – Resurseffektivt förbund"}
    # Nothing is fetched yet: no value, status unknown.
    assert records[0]["senaste_utfall"] is None and records[0]["status"] == "Okänd"


def test_the_latest_value_is_rounded_as_the_page_shows_it_with_target_and_status(seeded):
    _measure("befolkning", 2023, "267100")
    _measure("befolkning", 2024, "268788.0000")
    _measure("ekonomisk-hallbarhet", 2024, "54.2600")
    TargetValue.objects.create(
        indicator=Indicator.objects.get(code="befolkning"), year=2024, value=Decimal(268000)
    )
    table = tables.indicators_table()
    rows = {r["indikator_kod"]: r for r in table.records()}
    assert rows["befolkning"]["senaste_utfall"] == Decimal(268788)
    assert rows["befolkning"]["ar"] == 2024
    assert rows["befolkning"]["malvarde"] == Decimal(268000)
    assert rows["befolkning"]["status"] == "I fas"
    # Shown with one decimal, as the page does: 54,3.
    assert rows["ekonomisk-hallbarhet"]["senaste_utfall"] == Decimal("54.3")
    texts = dict(zip([r["indikator_kod"] for r in table.records()], table.rows, strict=True))
    assert table.texts(texts["befolkning"])[4] == "268\u00a0788"
    assert table.texts(texts["ekonomisk-hallbarhet"])[4] == "54,3"


def test_one_indicator_reads_like_its_page_area_by_year_with_the_target(seeded):
    _measure("befolkning", 2024, "268788")
    _measure("befolkning", 2024, "57000", member="Skövde")
    TargetValue.objects.create(
        indicator=Indicator.objects.get(code="befolkning"), year=2025, value=Decimal(270000)
    )
    view = overview(Indicator.objects.get(code="befolkning"), list(Member.objects.all()))
    table = tables.indicator_table(view)
    assert [c.key for c in table.columns] == ["omrade", "ar_2024", "ar_2025"]
    assert table.rows[0].values == ("Skaraborg", Decimal(268788), None)
    assert table.rows[0].emphasis
    assert len(table.rows) == 1 + 15 + 1  # the area, the fifteen members, the target
    skovde = next(r for r in table.rows if r.values[0] == "Skövde")
    assert skovde.values == ("Skövde", Decimal(57000), None)
    assert table.rows[-1].values == ("Målvärde", None, Decimal(270000))
    assert table.source == "Kolada N01951"


def test_the_values_table_has_one_row_per_indicator_area_and_year_with_its_source(seeded):
    _measure("befolkning", 2024, "57000", member="Skövde")
    _measure("befolkning", 2024, "268788")
    _measure("befolkning", 2023, "267100")
    _measure("ekonomisk-hallbarhet", 2024, "54.26", member="Götene", source="Kolada N00000")
    table = tables.values_table()
    assert [(r["indikator_kod"], r["ar"], r["omrade"]) for r in table.records()] == [
        ("befolkning", 2023, "Skaraborg"),
        ("befolkning", 2024, "Skaraborg"),
        ("befolkning", 2024, "Skövde"),
        ("ekonomisk-hallbarhet", 2024, "Götene"),
    ]
    gotene = table.records()[-1]
    assert gotene["omrade_kod"] == "1471" and gotene["varde"] == Decimal("54.26")
    assert gotene["ursprung"] == "Kolada" and gotene["kalla"] == "Kolada N00000"
    assert table.records()[0]["omrade_kod"] == "skaraborg"
    only = tables.values_table(Indicator.objects.filter(code="ekonomisk-hallbarhet"))
    assert len(only.rows) == 1


def test_stored_values_lose_their_trailing_zeros_only():
    assert tables.plain(Decimal("267100.0000")) == Decimal(267100)
    assert str(tables.plain(Decimal("267100.0000"))) == "267100"
    assert str(tables.plain(Decimal("42.6500"))) == "42.65"
    assert tables.plain(None) is None
