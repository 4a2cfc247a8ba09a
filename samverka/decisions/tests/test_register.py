import datetime

import pytest
from django.urls import reverse

from samverka.core import testing
from samverka.core.seeding import load_skaraborg
from samverka.decisions.models import AgendaItem, Decision, Matter, Meeting
from samverka.orgs.models import GoverningBody

pytestmark = pytest.mark.django_db


def test_the_register_searches_the_text_and_filters_by_body_and_year(client):
    load_skaraborg()
    federation = GoverningBody.objects.get(code="direktion").federation
    presidium = GoverningBody.objects.get(code="presidium")
    Decision.objects.create(
        federation=federation,
        body=presidium,
        date=datetime.date(2025, 11, 7),
        title="Beredning av rörlighetsärendet",
        text="Presidiet föreslår ansökan.",
    )
    client.force_login(testing.make_reader())
    url = reverse("decisions:index")

    page = client.get(url, {"q": "rörlighet"}).content.decode()
    assert "Ansökan Förstudie ökad rörlighet" in page
    assert "Beredning av rörlighetsärendet" in page
    assert "Ansökan Stärkt APL" not in page

    page = client.get(url, {"q": "rörlighet", "organ": "direktion"}).content.decode()
    assert "Ansökan Förstudie ökad rörlighet" in page
    assert "Beredning av rörlighetsärendet" not in page

    page = client.get(url, {"ar": "2024"}).content.decode()
    assert "1 beslut" in page
    assert "Finansiering av Omställning Skaraborg" in page
    assert "Ansökan Stärkt APL" not in page


def test_the_register_shows_what_a_decision_decides(client):
    load_skaraborg()
    client.force_login(testing.make_reader())
    page = client.get(reverse("decisions:index"), {"q": "DRUM"}).content.decode()
    assert (
        "Finansieringsbeslut: Finansiering med delregionala utvecklingsmedel (DRUM) 2024–2026"
        in page
    )


def test_each_dated_board_decision_has_its_meeting(client):
    load_skaraborg()
    decision = Decision.objects.get(code="ansokan-forstudie-okad-rorlighet")
    assert decision.meeting.date == datetime.date(2025, 11, 7)
    assert decision.meeting.body.code == "direktion"
    client.force_login(testing.make_reader())
    page = client.get(reverse("decisions:meeting", args=["direktion", "2025-11-07"])).content
    assert "Ansökan Förstudie ökad rörlighet" in page.decode()
    assert Meeting.objects.count() == 5


def test_a_matter_travels_from_the_steering_group_to_the_board(client):
    load_skaraborg()
    steering = GoverningBody.objects.get(code="styrgrupp")
    matter = Matter.objects.create(
        federation=steering.federation, code="ny-insats", title="Ny insats", origin=steering
    )
    assert [b.code for b in matter.path()] == [
        "styrgrupp",
        "politisk-referensgrupp",
        "presidium",
        "direktion",
    ]
    meeting = Meeting.objects.create(body=steering, date=datetime.date(2026, 3, 2))
    AgendaItem.objects.create(meeting=meeting, order=1, matter=matter, title="Ny insats")
    client.force_login(testing.make_reader())
    page = client.get(reverse("decisions:meeting", args=["styrgrupp", "2026-03-02"])).content
    page = page.decode()
    assert "Ärendets väg" in page
    assert page.index("Direktionens presidium") < page.index("Direktionen</a>")


def test_an_unknown_meeting_date_is_not_found(client):
    client.force_login(testing.make_reader())
    response = client.get(reverse("decisions:meeting", args=["direktion", "2025-13-01"]))
    assert response.status_code == 404


def test_adopting_a_period_links_the_decision_to_the_period(client):
    from samverka.orgs import periods

    federation = testing.make_federation()
    period = testing.make_period(federation, 2026)
    decision = Decision.objects.create(
        federation=federation, date=datetime.date(2025, 12, 12), title="Budget 2026", number="§ 88"
    )
    periods.adopt(period, decision)
    assert decision.links.get().target == period
    client.force_login(testing.make_reader())
    page = client.get(reverse("decisions:index"), {"q": "§ 88"}).content.decode()
    assert "Planeringsperiod: Budget och verksamhetsplan 2026" in page


def test_a_long_register_is_split_into_pages_that_keep_the_filter(client):
    federation = testing.make_federation()
    Decision.objects.bulk_create(
        Decision(federation=federation, date=datetime.date(2020, 1, 1), title=f"Beslut nr {i:03}")
        for i in range(150)
    )
    client.force_login(testing.make_reader())
    page = client.get(reverse("decisions:index"), {"q": "nr", "ar": "2020"}).content.decode()
    assert "150 beslut – visar 1–100" in page
    assert "?q=nr&amp;ar=2020&amp;sida=2" in page
    page = client.get(reverse("decisions:index"), {"q": "nr", "ar": "2020", "sida": "2"})
    assert "visar 101–150" in page.content.decode()
