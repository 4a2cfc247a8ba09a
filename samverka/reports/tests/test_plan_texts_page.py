"""The controller writes the plan's chapter texts on a page; they appear in the built document,
an adopted period refuses them, and a form someone else saved meanwhile is refused."""

import datetime

import pytest
from django.urls import reverse

from samverka.core import testing
from samverka.core.seeding import load_skaraborg
from samverka.decisions.models import Decision
from samverka.orgs import periods
from samverka.orgs.models import PlanningPeriod, Unit
from samverka.reports.models import PlanText, PlanTextSnapshot
from samverka.reports.plan import build
from samverka.reports.testing import plain_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def period() -> PlanningPeriod:
    load_skaraborg()
    return PlanningPeriod.objects.get(year=2026)


@pytest.fixture
def controller(client):
    client.force_login(testing.make_controller())
    return client


def _url(section: str, unit: str | None = None, year: int = 2026) -> str:
    if unit:
        return reverse("plan_texts:unit", args=[year, unit])
    return reverse("plan_texts:edit", args=[year, section])


def _post(client, url: str, text: str, version: int):
    return client.post(url, {"text": text, "seen_version": version})


def _adopt(period: PlanningPeriod, day: int = 21) -> None:
    decision = Decision.objects.create(
        federation=period.federation, date=datetime.date(2025, 11, day), title="Budget 2026"
    )
    periods.adopt(period, decision, errors_acknowledged=True)


def test_the_list_shows_every_text_of_the_plan_with_a_link_to_write_it(controller, period):
    response = controller.get(reverse("plan_texts:index", args=[2026]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "14 av 14 texter är skrivna." in page
    assert _url("inledning") in page
    assert _url("enhet", "projektenhet") in page
    assert "Budget Omställning Skaraborg" in page


def test_the_period_page_links_to_the_texts(controller, period):
    page = controller.get(reverse("orgs:period", args=[2026])).content.decode()
    assert reverse("plan_texts:index", args=[2026]) in page


def test_a_text_edited_on_the_page_appears_in_the_document(controller, period):
    text = PlanText.objects.get(period=period, section="inledning")
    new = "Planen för 2026 är kort.\n\nDen har två stycken och en lista:\n• första\n• andra"
    response = _post(controller, _url("inledning"), new, text.version)
    assert response.status_code == 302
    document = plain_text(build(period))
    assert "Planen för 2026 är kort." in document
    assert "  • första\n  • andra" in document
    assert "Denna verksamhetsplan syftar till" not in document


def test_a_unit_text_edited_on_the_page_appears_under_the_units_table(controller, period):
    unit = Unit.objects.get(code="kunskapsutveckling")
    text = PlanText.objects.get(period=period, section="enhet", unit=unit)
    new = "Indra införs under våren."
    response = _post(controller, _url("enhet", unit.code), new, text.version)
    assert response.status_code == 302
    document = plain_text(build(period))
    section = document[document.index("## Budget Kunskapsutveckling") :]
    assert section.index("Tabell: Budget Kunskapsutveckling") < section.index("Indra införs")
    assert section.index("Indra införs") < section.index("## Budget Projektenhet")


def test_a_missing_text_is_created_from_the_page(controller, period):
    period.plan_texts.filter(section="nulage").delete()
    form = controller.get(_url("nulage"))
    assert 'name="seen_version" value="0"' in form.content.decode()
    response = _post(controller, _url("nulage"), "Läget är stabilt.", 0)
    assert response.status_code == 302
    assert PlanText.objects.get(period=period, section="nulage").text == "Läget är stabilt."


def test_the_page_refuses_edits_to_an_adopted_period(controller, period):
    _adopt(period)
    text = PlanText.objects.get(period=period, section="inledning")
    page = controller.get(_url("inledning")).content.decode()
    assert "Perioden 2026 är antagen, så texterna kan inte ändras." in page
    assert "disabled" in page
    response = _post(controller, _url("inledning"), "Ändrad i efterhand.", text.version)
    assert response.status_code == 200
    assert "Perioden 2026 är antagen, så texterna kan inte ändras." in response.content.decode()
    text.refresh_from_db()
    assert text.text.startswith("Denna verksamhetsplan")


def test_a_stale_form_gets_the_conflict_message_and_keeps_the_other_save(controller, period):
    text = PlanText.objects.get(period=period, section="inledning")
    seen = text.version
    text.text = "Någon annans inledning."
    text.save()
    response = _post(controller, _url("inledning"), "Min inledning.", seen)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Texten sparades inte" in page
    assert "sparade posten" in page and "Din ändring sparades inte." in page
    assert "Någon annans inledning." in page
    text.refresh_from_db()
    assert text.text == "Någon annans inledning."


def test_only_a_controller_may_open_the_texts(client, period):
    client.force_login(testing.make_reader())
    assert client.get(reverse("plan_texts:index", args=[2026])).status_code == 403
    assert client.get(_url("inledning")).status_code == 403


def test_an_unknown_section_or_unit_is_not_found(controller, period):
    assert controller.get(_url("forord")).status_code == 404
    assert controller.get(_url("enhet")).status_code == 404  # a unit's text needs the unit
    assert controller.get(_url("enhet", "finns-inte")).status_code == 404


def test_the_missing_texts_are_copied_from_the_year_before_and_written_ones_kept(
    controller, period
):
    next_year = PlanningPeriod.objects.create(federation=period.federation, year=2027)
    PlanText.objects.create(period=next_year, section="inledning", text="Redan skriven.")
    response = controller.post(reverse("plan_texts:copy", args=[2027]))
    assert response.status_code == 302
    assert next_year.plan_texts.count() == 14
    assert next_year.plan_texts.get(section="inledning").text == "Redan skriven."
    copied = next_year.plan_texts.get(section="nulage")
    assert copied.text.startswith("Enligt den undersökning")
    assert copied.source == "Kopierad från 2026"


def test_adoption_keeps_the_texts_of_the_revision_and_a_revision_shows_what_changed(
    controller, period
):
    _adopt(period)
    snapshot = PlanTextSnapshot.objects.get(period=period, revision=0)
    assert len(snapshot.texts) == 14
    periods.open_revision(period)
    text = PlanText.objects.get(period=period, section="nulage")
    response = _post(controller, _url("nulage"), "Nytt läge efter revidering.", text.version)
    assert response.status_code == 302
    page = controller.get(reverse("plan_texts:index", args=[2026])).content.decode()
    assert page.count("Ändrad i revideringen") == 1
    old = next(t for t in snapshot.texts if t["section"] == "nulage")
    assert old["text"].startswith("Enligt den undersökning")
