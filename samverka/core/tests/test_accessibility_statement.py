"""The accessibility statement (lag 2018:1937, DIGG's model): open to all, linked from every
footer, with the contact for reporting a barrier and the supervisory authority."""

import pytest
from django.urls import reverse

from samverka.core import accessibility, testing

pytestmark = pytest.mark.django_db


def test_anyone_can_read_the_statement_without_logging_in(client):
    response = client.get(reverse("core:accessibility"))
    assert response.status_code == 200
    page = response.content.decode()
    for heading in (
        "Hur tillgänglig är webbtjänsten?",
        "Kända brister",
        "Rapportera brister i webbtjänstens tillgänglighet",
        "Tillsyn",
        "Hur vi testat webbtjänsten",
    ):
        assert heading in page
    assert f'href="{accessibility.SUPERVISORY_AUTHORITY_URL}"' in page
    assert "Myndigheten för digital förvaltning (Digg)" in page


def test_the_statement_reports_the_automated_check(client):
    page = client.get(reverse("core:accessibility")).content.decode()
    assert f"{accessibility.PAGES_CHECKED} sidor, inloggad som ekonom" in page
    assert accessibility.CHECKED_ON.isoformat() in page
    assert "1366 px och 390 px" in page
    assert "Inga avvikelser från WCAG 2.1 A och AA som axe-core kan upptäcka." in page


def test_barriers_are_reported_to_the_federations_own_address(client):
    testing.make_federation(name="Testförbundet", contact_email="tillganglighet@example.se")
    page = client.get(reverse("core:accessibility")).content.decode()
    assert "Testförbundet står bakom den här webbtjänsten" in page
    assert 'href="mailto:tillganglighet@example.se"' in page


def test_without_an_address_the_statement_says_so_instead_of_inventing_one(client):
    testing.make_federation(name="Testförbundet")
    page = client.get(reverse("core:accessibility")).content.decode()
    assert "mailto:" not in page
    assert "Förbundet har ännu inte angett någon e-postadress för synpunkter." in page


def test_every_page_links_the_statement_from_its_footer(client):
    link = f'href="{reverse("core:accessibility")}"'
    assert link in client.get(reverse("accounts:login")).content.decode()
    client.force_login(testing.make_reader())
    assert link in client.get(reverse("core:overview")).content.decode()
