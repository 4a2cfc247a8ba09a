"""A limit on requests without a login to the open data and the API: a fixed window per client.

Counts live in Django's cache framework, so the limit holds across processes only when they
share the cache: with several app servers, point CACHES at a shared backend (settings
SAMVERKA_CACHE_TABLE uses the database). The limit is `SAMVERKA_ANON_RATE` ("120/min";
empty: no limit). The client is REMOTE_ADDR; X-Forwarded-For is read only when the request
comes from a proxy named in `SAMVERKA_TRUSTED_PROXIES`, since anyone can send the header.

A caller is never limited here: a logged-in user (a session), or a script that sends a valid
API token (`Authorization: Bearer …`, checked by `samverka.api.tokens.authenticate`). A token
that is not valid counts as anonymous, so a made-up header does not lift the limit.
"""

import ipaddress
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

PERIODS = {"s": 1, "sec": 1, "min": 60, "minute": 60, "h": 3600, "hour": 3600, "day": 86400}


@dataclass(frozen=True)
class Rate:
    requests: int
    seconds: int

    @property
    def period_label(self) -> str:
        """ "per minut", for the index page and the 429 message."""
        if self.seconds == 60:
            return _("per minut")
        if self.seconds == 3600:
            return _("per timme")
        if self.seconds == 86400:
            return _("per dygn")
        return ngettext("per sekund", "per %(n)s sekunder", self.seconds) % {"n": self.seconds}


def parse_rate(text: str | None) -> Rate | None:
    """ "120/min" → Rate(120, 60); empty → None (no limit). Anything else is a settings error."""
    if not text:
        return None
    count, _slash, period = text.strip().partition("/")
    if not count.isdigit() or period not in PERIODS or int(count) < 1:
        raise ValueError(f'SAMVERKA_ANON_RATE must look like "120/min", got {text!r}')
    return Rate(int(count), PERIODS[period])


def _networks(entries) -> list:
    return [ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry.strip()]


def _address(text: str):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The address that counts: REMOTE_ADDR, or behind a trusted proxy the first address in
    X-Forwarded-For, read from the right, that is not one of the trusted proxies."""
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = _networks(getattr(settings, "SAMVERKA_TRUSTED_PROXIES", ()))
    address = _address(remote)
    if not trusted or address is None or not any(address in net for net in trusted):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for entry in reversed(forwarded.split(",")):
        hop = _address(entry)
        if hop is None:
            break  # a malformed entry: trust nothing further left
        if not any(hop in net for net in trusted):
            return str(hop)
    return remote


def _has_valid_token(request: HttpRequest) -> bool:
    scheme, _space, secret = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return False
    try:
        from samverka.api.tokens import authenticate
    except ImportError:  # an installation without the API has no tokens
        return False
    return authenticate(secret.strip()) is not None


def is_caller(request: HttpRequest) -> bool:
    """Whether the request comes from someone known: a session or a valid API token."""
    return request.user.is_authenticated or _has_valid_token(request)


def _wants_json(request: HttpRequest) -> bool:
    path = request.path
    return (
        path.startswith("/api/")
        or path.endswith((".json", ".jsonld"))
        or "json" in request.headers.get("Accept", "")
    )


class AnonymousRateLimitMiddleware:
    """After AuthenticationMiddleware: it asks whether the request has a logged-in user."""

    clock = staticmethod(time.time)

    def __init__(self, get_response, clock=None) -> None:
        self.get_response = get_response
        if clock is not None:
            self.clock = clock

    def __call__(self, request: HttpRequest) -> HttpResponse:
        rate = parse_rate(getattr(settings, "SAMVERKA_ANON_RATE", ""))
        prefixes = tuple(getattr(settings, "SAMVERKA_ANON_RATE_PATHS", ()))
        if rate is None or not request.path.startswith(prefixes) or is_caller(request):
            return self.get_response(request)
        now = self.clock()
        window = int(now // rate.seconds)
        count = self._count(f"anon-rate:{client_ip(request)}:{rate.seconds}:{window}", rate)
        reset = max(1, math.ceil((window + 1) * rate.seconds - now))
        if count > rate.requests:
            response = self._refuse(request, rate, reset)
        else:
            response = self.get_response(request)
        response["RateLimit-Limit"] = str(rate.requests)
        response["RateLimit-Remaining"] = str(max(0, rate.requests - count))
        response["RateLimit-Reset"] = str(reset)
        return response

    def _count(self, key: str, rate: Rate) -> int:
        # add() only creates: of two first requests at once, one creates and both increment.
        cache.add(key, 0, timeout=rate.seconds + 1)
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=rate.seconds + 1)
            return 1

    def _refuse(self, request: HttpRequest, rate: Rate, retry_after: int) -> HttpResponse:
        message = ngettext(
            "För många förfrågningar utan inloggning: högst %(n)s %(period)s. "
            "Försök igen om %(seconds)s sekund.",
            "För många förfrågningar utan inloggning: högst %(n)s %(period)s. "
            "Försök igen om %(seconds)s sekunder.",
            retry_after,
        ) % {"n": rate.requests, "period": rate.period_label, "seconds": retry_after}
        if _wants_json(request):
            response = JsonResponse(
                {"error": message, "retry_after": retry_after},
                status=429,
                json_dumps_params={"ensure_ascii": False},
            )
        else:
            response = render(
                request, "opendata/too_many_requests.html", {"message": message}, status=429
            )
        response["Retry-After"] = str(retry_after)
        response["Cache-Control"] = "no-store"
        return response
