"""The token pages: a user lists, creates (the secret shown once) and revokes their own
tokens; an administrator sees and revokes anyone's, and creates them for a user."""

import pytest
from django.test import Client
from django.urls import reverse

from samverka.accounts.models import Role
from samverka.api import tokens
from samverka.api.models import ApiToken
from samverka.api.testing import client_for
from samverka.core import testing

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    testing.make_federation()
    return testing.make_user(Role.READER, username="anna")


@pytest.fixture
def admin():
    return testing.make_user(Role.ADMIN, username="admin")


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_user_creates_a_token_and_sees_its_secret_once(reader):
    client = _logged_in(reader)

    created = client.post(reverse("api:tokens"), {"name": "Rapportskript"})

    assert created.status_code == 200
    assert created["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(user=reader)
    secret = created.context["secret"]
    page = created.content.decode()
    assert secret in page and "visas bara den här gången" in page
    assert client_for(secret).get("/api/v1/me").json()["username"] == "anna"

    listed = client.get(reverse("api:tokens")).content.decode()
    assert "Rapportskript" in listed and token.prefix in listed and secret not in listed


def test_a_token_needs_a_name(reader):
    response = _logged_in(reader).post(reverse("api:tokens"), {"name": ""})

    assert response.status_code == 400
    assert "Nyckeln skapades inte" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_user_revokes_their_own_token(reader):
    token, secret = tokens.create(reader, "Skript")

    response = _logged_in(reader).post(reverse("api:token_revoke", args=[token.prefix]))

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert client_for(secret).get("/api/v1/me").status_code == 401


def test_a_user_can_neither_see_nor_revoke_anothers_tokens(reader):
    other = testing.make_user(Role.READER, username="bertil")
    token, _secret = tokens.create(other, "Bertils skript")
    client = _logged_in(reader)

    assert client.get(reverse("api:user_tokens", args=["bertil"])).status_code == 403
    assert client.get(reverse("api:token_overview")).status_code == 403
    assert client.post(reverse("api:token_revoke", args=[token.prefix])).status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None


def test_an_administrator_sees_everyones_tokens_and_revokes_any(reader, admin):
    token, _secret = tokens.create(reader, "Annas skript")
    client = _logged_in(admin)

    overview = client.get(reverse("api:token_overview")).content.decode()
    assert "Annas skript" in overview and "anna" in overview

    back = reverse("api:token_overview")
    response = client.post(reverse("api:token_revoke", args=[token.prefix]), {"next": back})
    assert response.status_code == 302 and response["Location"] == back
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_an_administrator_creates_a_token_for_a_user(reader, admin):
    client = _logged_in(admin)

    response = client.post(reverse("api:user_tokens", args=["anna"]), {"name": "Ekonomisystemet"})

    assert response.status_code == 200
    assert ApiToken.objects.get().user == reader
    assert client_for(response.context["secret"]).get("/api/v1/me").json()["username"] == "anna"


def test_the_user_page_and_the_header_lead_to_the_tokens(reader, admin):
    client = _logged_in(admin)

    user_page = client.get(reverse("accounts:user", args=["anna"])).content.decode()
    assert reverse("api:user_tokens", args=["anna"]) in user_page
    assert (
        reverse("api:tokens") in _logged_in(reader).get(reverse("core:overview")).content.decode()
    )


def test_the_pages_are_private(reader):
    response = Client().get(reverse("api:tokens"))

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
