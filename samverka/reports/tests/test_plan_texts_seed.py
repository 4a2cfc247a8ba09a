"""The plan's texts are loaded from the seed once; a second run changes nothing, and a text
the office edited is kept and reported."""

import pytest

from samverka.audit.models import LogEntry
from samverka.core.seeding import load_skaraborg
from samverka.orgs.models import PlanningPeriod
from samverka.reports.models import PlanText

pytestmark = pytest.mark.django_db


def test_the_loader_loads_the_texts_of_2026():
    ctx = load_skaraborg()
    assert ctx.created["reports.PlanText"] == 14
    period = PlanningPeriod.objects.get(year=2026)
    units = set(period.plan_texts.filter(section="enhet").values_list("unit__code", flat=True))
    assert len(units) == 6
    mission = period.plan_texts.get(section="uppdrag")
    assert mission.text.startswith("Den centrala paragrafen i vår förbundsordning är § 3")
    assert mission.source == "BVP2026 s. 3"
    office = period.plan_texts.get(section="enhet", unit__code="forbundskansli")
    assert office.text.count("\n\n") == 2  # three paragraphs, as printed


def test_a_second_run_changes_nothing():
    load_skaraborg()
    entries = LogEntry.objects.count()
    second = load_skaraborg()
    assert second.created["reports.PlanText"] == 0
    assert second.findings == []
    assert LogEntry.objects.count() == entries


def test_a_users_edit_survives_a_rerun_and_is_reported():
    load_skaraborg()
    text = PlanText.objects.get(period__year=2026, section="inledning")
    text.text = "Vår egen inledning."
    text.save()
    ctx = load_skaraborg()
    text.refresh_from_db()
    assert text.text == "Vår egen inledning."
    [finding] = ctx.findings
    assert finding.code == "seed.differs"
    assert finding.where["avsnitt"] == "inledning"
    assert finding.stated == "Vår egen inledning."
    assert finding.expected.startswith("Denna verksamhetsplan syftar till")


def test_a_deleted_text_is_loaded_again():
    load_skaraborg()
    PlanText.objects.get(period__year=2026, section="nulage").delete()
    ctx = load_skaraborg()
    assert ctx.created["reports.PlanText"] == 1
