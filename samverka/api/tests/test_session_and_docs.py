"""The API beside the pages: a logged-in browser may use it (a write needs the CSRF token, as
with ninja's django_auth), an anonymous caller gets 401 JSON instead of the login page, and
the schema and docs are public and load nothing from another server."""

import re

import pytest
from django.test import Client

from samverka.api.testing import build_world
from samverka.core import testing

pytestmark = pytest.mark.django_db
LINE = "/api/v1/periods/2026/units/enhet-a/budget-lines/personal"


def test_an_anonymous_caller_gets_401_json_not_the_login_page():
    response = Client().get("/api/v1/projects")

    assert response.status_code == 401
    assert response.json()["errors"] == []


def test_a_logged_in_browser_reads_with_its_session():
    world = build_world()
    client = Client()
    client.force_login(world.users["reader"])

    response = client.get("/api/v1/units/enhet-a")

    assert response.status_code == 200
    assert response.json()["name"] == "Enhet A"


def test_a_browser_write_needs_the_csrf_token():
    world = build_world()
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["controller"])
    client.get("/api/nycklar/")  # a page sets the CSRF cookie
    body = {"amount": "-1100", "version": 1}

    refused = client.patch(LINE, body, content_type="application/json")
    assert refused.status_code == 403
    assert "X-CSRFToken" in refused.json()["detail"]

    token = client.cookies["csrftoken"].value
    accepted = client.patch(LINE, body, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 200


def test_who_am_i_answers_a_user_without_a_role_and_nothing_else_does():
    world = build_world()
    client = world.client("no_role")

    me = client.get("/api/v1/me")
    assert me.status_code == 200
    assert me.json()["roles"] == [] and me.json()["username"] == "no_role"

    refused = client.get("/api/v1/units")
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Ditt konto har ingen roll i Samverka ännu."


def test_who_am_i_names_the_roles_the_token_runs_with():
    world = build_world()

    me = world.client("manager_a").get("/api/v1/me").json()

    assert me["roles"] == ["unit_manager"] and me["managed_units"] == ["enhet-a"]
    assert me["token"] == world.users["manager_a"].api_tokens.get().prefix


def test_the_schema_is_public_and_says_money_is_text_with_two_decimals():
    response = Client().get("/api/v1/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    amount = schema["components"]["schemas"]["BudgetLineOut"]["properties"]["amount"]
    assert amount["type"] == "string" and amount["pattern"] == r"^-?\d+\.\d{2}$"
    assert set(schema["components"]["securitySchemes"]) == {"TokenAuth", "BrowserSession"}


def test_the_docs_are_public_and_load_only_this_servers_files():
    response = Client().get("/api/docs")

    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(source.startswith("/static/") for source in sources), sources
    assert '"validatorUrl": null' in html  # Swagger UI would ask validator.swagger.io
    assert Client().get(sources[0]).status_code == 200


def test_an_unknown_api_path_is_a_json_404():
    testing.make_federation()

    response = Client().get("/api/v1/finns-inte")

    assert response.status_code == 404
    assert response.json()["detail"] == "Det finns ingen sådan adress i API:et."
