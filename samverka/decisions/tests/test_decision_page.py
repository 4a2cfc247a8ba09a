"""Each decision has a page; a controller completes it with its diarienummer."""

import datetime

import pytest
from django.urls import reverse

from samverka.core import testing
from samverka.core.seeding import load_skaraborg
from samverka.decisions.models import Decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision():
    load_skaraborg()
    return Decision.objects.get(code="ansokan-kraftsamling-framtidsrusta")


def form_data(decision, **changes):
    data = {
        "reference_number": decision.reference_number,
        "status": decision.status,
        "number": decision.number,
        "title": decision.title,
        "text": decision.text,
        "seen_version": decision.version,
    }
    return data | changes


def test_a_decision_s_page_shows_its_facts_meeting_and_project(client, decision):
    client.force_login(testing.make_reader())
    response = client.get(
        reverse("decisions:decision", args=["ansokan-kraftsamling-framtidsrusta"])
    )
    html = response.content.decode()
    assert "<h1>Ansökan Kraftsamling Framtidsrusta barn och unga</h1>" in html
    assert "2025-10-10" in html
    assert reverse("decisions:meeting", args=["direktion", "2025-10-10"]) in html
    assert reverse("portfolio:project", args=["kraftsamling-framtidsrusta"]) in html
    assert "Ändra beslutet" not in html


def test_a_decision_without_a_code_is_addressed_by_its_id_and_only_so(client, decision):
    plain = Decision.objects.create(
        federation=decision.federation, date=datetime.date(2026, 2, 6), title="Årsredovisning"
    )
    client.force_login(testing.make_reader())
    assert plain.get_absolute_url() == f"/beslut/{plain.pk}/"
    assert client.get(plain.get_absolute_url()).status_code == 200
    assert client.get(f"/beslut/{decision.pk}/").status_code == 404, "it has a code"
    assert client.get("/beslut/finns-inte/").status_code == 404


def test_a_controller_saves_the_diarienummer_and_the_register_shows_and_finds_it(client, decision):
    client.force_login(testing.make_controller())
    url = reverse("decisions:decision_edit", args=[decision.ref])
    response = client.post(url, form_data(decision, reference_number="SKF 2025/102"))
    assert response.status_code == 302
    assert response["Location"] == decision.get_absolute_url()
    decision.refresh_from_db()
    assert decision.reference_number == "SKF 2025/102"

    assert "SKF 2025/102" in client.get(decision.get_absolute_url()).content.decode()
    register = client.get(reverse("decisions:index"), {"q": "2025/102"}).content.decode()
    assert '<th scope="col">Diarienummer</th>' in register
    assert "SKF 2025/102</td>" in register
    assert "1 beslut" in register
    assert f'<a href="{decision.get_absolute_url()}">{decision.title}</a>' in register


def test_a_stale_form_is_refused_with_the_newer_diarienummer(client, decision):
    client.force_login(testing.make_controller())
    stale = form_data(decision, reference_number="SKF 2025/999")
    decision.reference_number = "SKF 2025/102"
    decision.save()
    response = client.post(reverse("decisions:decision_edit", args=[decision.ref]), stale)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Beslutet sparades inte" in html
    assert "Någon annan har sparat ett nytt värde: SKF 2025/102." in html
    decision.refresh_from_db()
    assert decision.reference_number == "SKF 2025/102"


def test_only_a_controller_edits_a_decision(client, decision):
    client.force_login(testing.make_reader())
    url = reverse("decisions:decision_edit", args=[decision.ref])
    assert client.get(url).status_code == 403
    assert client.post(url, form_data(decision, reference_number="X")).status_code == 403


def test_the_adoption_of_a_period_records_the_decision_s_diarienummer(client, decision):
    from samverka.orgs.models import GoverningBody, PlanningPeriod

    period = PlanningPeriod.objects.get(year=2026)
    client.force_login(testing.make_controller())
    client.post(
        reverse("orgs:period_adopt", args=[2026]),
        {
            "body": GoverningBody.objects.get(code="direktion").pk,
            "date": "2025-12-12",
            "number": "§ 45",
            "title": "Budget och verksamhetsplan 2026",
            "reference_number": "SKF 2025/140",
            "errors_acknowledged": "on",
        },
    )
    period.refresh_from_db()
    assert period.decision.reference_number == "SKF 2025/140"
