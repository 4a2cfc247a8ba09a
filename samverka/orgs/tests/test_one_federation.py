"""An installation serves one federation; pages and lookups never pick "the first one"."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.urls import reverse

from samverka.core import testing
from samverka.orgs import federation
from samverka.orgs.federation import NoFederationError, get_period_or_404
from samverka.orgs.models import Federation

pytestmark = pytest.mark.django_db


def test_the_database_refuses_a_second_federation():
    testing.make_federation()
    with pytest.raises(IntegrityError), transaction.atomic():
        Federation.objects.create(code="andra", name="Andra förbundet")
    assert Federation.objects.count() == 1


def test_validation_says_in_swedish_that_an_installation_has_one_federation():
    testing.make_federation()
    second = Federation(code="andra", name="Andra förbundet")
    with pytest.raises(ValidationError) as exc:
        second.full_clean()
    assert "en installation har ett enda förbund" in str(exc.value)


def test_current_is_the_one_federation():
    only = testing.make_federation(name="Fyrbodals kommunalförbund")
    assert federation.current() == only


def test_current_says_that_no_federation_is_set_up_on_an_empty_database():
    with pytest.raises(NoFederationError, match="Inget förbund är inläst ännu"):
        federation.current()
    assert federation.current_or_none() is None
    assert list(federation.periods()) == []


def test_a_period_is_found_by_year_within_the_federation():
    fed = testing.make_federation()
    period = testing.make_period(fed, 2026)
    assert get_period_or_404(2026) == period
    with pytest.raises(Http404):
        get_period_or_404(2027)


def test_the_overview_says_so_when_no_federation_is_set_up(client):
    client.force_login(testing.make_reader())
    response = client.get(reverse("core:overview"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Inget förbund är inläst ännu" in text
    assert "samverka load-skaraborg" in text


@pytest.mark.parametrize(
    "url",
    [
        reverse("budget:period", args=[2026]),
        reverse("orgs:index"),
        reverse("orgs:period", args=[2026]),
        reverse("ledger:mapping"),
    ],
)
def test_pages_that_need_the_federation_explain_instead_of_failing(client, url):
    client.force_login(testing.make_reader())
    response = client.get(url)
    assert response.status_code == 200
    assert "Inget förbund är inläst ännu" in response.content.decode()


@pytest.mark.parametrize(
    "name",
    ["budget:index", "goals:index", "plan:index", "ledger:index", "reports:index", "orgs:periods"],
)
def test_list_pages_work_on_an_empty_database(client, name):
    client.force_login(testing.make_reader())
    assert client.get(reverse(name)).status_code == 200
