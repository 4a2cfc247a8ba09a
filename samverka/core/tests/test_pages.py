import pytest
from django.urls import reverse

from samverka.core import testing
from samverka.core.seeding import load_skaraborg

pytestmark = pytest.mark.django_db


def test_everything_but_the_login_page_requires_a_login(client):
    response = client.get(reverse("core:overview"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert client.get(reverse("accounts:login")).status_code == 200


def test_the_overview_shows_members_with_population_units_and_bodies(client):
    load_skaraborg()
    client.force_login(testing.make_reader())
    page = client.get(reverse("core:overview")).content.decode()
    assert "Skaraborgs Kommunalförbund" in page
    assert "Lidköping" in page and "40\u00a0425" in page
    assert "Folkmängd saknas" in page  # Skövde's figure is not in the sources
    assert "Projektenhet" in page
    assert "Direktionen" in page
    assert '<html lang="sv">' in page


@pytest.mark.parametrize(
    "name,args",
    [
        ("orgs:index", []),
        ("orgs:members", []),
        ("orgs:member", ["1496"]),
        ("orgs:units", []),
        ("orgs:unit", ["projektenhet"]),
        ("orgs:bodies", []),
        ("orgs:body", ["direktion"]),
        ("orgs:networks", []),
        ("orgs:periods", []),
        ("orgs:period", [2026]),
        ("budget:index", []),
        ("goals:index", []),
        ("plan:index", []),
        ("portfolio:index", []),
        ("reports:index", []),
    ],
)
def test_every_page_renders_for_a_reader(client, name, args):
    load_skaraborg()
    client.force_login(testing.make_reader())
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200


def test_the_board_page_lists_thirty_seats(client):
    load_skaraborg()
    client.force_login(testing.make_reader())
    page = client.get(reverse("orgs:body", args=["direktion"])).content.decode()
    assert page.count("Kommunstyrelsens ordförande") == 15
    assert page.count("Oppositionsföreträdare") == 15


def test_a_controller_adopts_a_period_through_the_page(client):
    load_skaraborg()
    client.force_login(testing.make_controller())
    response = client.post(
        reverse("orgs:period_adopt", args=[2026]),
        {
            "body": _board_pk(),
            "date": "2025-12-12",
            "number": "§ 80",
            "title": "Budget 2026",
            # The printed budget has open errors; the controller confirms knowing them.
            "errors_acknowledged": "on",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("orgs:period", args=[2026])).content.decode()
    assert "Antagen" in page and "§ 80" in page


def test_a_reader_cannot_adopt(client):
    load_skaraborg()
    client.force_login(testing.make_reader())
    response = client.post(
        reverse("orgs:period_adopt", args=[2026]),
        {"body": _board_pk(), "date": "2025-12-12", "title": "Budget 2026"},
    )
    assert response.status_code == 403


def _board_pk():
    from samverka.orgs.models import GoverningBody

    return GoverningBody.objects.get(code="direktion").pk


def test_the_interface_is_swedish_by_default_and_english_on_request(client):
    client.force_login(testing.make_reader())
    swedish = client.get(reverse("core:overview")).content.decode()
    assert "Hoppa till innehållet" in swedish
    client.post(reverse("set_language"), {"language": "en", "next": "/oversikt/"})
    english = client.get(reverse("core:overview")).content.decode()
    assert '<html lang="en">' in english
    assert "Skip to content" in english


def test_a_login_without_a_role_sees_nothing(client):
    client.force_login(testing.make_user())
    assert client.get(reverse("core:overview")).status_code == 403
    assert client.get(reverse("orgs:units")).status_code == 403
