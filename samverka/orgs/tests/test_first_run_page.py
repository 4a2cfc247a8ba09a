"""The first-run page /kom-igang/: open without login only on an empty database, with the token."""

import httpx
import pytest
from django.urls import reverse

from samverka.core import testing
from samverka.goals import testing as gt
from samverka.goals.scb import ScbClient
from samverka.orgs import populations
from samverka.orgs.models import Federation, Population

pytestmark = pytest.mark.django_db

TOKEN = "hemlig-nyckel-123"  # noqa: S105
PASSWORD = "ett-langt-losenord-2026"  # noqa: S105
SJUHARAD = ["1443", "1490", "1466", "1463", "1465", "1452", "1491", "1442"]


def answers(**changes) -> dict:
    data = {
        "token": TOKEN,
        "name": "Boråsregionen Sjuhärads kommunalförbund",
        "short_name": "Sjuhärad",
        "organisation_number": "",
        "governance": "direktion",
        "members": SJUHARAD,
        "year": "2026",
        "fee_per_inhabitant": "30,00",
        "payroll_overhead_rate": "",
        "units": "Kansli\nVälfärd",
        "admin_username": "forvaltare",
        "admin_email": "",
        "admin_password": PASSWORD,
        "admin_password2": PASSWORD,
    }
    return data | changes


@pytest.fixture
def token(settings):
    settings.SETUP_TOKEN = TOKEN
    settings.SCB_ONLINE = False


def test_without_a_token_configured_the_page_is_closed_and_says_how(client, settings):
    settings.SETUP_TOKEN = ""
    page = client.get(reverse("first_run:start"))
    assert page.status_code == 200
    assert "SAMVERKA_SETUP_TOKEN" in page.content.decode()
    assert "<form" not in page.content.decode()
    client.post(reverse("first_run:start"), answers())
    assert not Federation.objects.exists()


def test_the_page_is_open_without_login_while_no_federation_exists(client, token):
    page = client.get(reverse("first_run:start"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Västra Götalands län" in text
    assert 'value="1490"' in text


def test_the_wrong_token_is_refused(client, token):
    page = client.post(reverse("first_run:start"), answers(token="gissad"))
    assert page.status_code == 200
    assert "Nyckeln stämmer inte." in page.content.decode()
    assert "first_run" not in client.session


def test_after_a_federation_exists_the_page_answers_404(client, token):
    testing.make_federation()
    assert client.get(reverse("first_run:start")).status_code == 404
    assert client.get(reverse("first_run:check")).status_code == 404


def test_every_problem_is_shown_on_its_field(client, token):
    page = client.post(
        reverse("first_run:start"),
        answers(members=[], admin_password2="annat", units="Kansli\nkansli"),
    )
    text = page.content.decode()
    assert "Välj förbundets medlemskommuner." in text
    assert "Lösenorden är inte lika." in text
    assert "Enheten ”kansli” står två gånger." in text


def test_offline_the_summary_asks_for_populations_and_creates_everything_and_logs_in(client, token):
    response = client.post(reverse("first_run:start"), answers())
    assert response.status_code == 302
    summary = client.get(reverse("first_run:check")).content.decode()
    assert "Boråsregionen Sjuhärads kommunalförbund" in summary
    assert 'name="population_1490"' in summary
    assert not Federation.objects.exists()  # nothing saved before the confirmation
    response = client.post(
        reverse("first_run:check"), {"population_1490": "115 000", "population_1443": ""}
    )
    assert response.status_code == 302
    assert response.url == reverse("budget:period", args=[2026])
    assert Federation.objects.get().code == "sjuharad"
    assert Population.objects.get().inhabitants == 115000
    budget = client.get(response.url)
    assert budget.status_code == 200
    assert "saknas för 7 av 8 medlemmar" in budget.content.decode()
    assert client.get(reverse("first_run:start")).status_code == 404


def test_a_population_that_is_not_a_number_is_refused_with_nothing_saved(client, token):
    client.post(reverse("first_run:start"), answers())
    page = client.post(reverse("first_run:check"), {"population_1490": "många"})
    assert "Skriv folkmängden som ett heltal" in page.content.decode()
    assert not Federation.objects.exists()


def test_online_the_summary_shows_what_scb_answered(client, token, settings, monkeypatch):
    settings.SCB_ONLINE = True
    answer = {(code, "2024"): 12345 for code in SJUHARAD}

    def handler(request):
        return gt.json_response(gt.json_stat2(answer, "BE0101N1"))

    monkeypatch.setattr(
        populations,
        "scb_client",
        lambda: ScbClient(transport=httpx.MockTransport(handler), sleep=lambda s: None, cache=None),
    )
    client.post(reverse("first_run:start"), answers())
    summary = client.get(reverse("first_run:check")).content.decode()
    assert "hämtade från SCB" in summary
    assert "12\u00a0345" in summary or "12 345" in summary
    client.post(reverse("first_run:check"))
    assert Population.objects.count() == 8
    assert Population.objects.first().source.startswith("SCB")


def test_a_fresh_installation_starts_at_the_first_run_page(client, token):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == reverse("first_run:start")


def test_with_a_federation_the_start_page_leads_to_the_overview_and_the_login(client):
    testing.make_federation()
    assert client.get("/").url == reverse("core:overview")
    assert client.get(reverse("core:overview")).url.startswith(reverse("accounts:login"))


def test_the_no_federation_page_says_how_to_set_one_up(client):
    client.force_login(testing.make_reader())
    page = client.get(reverse("core:overview")).content.decode()
    assert "samverka init" in page
    assert f'href="{reverse("first_run:start")}"' in page


def test_answers_given_under_an_old_token_do_not_count_after_it_is_changed(client, token, settings):
    client.post(reverse("first_run:start"), answers())
    settings.SETUP_TOKEN = "en-ny-nyckel-456"
    response = client.post(reverse("first_run:check"), {"population_1490": "115000"})
    assert response.status_code == 302
    assert response.url == reverse("first_run:start")
    assert not Federation.objects.exists()
