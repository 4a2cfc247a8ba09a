"""Anonymous requests to the open data and the API are limited per client and window."""

import json
import sys
import types

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory

from samverka.core import testing
from samverka.opendata.ratelimit import AnonymousRateLimitMiddleware, client_ip, parse_rate


class Clock:
    def __init__(self, now: float = 1_000_040.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def limited(settings):
    settings.SAMVERKA_ANON_RATE = "120/min"
    clock = Clock()
    return AnonymousRateLimitMiddleware(lambda request: HttpResponse("ok"), clock=clock), clock


def _get(path="/oppna-data/2026/driftbudget.json", user=None, **meta):
    request = RequestFactory().get(path, **meta)
    request.user = user or AnonymousUser()
    return request


def test_the_121st_anonymous_request_in_a_minute_is_refused_with_retry_after(limited):
    middleware, clock = limited
    for n in range(120):
        response = middleware(_get())
        assert response.status_code == 200, n
    assert response["RateLimit-Remaining"] == "0"
    refused = middleware(_get())
    assert refused.status_code == 429
    # The window began at 1 000 040 // 60 × 60 = 1 000 020; it ends 40 seconds from now.
    assert refused["Retry-After"] == "40"
    body = json.loads(refused.content)
    assert body["retry_after"] == 40
    assert body["error"] == (
        "För många förfrågningar utan inloggning: högst 120 per minut. Försök igen om 40 sekunder."
    )


def test_the_window_resets_and_counts_again_from_one(limited):
    middleware, clock = limited
    for _n in range(121):
        middleware(_get())
    assert middleware(_get()).status_code == 429
    clock.now += 40
    response = middleware(_get())
    assert response.status_code == 200
    assert response["RateLimit-Remaining"] == "119"


def test_a_logged_in_user_is_not_limited(limited, db):
    middleware, _clock = limited
    user = testing.make_reader()
    for _n in range(200):
        assert middleware(_get(user=user)).status_code == 200


def test_each_client_has_its_own_count_and_other_pages_are_not_counted(limited):
    middleware, _clock = limited
    for _n in range(121):
        middleware(_get(REMOTE_ADDR="10.0.0.1"))
    assert middleware(_get(REMOTE_ADDR="10.0.0.1")).status_code == 429
    assert middleware(_get(REMOTE_ADDR="10.0.0.2")).status_code == 200
    assert middleware(_get("/konto/logga-in/", REMOTE_ADDR="10.0.0.1")).status_code == 200
    api = middleware(_get("/api/v1/budget/", REMOTE_ADDR="10.0.0.1"))
    assert api.status_code == 429 and api["Content-Type"] == "application/json"


def test_a_browser_on_the_index_page_gets_the_message_as_a_page(limited, db):
    middleware, _clock = limited
    for _n in range(121):
        middleware(_get("/oppna-data/", HTTP_ACCEPT="text/html"))
    refused = middleware(_get("/oppna-data/", HTTP_ACCEPT="text/html"))
    assert refused.status_code == 429
    assert refused["Content-Type"].startswith("text/html")
    assert "högst 120 per minut" in refused.content.decode()


def test_forwarded_for_counts_only_behind_a_trusted_proxy(settings):
    spoofed = _get(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert client_ip(spoofed) == "203.0.113.9"
    settings.SAMVERKA_TRUSTED_PROXIES = ["10.0.0.0/8"]
    proxied = _get(REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.1, 10.0.0.7")
    # The rightmost address the trusted proxies did not add: what the client sent before it
    # ("1.2.3.4") may be forged.
    assert client_ip(proxied) == "198.51.100.1"
    assert client_ip(spoofed) == "203.0.113.9"
    garbled = _get(REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="nonsense")
    assert client_ip(garbled) == "10.0.0.5"


def test_the_rate_is_read_from_settings_and_an_empty_one_means_no_limit(settings):
    assert parse_rate("120/min").requests == 120 and parse_rate("120/min").seconds == 60
    assert parse_rate("5000/day").seconds == 86400
    assert parse_rate("") is None
    with pytest.raises(ValueError, match="120/min"):
        parse_rate("many")
    settings.SAMVERKA_ANON_RATE = ""
    middleware = AnonymousRateLimitMiddleware(lambda request: HttpResponse("ok"), clock=Clock())
    for _n in range(300):
        assert middleware(_get()).status_code == 200


@pytest.mark.django_db
def test_the_site_limits_anonymous_open_data_requests(client, settings, monkeypatch):
    settings.SAMVERKA_ANON_RATE = "3/min"
    monkeypatch.setattr(AnonymousRateLimitMiddleware, "clock", staticmethod(Clock()))
    testing.make_federation()
    statuses = [client.get("/oppna-data/katalog.jsonld").status_code for _n in range(4)]
    assert statuses == [200, 200, 200, 429]
    client.force_login(testing.make_reader())
    assert client.get("/oppna-data/katalog.jsonld").status_code == 200


def test_a_script_with_a_valid_api_token_is_not_limited_and_a_made_up_one_is(limited, monkeypatch):
    middleware, _clock = limited
    tokens = types.ModuleType("samverka.api.tokens")
    tokens.authenticate = lambda secret: object() if secret == "giltig" else None
    monkeypatch.setitem(sys.modules, "samverka.api.tokens", tokens)
    for _n in range(200):
        response = middleware(_get("/api/v1/budget/", HTTP_AUTHORIZATION="Bearer giltig"))
        assert response.status_code == 200
    for _n in range(120):
        middleware(_get("/api/v1/budget/", HTTP_AUTHORIZATION="Bearer påhittad"))
    refused = middleware(_get("/api/v1/budget/", HTTP_AUTHORIZATION="Bearer påhittad"))
    assert refused.status_code == 429
