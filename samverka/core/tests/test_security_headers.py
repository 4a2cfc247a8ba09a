"""Every answer carries the Content-Security-Policy and the Permissions-Policy: nothing inline,
nothing from another origin, no framing, and no camera, microphone, position or payments."""

import pytest
from django.urls import reverse

from samverka.core import testing

pytestmark = pytest.mark.django_db


def _directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return {
        part.split()[0]: " ".join(part.split()[1:])
        for part in (p.strip() for p in policy.split(";"))
        if part
    }


@pytest.mark.parametrize(
    ("name", "logged_in"),
    [
        ("accounts:login", False),
        ("core:accessibility", False),
        ("core:overview", True),
        ("accounts:password_change", True),
        ("api:docs", False),
    ],
)
def test_pages_carry_a_policy_that_allows_only_the_sites_own_scripts_and_styles(
    client, name, logged_in
):
    if logged_in:
        testing.make_federation()
        client.force_login(testing.make_controller_named("ekonom"))
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert _directives(response) == {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_the_apis_answers_carry_the_policy_too(client):
    response = client.get("/api/v1/openapi.json")
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_pages_deny_the_browser_features_samverka_never_uses(client):
    policy = client.get(reverse("accounts:login"))["Permissions-Policy"]
    features = dict(part.strip().split("=") for part in policy.split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "serial"):
        assert features[feature] == "()", feature
