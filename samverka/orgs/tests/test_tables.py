"""Members and populations as tables (orgs/tables.py) against the Skaraborg seed."""

import datetime

import pytest

from samverka.core.seeding import load_skaraborg
from samverka.lib.tabular import rows_of
from samverka.orgs import tables
from samverka.orgs.models import Member, Population

pytestmark = pytest.mark.django_db

SOURCE = "SCB, folkmängd 31 december 2024 (via Regionfakta; DATA-SOURCES.md)"


@pytest.fixture
def seeded():
    load_skaraborg()


def test_the_members_table_has_all_fifteen_members_with_the_seeded_populations(seeded):
    table = tables.members_table()
    assert next(rows_of(table)) == ["Kommunkod", "Kommun", "Invånare", "Referensdatum", "Källa"]
    records = {r["kommun"]: r for r in table.records()}
    assert len(records) == 15
    assert records["Lidköping"] == {
        "kommunkod": "1494",
        "kommun": "Lidköping",
        "invanare": 40425,
        "referensdatum": datetime.date(2024, 12, 31),
        "kalla": SOURCE,
    }
    # Nine populations are published in the sources; the six others are missing, and said so.
    assert sum(r["invanare"] for r in records.values() if r["invanare"]) == 143619
    assert records["Skövde"]["invanare"] is None
    assert table.notes == ["Folkmängd saknas för: Skara, Skövde, Tibro, Tidaholm, Töreboda, Vara."]


def test_the_members_table_shows_the_newest_figure_and_the_populations_table_all(seeded):
    hjo = Member.objects.get(name="Hjo")
    Population.objects.create(
        member=hjo, reference_date=datetime.date(2025, 12, 31), inhabitants=9401, source="SCB"
    )
    latest = next(r for r in tables.members_table().records() if r["kommun"] == "Hjo")
    assert latest["invanare"] == 9401 and latest["kalla"] == "SCB"
    every = tables.populations_table().records()
    assert len(every) == 10
    assert [r["invanare"] for r in every if r["kommun"] == "Hjo"] == [9350, 9401]
