"""An adopted year is published once, as it was adopted, and stays so."""

import datetime
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from samverka.budget.models import BalanceSheet, BudgetLine
from samverka.core import testing
from samverka.core.seeding import load_skaraborg
from samverka.opendata.datasets import DATASETS
from samverka.opendata.models import Publication, PublishedDataset, PublishedError
from samverka.opendata.tests._helpers import adopt, revise
from samverka.orgs.models import Federation, Member, OpenDataLicence, PlanningPeriod, Population

pytestmark = pytest.mark.django_db


def _keys(publication: Publication) -> set[str]:
    return set(publication.datasets.values_list("key", flat=True))


def test_the_seed_publishes_the_year_it_loads_as_adopted_and_not_the_draft():
    first = load_skaraborg()
    assert first.created["opendata.Publication"] == 1
    (publication,) = Publication.objects.all()
    assert (publication.period.year, publication.revision) == (2025, 1)
    assert publication.decision is None and publication.adopted_on is None
    assert not Publication.objects.filter(period__year=2026).exists()
    assert not load_skaraborg().created


def test_adopting_a_year_publishes_every_data_set_with_the_decision_and_the_licence():
    load_skaraborg()
    period = adopt(2026)
    publication = Publication.objects.get(period=period)
    assert publication.revision == 1 and publication.period_revision == 0
    assert _keys(publication) == {d.key for d in DATASETS}
    assert publication.decision == period.decision
    document = json.loads(publication.datasets.get(key="driftbudget").json_text)
    assert document["adopted"] == "2025-12-12"
    assert document["decision"] == "2025-12-12 § 45: Budget och verksamhetsplan 2026"
    assert (
        document["licence"]
        == OpenDataLicence.CC0
        == "http://creativecommons.org/publicdomain/zero/1.0/"
    )
    assert document["period"] == 2026 and document["revision"] == 1


def test_the_published_data_sets_are_swedish_whatever_language_the_adopter_uses():
    load_skaraborg()
    with translation.override("en"):
        adopt(2026)
    document = json.loads(
        PublishedDataset.objects.get(publication__period__year=2026, key="driftbudget").json_text
    )
    assert document["title"] == "Driftbudget, totalt 2026"
    assert document["columns"][1]["label"] == "Rad"


def test_what_changes_after_the_adoption_does_not_reach_the_published_bytes():
    load_skaraborg()
    adopt(2026)
    before = {
        d.key: (d.json_text, d.csv_text, d.json_sha256)
        for d in PublishedDataset.objects.filter(publication__period__year=2026)
    }
    fees = json.loads(before["medlemsavgifter"][0])
    skovde = next(r for r in fees["rows"] if r["kommunkod"] == "1496")
    assert skovde["invanare"] is None
    # Populations and the balance sheet are follow-up, not plan: they change after adoption.
    Population.objects.create(
        member=Member.objects.get(municipality_code="1496"),
        reference_date=datetime.date(2024, 12, 31),
        inhabitants=57000,
        source="SCB",
    )
    BalanceSheet.objects.create(
        period=PlanningPeriod.objects.get(year=2026),
        equity=Decimal("5000000"),
        total_assets=Decimal("40000000"),
        current_assets=Decimal("30000000"),
        current_liabilities=Decimal("25000000"),
    )
    after = {
        d.key: (d.json_text, d.csv_text, d.json_sha256)
        for d in PublishedDataset.objects.filter(publication__period__year=2026)
    }
    assert after == before


def test_a_publication_refuses_to_be_changed_or_deleted():
    load_skaraborg()
    dataset = PublishedDataset.objects.filter(key="driftbudget").first()
    dataset.json_text = "{}"
    with pytest.raises(PublishedError):
        dataset.save()
    with pytest.raises(PublishedError):
        dataset.publication.delete()
    assert PublishedDataset.objects.get(pk=dataset.pk).json_text != "{}"


def test_an_adopted_revision_is_a_new_version_beside_the_first():
    load_skaraborg()
    adopt(2026)

    def change(period):
        line = BudgetLine.objects.get(period=period, unit=None, code="intakter")
        line.amount = Decimal("65000000")
        line.save()

    revise(2026, change)
    first, second = Publication.objects.filter(period__year=2026).order_by("revision")
    assert (first.revision, second.revision) == (1, 2)
    assert (first.period_revision, second.period_revision) == (0, 1)
    old = json.loads(first.datasets.get(key="driftbudget").json_text)
    new = json.loads(second.datasets.get(key="driftbudget").json_text)
    assert old["rows"][0]["budget"] == 64295000
    assert new["rows"][0]["budget"] == 65000000
    assert new["decision"].endswith("Reviderad budget 2026")


def test_the_licence_in_force_is_recorded_and_a_later_change_leaves_it():
    load_skaraborg()
    federation = Federation.objects.get()
    federation.open_data_licence = OpenDataLicence.CC_BY
    federation.save()
    adopt(2026)
    federation.open_data_licence = OpenDataLicence.CC0
    federation.save()
    publication = Publication.objects.get(period__year=2026)
    assert publication.licence == OpenDataLicence.CC_BY
    assert json.loads(publication.datasets.first().json_text)["licence"] == OpenDataLicence.CC_BY


def test_the_command_publishes_a_year_adopted_before_open_data_and_never_alters_one(capsys):
    federation = testing.make_federation()
    # Written as adopted, the way a year adopted before this app existed is stored.
    testing.make_period(federation, 2024, status=PlanningPeriod.Status.ADOPTED)
    testing.make_period(federation, 2026)
    call_command("publish_open_data", "2024")
    assert "Publicerade 2024 version 1" in capsys.readouterr().out
    (publication,) = Publication.objects.filter(period__year=2024)
    texts = list(publication.datasets.values_list("json_text", flat=True))
    call_command("publish_open_data", "2024")
    assert "redan publicerat" in capsys.readouterr().out
    assert list(Publication.objects.filter(period__year=2024)) == [publication]
    assert list(publication.datasets.values_list("json_text", flat=True)) == texts
    with pytest.raises(CommandError, match="inte antagen"):
        call_command("publish_open_data", "2026")
    with pytest.raises(CommandError, match="ingen planeringsperiod"):
        call_command("publish_open_data", "1999")
    assert not Publication.objects.filter(period__year=2026).exists()
