"""403, 404 and 500 in Samverka's layout; the 500 page renders even without a database."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client, RequestFactory

from samverka.core import testing
from samverka.core.views import server_error

pytestmark = pytest.mark.django_db


def _database_down():
    return mock.patch.object(
        BaseDatabaseWrapper,
        "ensure_connection",
        side_effect=OperationalError("connection refused"),
    )


def test_a_server_error_shows_a_swedish_page_in_the_layout_when_the_database_is_down():
    client = Client(raise_request_exception=False)
    client.force_login(testing.make_reader())
    with _database_down():
        response = client.get("/oversikt/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "<h1>Något gick fel</h1>" in page
    assert "Det du sparade tidigare finns kvar" in page
    assert 'class="site-header"' in page and 'class="site-footer"' in page
    assert 'href="/static/samverka/samverka.css"' in page
    assert 'href="/tillganglighet/"' in page


def test_the_500_handler_itself_needs_no_database_no_user_and_no_context_processors():
    request = RequestFactory().get("/budget/2026/")  # no session, no user, no middleware
    with _database_down():
        response = server_error(request)
    assert response.status_code == 500
    assert "Något gick fel" in response.content.decode()


def test_an_unknown_address_gets_the_404_page_in_the_layout(client):
    client.force_login(testing.make_reader())
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "<h1>Sidan finns inte</h1>" in page
    assert 'class="site-header"' in page and "Tillgänglighetsredogörelse" in page


def test_a_user_without_a_role_gets_the_403_page_in_the_layout(client):
    client.force_login(testing.make_user())
    response = client.get("/budget/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "<h1>Åtkomst nekad</h1>" in page
    assert "Ditt konto har ingen roll i Samverka ännu." in page
    assert 'class="site-header"' in page
