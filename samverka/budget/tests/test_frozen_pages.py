"""An adopted year's budget page is sent with an ETag and computed once per revision; a draft
year's page always shows the current figures."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from samverka.budget import validation
from samverka.budget.models import BudgetLine
from samverka.core import testing
from samverka.core.seeding import load_skaraborg
from samverka.decisions.models import Decision
from samverka.orgs import periods
from samverka.orgs.models import PlanningPeriod

pytestmark = pytest.mark.django_db


def _log_in(client, user):
    # As after the login page: the browser holds its CSRF cookie before it opens a page.
    client.force_login(user)
    client.get(reverse("core:overview"))


@pytest.fixture
def controller(client):
    load_skaraborg()
    _log_in(client, testing.make_controller())
    return client


def _adopt(period, day=datetime.date(2025, 12, 12)):
    decision = Decision.objects.create(
        federation=period.federation, date=day, title=f"Budget {period.year}"
    )
    return periods.adopt(period, decision, errors_acknowledged=True)


def _adopted_2026():
    # 2025 is adopted in the seed; adopting 2026 freezes both years the page shows.
    return _adopt(PlanningPeriod.objects.get(year=2026))


def test_a_second_request_with_the_etag_gets_not_modified(controller):
    _adopted_2026()
    url = reverse("budget:period", args=[2026])
    first = controller.get(url)
    assert first.status_code == 200
    assert first["ETag"]
    assert "private" in first["Cache-Control"] and "no-cache" in first["Cache-Control"]
    again = controller.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_the_download_of_an_adopted_year_has_its_own_etag(controller):
    _adopted_2026()
    url = reverse("budget:period", args=[2026])
    page = controller.get(url)
    download = controller.get(url, {"format": "csv"})
    assert download.status_code == 200
    assert download["ETag"] != page["ETag"]
    assert controller.get(url, headers={"if-none-match": page["ETag"]}).status_code == 304


def test_opening_a_revision_changes_the_etag_and_shows_the_new_figures(controller):
    period = _adopted_2026()
    url = reverse("budget:period", args=[2026])
    adopted = controller.get(url)["ETag"]
    periods.open_revision(period)
    during = controller.get(url, headers={"if-none-match": adopted})
    assert during.status_code == 200
    assert not during.has_header("ETag")
    line = BudgetLine.objects.filter(period=period, unit__isnull=False).first()
    line.amount = Decimal("123456789")
    line.save()
    assert "123\u00a0456\u00a0789" in controller.get(url).content.decode()
    _adopt(period, day=datetime.date(2026, 3, 1))
    revised = controller.get(url, headers={"if-none-match": adopted})
    assert revised.status_code == 200
    assert revised["ETag"] != adopted
    assert "123\u00a0456\u00a0789" in revised.content.decode()


def test_a_draft_year_sends_no_etag_and_always_shows_current_figures(controller):
    url = reverse("budget:period", args=[2026])
    first = controller.get(url)
    assert not first.has_header("ETag")
    line = BudgetLine.objects.filter(period__year=2026, unit__isnull=False).first()
    line.amount = Decimal("987654321")
    line.save()
    assert "987\u00a0654\u00a0321" in controller.get(url).content.decode()


def test_an_adopted_year_is_computed_once_per_revision(controller, monkeypatch):
    _adopted_2026()
    calls = []
    real = validation.run
    monkeypatch.setattr(validation, "run", lambda period: calls.append(period) or real(period))
    url = reverse("budget:period", args=[2026])
    controller.get(url)
    controller.get(url)
    controller.get(url, {"format": "xlsx"})
    assert len(calls) == 1


def test_a_reader_gets_another_etag_than_a_controller(client):
    load_skaraborg()
    _adopted_2026()
    url = reverse("budget:period", args=[2026])
    _log_in(client, testing.make_controller())
    as_controller = client.get(url)["ETag"]
    _log_in(client, testing.make_reader())
    as_reader = client.get(url, headers={"if-none-match": as_controller})
    assert as_reader.status_code == 200
    assert as_reader["ETag"] != as_controller


def test_no_one_without_a_role_gets_not_modified(client):
    load_skaraborg()
    _adopted_2026()
    url = reverse("budget:period", args=[2026])
    client.force_login(testing.make_controller())
    etag = client.get(url)["ETag"]
    client.force_login(testing.make_user(None, username="utan-roll"))
    assert client.get(url, headers={"if-none-match": etag}).status_code == 403
