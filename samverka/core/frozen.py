"""What an adopted period shows never changes: send it with an ETag, and compute it once.

A page of an adopted (locked) period is the same for every request until a revision is opened,
so `frozen_etag` names it by the periods' states (id, revision, status, adoption date and
decision), the language, the user and their roles (pages show edit buttons per role and the
user's name), the session's CSRF secret (the page's forms carry a token for it), the address
with its query (the downloads share the page's address) and the release (a new release may
render the same data differently): `SAMVERKA_RELEASE`, which the deployment sets to the same
value on every app server so that their ETags agree, or else the start of this process. A
browser that has the page answers with If-None-Match and gets 304 Not Modified without the view
running. A draft or open period gets no ETag at all and is computed on every request.

`cached` keeps the expensive computation of such a page in Django's cache, keyed by the same
period states: with several servers, share the cache (`SAMVERKA_CACHE_TABLE`), or each server
computes once for itself. Only frozen content may go through here: actuals, forecasts and
comments change after adoption and are never cached.
"""

import hashlib
import os
import time
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CSRF_SESSION_KEY
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.views.decorators.http import condition

from samverka.orgs.models import PlanningPeriod

T = TypeVar("T")

RELEASE = os.environ.get("SAMVERKA_RELEASE") or f"started-{time.time_ns()}"
# Raise when the shape of what `cached` stores changes, so that old entries are not read.
CACHE_VERSION = 1
CACHE_SECONDS = 24 * 3600
# Browsers keep the page but ask every time (no-cache) and never share it (private).
CACHE_CONTROL = "private, no-cache"


def state(period: PlanningPeriod | None) -> str | None:
    """The period's frozen state, or None while it may change (draft, open revision).

    "-" stands for no period (a year without a previous one), which cannot change either."""
    if period is None:
        return "-"
    if not period.is_locked:
        return None
    return f"{period.pk}.{period.revision}.{period.status}.{period.adopted_on}.{period.decision_id}"


def states(*periods: PlanningPeriod | None) -> str | None:
    parts = [state(p) for p in periods]
    return None if None in parts else "|".join(parts)  # type: ignore[arg-type]


def frozen_etag(request: HttpRequest, *periods: PlanningPeriod | None) -> str | None:
    """A strong ETag for a page that shows only the frozen content of `periods`, or None."""
    frozen = states(*periods)
    if frozen is None:
        return None
    from samverka.accounts.permissions import capabilities

    user = request.user
    roles = sorted(f"{role}:{unit or ''}" for role, unit in capabilities(request)._assignments)
    roles.append(f"superuser:{getattr(user, 'is_superuser', False)}")
    csrf = request.META.get("CSRF_COOKIE") or request.session.get(CSRF_SESSION_KEY, "")
    parts = [
        frozen,
        get_language() or "",
        str(user.pk),
        user.get_username(),
        ",".join(roles),
        hashlib.sha256(str(csrf).encode()).hexdigest(),
        request.get_full_path(),
        RELEASE,
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def cached(name: str, periods: tuple[PlanningPeriod | None, ...], compute: Callable[[], T]) -> T:
    """`compute()` once per frozen state of `periods` and language; every time otherwise."""
    frozen = states(*periods)
    if frozen is None:
        return compute()
    key = f"samverka.frozen.{CACHE_VERSION}.{name}.{get_language()}.{frozen}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


def frozen_page(periods_of: Callable[..., tuple[PlanningPeriod | None, ...]]):
    """Decorate a view of one period's frozen content: ETag and 304 while the periods that
    `periods_of(**view kwargs)` returns are all locked; nothing changes for a draft.

    The access check runs before the ETag is compared, so a 304 is never an answer to someone
    who may not see the page."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        def etag(request: HttpRequest, *args, **kwargs) -> str | None:
            from samverka.accounts.permissions import capabilities, require

            require(capabilities(request).can_view)
            if request.method not in ("GET", "HEAD"):
                return None
            return frozen_etag(request, *periods_of(*args, **kwargs))

        conditional = condition(etag_func=etag)(view)

        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            response = conditional(request, *args, **kwargs)
            if response.has_header("ETag"):
                response["Cache-Control"] = CACHE_CONTROL
                patch_vary_headers(response, ("Cookie", "Accept-Language"))
            return response

        return wrapper

    return decorator
