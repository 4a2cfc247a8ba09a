"""Kolada and SCB fetches started from the pages run as jobs: controller only, the page ends
with the fetch runs or the member, and a failed fetch keeps the last good values and says why."""

from urllib.parse import unquote

import httpx
import pytest
from django.urls import reverse

from samverka.core import testing
from samverka.goals import testing as gt
from samverka.goals.kolada import KoladaClient
from samverka.goals.models import FetchRun, Measurement
from samverka.jobs import kinds
from samverka.jobs.models import Job
from samverka.orgs import populations
from samverka.orgs.models import Population

pytestmark = pytest.mark.django_db

TITLE = "Invånare totalt, antal"


@pytest.fixture
def kolada(monkeypatch):
    federation = testing.make_federation()
    gt.make_members(federation, {"Skövde": "1496", "Hjo": "1497"})
    indicator = gt.make_kolada_indicator(gt.make_goal(federation), "N01951", TITLE)
    state = {"status": 200}

    def handler(request: httpx.Request) -> httpx.Response:
        if state["status"] != 200:
            return httpx.Response(state["status"], text="Service Unavailable")
        if unquote(request.url.path).startswith("/v3/kpi/"):
            return gt.json_response(gt.kolada_page([gt.kolada_kpi("N01951", TITLE)]))
        rows = [
            gt.kolada_row("N01951", "1496", 2024, 57500),
            gt.kolada_row("N01951", "1497", 2024, 9350),
        ]
        return gt.json_response(gt.kolada_page(rows))

    monkeypatch.setattr(
        kinds,
        "kolada_client",
        lambda: KoladaClient(
            transport=httpx.MockTransport(handler), sleep=lambda s: None, cache=None
        ),
    )
    state["indicator"] = indicator
    return state


def _start_kolada(client):
    return client.post(reverse("jobs:start_kolada"), {"first_year": 2023, "last_year": 2024})


def test_the_fetch_page_offers_the_kolada_fetch_to_a_controller_only(client, kolada):
    client.force_login(testing.make_controller())
    assert "Hämta från Kolada" in client.get(reverse("goals:fetch_runs")).content.decode()
    client.force_login(testing.make_reader())
    assert "Hämta från Kolada" not in client.get(reverse("goals:fetch_runs")).content.decode()
    assert _start_kolada(client).status_code == 403
    assert not Job.objects.exists()


def test_a_kolada_fetch_runs_as_a_job_and_ends_with_the_fetch_runs(client, kolada):
    client.force_login(testing.make_controller())
    response = _start_kolada(client)
    job = Job.objects.get()
    assert response.url == job.get_absolute_url()
    assert job.status == Job.Status.DONE and job.arguments["years"] == [2023, 2024]
    assert job.percent == 100
    assert Measurement.objects.filter(indicator=kolada["indicator"], year=2024).count() == 3
    page = client.get(response.url).content.decode()
    assert "Hämtat från Kolada: 3 värden sparade." in page
    assert reverse("goals:fetch_runs") in page


def test_a_failed_kolada_fetch_fails_the_job_and_keeps_the_fetch_run(client, kolada):
    kolada["status"] = 503
    client.force_login(testing.make_controller())
    response = _start_kolada(client)
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    assert job.message.startswith("Hämtningen från Kolada misslyckades.")
    assert "Inget sparades; de senast hämtade värdena gäller." in job.message
    assert FetchRun.objects.get().status == FetchRun.Status.FAILED
    assert not Measurement.objects.exists()
    assert "Jobbet misslyckades." in client.get(response.url).content.decode()


def test_the_scb_button_starts_a_job_that_ends_on_the_member(client, monkeypatch, settings):
    settings.SCB_ONLINE = True
    from samverka.goals.scb import ScbClient

    member = testing.make_member(testing.make_federation(), name="Skövde", municipality_code="1496")
    answer = gt.json_response(gt.json_stat2({("1496", "2024"): 57500}, "BE0101N1"))
    monkeypatch.setattr(
        populations,
        "scb_client",
        lambda: ScbClient(
            transport=httpx.MockTransport(lambda request: answer),
            sleep=lambda s: None,
            cache=None,
        ),
    )
    client.force_login(testing.make_controller())
    response = client.post(reverse("orgs:population_fetch", args=["1496"]), {"year": "2024"})
    job = Job.objects.get()
    assert response.url == job.get_absolute_url()
    assert job.kind == Job.Kind.SCB and job.status == Job.Status.DONE
    assert job.result_url == reverse("orgs:member", args=["1496"])
    assert Population.objects.get(member=member).inhabitants == 57500
