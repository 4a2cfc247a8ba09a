"""Populations per member entered, corrected, removed and fetched from SCB on the member page."""

import datetime

import httpx
import pytest
from django.urls import reverse

from samverka.audit.models import LogEntry
from samverka.core import testing
from samverka.core.seeding import load_skaraborg
from samverka.goals import testing as gt
from samverka.goals.fetching import SCB_POPULATION_SOURCE
from samverka.goals.scb import ScbClient
from samverka.orgs import populations
from samverka.orgs.models import Member, Population

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


@pytest.fixture
def member():
    federation = testing.make_federation()
    return testing.make_member(federation, name="Skövde", municipality_code="1496")


def _add_url(member):
    return reverse("orgs:population_add", args=[member.municipality_code])


def _edit_url(population, name="orgs:population_edit"):
    day = str(population.reference_date)[:10]
    return reverse(name, args=[population.member.municipality_code, day])


def _add(client, member, **data):
    payload = {
        "reference_date": "2024-12-31",
        "inhabitants": "57 500",
        "source": "SCB, folkmängd 31 december 2024",
        "seen_version": 0,
    }
    return client.post(_add_url(member), payload | data)


def test_the_controller_enters_a_population_with_its_source_and_date(client, member):
    controller = testing.make_controller()
    client.force_login(controller)
    assert client.get(_add_url(member)).status_code == 200
    response = _add(client, member)
    assert response.status_code == 302
    assert response["Location"] == reverse("orgs:member", args=["1496"])
    row = Population.objects.get(member=member)
    assert (row.reference_date, row.inhabitants, row.source) == (
        datetime.date(2024, 12, 31),
        57500,
        "SCB, folkmängd 31 december 2024",
    )
    entry = LogEntry.objects.get(
        content_type__model="population", object_id=str(row.pk), action="created"
    )
    assert entry.user == controller
    page = client.get(reverse("orgs:member", args=["1496"])).content.decode()
    assert f"57{NBSP}500" in page
    assert "SCB, folkmängd 31 december 2024" in page


def test_the_administrator_may_enter_populations_too(client, member):
    client.force_login(testing.make_user("admin"))
    assert _add(client, member).status_code == 302
    assert Population.objects.filter(member=member).exists()


def test_readers_and_unit_managers_may_not_enter_populations(client, member):
    unit = testing.make_unit(member.federation)
    for user in (testing.make_reader(), testing.make_unit_manager(unit)):
        client.force_login(user)
        assert client.get(_add_url(member)).status_code == 403
        assert _add(client, member).status_code == 403
        page = client.get(reverse("orgs:member", args=["1496"])).content.decode()
        assert "Lägg till folkmängd" not in page
    assert not Population.objects.exists()


def test_someone_not_logged_in_is_sent_to_the_login_page(client, member):
    response = _add(client, member)
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not Population.objects.exists()


def test_a_figure_that_is_not_a_number_is_refused_on_its_field(client, member):
    client.force_login(testing.make_controller())
    response = _add(client, member, inhabitants="femtiotusen")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in page and 'href="#id_inhabitants"' in page
    assert "Ange antalet invånare som ett heltal, t.ex. 57 500." in page
    assert not Population.objects.exists()


def test_a_missing_source_or_a_zero_is_refused_in_swedish(client, member):
    client.force_login(testing.make_controller())
    page = _add(client, member, source="", inhabitants="0").content.decode()
    assert "Detta fält måste fyllas i." in page
    assert "Antalet invånare måste vara minst 1." in page
    assert not Population.objects.exists()


def test_a_second_figure_for_the_same_date_is_refused_and_the_first_kept(client, member):
    gt.give_population(member, 2024, 57016, source="Regionfakta")
    client.force_login(testing.make_controller())
    page = _add(client, member).content.decode()
    assert "Skövde har redan en folkmängd per 2024-12-31." in page
    assert list(Population.objects.values_list("inhabitants", flat=True)) == [57016]


def test_the_controller_corrects_a_figure_and_the_change_is_logged(client, member):
    row = gt.give_population(member, 2024, 57016, source="Regionfakta")
    client.force_login(testing.make_controller())
    assert client.get(_edit_url(row)).status_code == 200
    response = client.post(
        _edit_url(row),
        {
            "reference_date": "2024-12-31",
            "inhabitants": "57500",
            "source": "Regionfakta",
            "seen_version": row.version,
        },
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.inhabitants == 57500
    entry = LogEntry.objects.get(object_id=str(row.pk), action="updated")
    assert entry.data["changes"]["inhabitants"] == {"before": 57016, "after": 57500}


def test_a_correction_of_a_fetched_figure_must_name_its_source_so_a_fetch_keeps_it(client, member):
    row = gt.give_population(member, 2024, 57016, source=f"{SCB_POPULATION_SOURCE} 2024")
    client.force_login(testing.make_controller())
    payload = {"reference_date": "2024-12-31", "inhabitants": "57500", "seen_version": row.version}
    page = client.post(_edit_url(row), payload | {"source": row.source}).content.decode()
    assert "Ange varifrån den rättade siffran kommer." in page
    row.refresh_from_db()
    assert row.inhabitants == 57016
    client.post(_edit_url(row), payload | {"source": "Kommunens egen räkning"})
    row.refresh_from_db()
    assert (row.inhabitants, row.source) == (57500, "Kommunens egen räkning")


def test_a_stale_correction_is_refused_and_shows_the_newer_figure(client, member):
    row = gt.give_population(member, 2024, 57016, source="Regionfakta")
    seen = row.version
    row.inhabitants = 57100
    row.save()
    client.force_login(testing.make_controller())
    response = client.post(
        _edit_url(row),
        {
            "reference_date": "2024-12-31",
            "inhabitants": "57500",
            "source": "Regionfakta",
            "seen_version": seen,
        },
    )
    assert f"Någon annan har sparat ett nytt värde: 57{NBSP}100" in response.content.decode()
    row.refresh_from_db()
    assert row.inhabitants == 57100


def test_the_controller_removes_a_wrong_figure(client, member):
    row = gt.give_population(member, 2023, 1, source="felskrivning")
    pk = str(row.pk)
    client.force_login(testing.make_controller())
    response = client.post(_edit_url(row, "orgs:population_delete"))
    assert response["Location"] == reverse("orgs:member", args=["1496"])
    assert not Population.objects.exists()
    assert LogEntry.objects.filter(object_id=pk, action="deleted").exists()


def test_a_reader_may_neither_correct_nor_remove_a_figure(client, member):
    row = gt.give_population(member, 2024, 57016)
    client.force_login(testing.make_reader())
    assert client.get(_edit_url(row)).status_code == 403
    assert client.post(_edit_url(row, "orgs:population_delete")).status_code == 403
    assert Population.objects.filter(inhabitants=57016).exists()


def test_entering_the_six_missing_populations_makes_the_fees_cover_the_whole_fee(client):
    load_skaraborg()
    client.force_login(testing.make_controller())
    fees_url = reverse("budget:fees", args=[2026])
    page = client.get(fees_url).content.decode()
    assert "Folkmängden per 2024-12-31 saknas för 6 kommuner" in page
    missing = Member.objects.filter(populations__isnull=True).order_by("name")
    assert [m.name for m in missing] == ["Skara", "Skövde", "Tibro", "Tidaholm", "Töreboda", "Vara"]
    for m in missing:  # the notice leads to the form for each, with the fee's date filled in
        assert f"{_add_url(m)}?datum=2024-12-31" in page
    # Test figures: together they are the 126 035 inhabitants the budgeted fee implies.
    figures = {
        "Skara": 18900,
        "Skövde": 57500,
        "Tibro": 11335,
        "Tidaholm": 12900,
        "Töreboda": 9600,
        "Vara": 15800,
    }
    for m in missing:
        response = client.get(f"{_add_url(m)}?datum=2024-12-31")
        assert 'value="2024-12-31"' in response.content.decode()
        _add(client, m, inhabitants=str(figures[m.name]))
    page = client.get(fees_url).content.decode()
    assert "saknas" not in page
    assert "kan inte beräknas" not in page
    # 269 654 inhabitants × 50,55 kr: the budgeted 13 631 000 kr, rounded to thousands.
    assert (
        f'<td class="num">269{NBSP}654</td><td class="num">13{NBSP}631{NBSP}009,70&nbsp;kr' in page
    )


def test_the_overview_links_each_missing_population_to_its_form(client):
    load_skaraborg()
    client.force_login(testing.make_controller())
    page = client.get(reverse("core:overview")).content.decode()
    assert "Summan saknar 6 kommuner" in page
    assert _add_url(Member.objects.get(name="Vara")) in page


# SCB: the replayed answers are in SCB's documented JSON-stat 2.0 format (goals.testing).


@pytest.fixture
def scb(monkeypatch, settings):
    """SCB online, answered by a MockTransport; `requests` holds what was asked."""
    settings.SCB_ONLINE = True
    state = {"handler": None, "requests": []}

    def handler(request):
        state["requests"].append(request)
        return state["handler"](request)

    monkeypatch.setattr(
        populations,
        "scb_client",
        lambda: ScbClient(transport=httpx.MockTransport(handler), sleep=lambda s: None, cache=None),
    )
    return state


def _population_answer(values):
    return lambda request: gt.json_response(gt.json_stat2(values, "BE0101N1"))


def test_the_scb_button_is_shown_only_when_fetching_is_configured(client, member, settings):
    client.force_login(testing.make_controller())
    settings.SCB_ONLINE = False
    assert (
        "Hämta från SCB" not in client.get(reverse("orgs:member", args=["1496"])).content.decode()
    )
    settings.SCB_ONLINE = True
    assert "Hämta från SCB" in client.get(reverse("orgs:member", args=["1496"])).content.decode()
    assert "Hämta från SCB" in client.get(reverse("orgs:members")).content.decode()


def test_the_button_fetches_the_population_of_that_member_from_scb(client, member, scb):
    other = testing.make_member(member.federation, name="Hjo", municipality_code="1497")
    scb["handler"] = _population_answer({("1496", "2024"): 57500})
    client.force_login(testing.make_controller())
    response = client.post(
        reverse("orgs:population_fetch", args=["1496"]), {"year": "2024"}, follow=True
    )
    assert "Hämtat från SCB: 1 värden sparade." in response.content.decode()
    (request,) = scb["requests"]
    assert request.url.params["valueCodes[Region]"] == "1496"
    assert request.url.params["valueCodes[Tid]"] == "2024"
    row = Population.objects.get(member=member)
    assert (row.reference_date, row.inhabitants) == (datetime.date(2024, 12, 31), 57500)
    assert row.source == f"{SCB_POPULATION_SOURCE} 2024"
    assert not Population.objects.filter(member=other).exists()


def test_the_list_button_fetches_every_member(client, member, scb):
    testing.make_member(member.federation, name="Hjo", municipality_code="1497")
    scb["handler"] = _population_answer({("1496", "2024"): 57500, ("1497", "2024"): 9350})
    client.force_login(testing.make_controller())
    client.post(reverse("orgs:population_fetch_all"), {"year": "2024"})
    assert scb["requests"][0].url.params["valueCodes[Region]"] == "1496,1497"
    assert sorted(Population.objects.values_list("inhabitants", flat=True)) == [9350, 57500]


def test_a_failed_fetch_says_so_in_swedish_and_keeps_the_values(client, member, scb):
    gt.give_population(member, 2024, 57016, source=f"{SCB_POPULATION_SOURCE} 2024")
    scb["handler"] = lambda request: httpx.Response(503, text="Service Unavailable")
    client.force_login(testing.make_controller())
    response = client.post(
        reverse("orgs:population_fetch", args=["1496"]), {"year": "2024"}, follow=True
    )
    page = response.content.decode()
    assert "Hämtningen från SCB misslyckades; folkmängden är oförändrad." in page
    assert "Inget sparades; de senast hämtade värdena gäller." in page
    assert list(Population.objects.values_list("inhabitants", flat=True)) == [57016]


def test_a_hand_entered_figure_survives_a_fetch_and_the_difference_is_shown(client, member, scb):
    gt.give_population(member, 2024, 57016, source="Kommunens egen räkning")
    scb["handler"] = _population_answer({("1496", "2024"): 57500})
    client.force_login(testing.make_controller())
    response = client.post(
        reverse("orgs:population_fetch", args=["1496"]), {"year": "2024"}, follow=True
    )
    assert "SCB anger 57500" in response.content.decode()
    assert list(Population.objects.values_list("inhabitants", flat=True)) == [57016]


def test_a_reader_cannot_fetch_from_scb(client, member, scb):
    scb["handler"] = _population_answer({("1496", "2024"): 57500})
    client.force_login(testing.make_reader())
    response = client.post(reverse("orgs:population_fetch", args=["1496"]), {"year": "2024"})
    assert response.status_code == 403
    assert scb["requests"] == [] and not Population.objects.exists()
