"""The main pages, kept per user until any data changes (core/dataversion.py).

Reading far outweighs writing in a planning system: the board's politicians, the member
municipalities' economists and the unit heads look at the same budget, goals and projects many
times between two edits. A page named in `PAGES` is rendered once per user, address
and data version, then served from this process's memory until anything is written, by anyone,
on any app server: the version is one row in the shared database, read once per request.

What may differ between two requests for the same page by the same user is handled here:
- the CSRF token: the page is rendered with a placeholder, and each answer gets a token of its
  own (so two browsers of one user each get a valid one);
- messages ("Ändringen är sparad"): a request with messages waiting is rendered, not kept;
- htmx requests (fragments) and anything but GET are rendered every time;
- only complete HTML answers with status 200 are kept; downloads and errors are not;
- the date: a page may say what is overdue today.

A kept page skips the view, and so the view's own access check: it was passed when the page
was rendered for this same user, and any change to a role is a write, which changes the
version. The login and role middleware still run on every request.

Each app server keeps the pages in its own memory, compressed, at most
SAMVERKA_PAGE_CACHE_ENTRIES; with a cache table (SAMVERKA_CACHE_TABLE, several app servers) a
rendered page is also put in a table of its own, where the other servers and workers find it
instead of rendering it again. Losing either costs one render. Off with
SAMVERKA_PAGE_CACHE=False, and by default in development (DEBUG), where templates change without
a restart.
"""

import datetime
import hashlib
import zlib

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language

from samverka.core import dataversion


def _placeholder() -> str:
    # The same in every process (pages are shared between app servers), and not guessable, so
    # that no text a user enters can be mistaken for it.
    return salted_hmac("samverka.core.pagecache", "csrf placeholder").hexdigest()


# Stands in for the CSRF token in a kept page.
CSRF_PLACEHOLDER = _placeholder()
RENDERING = "_samverka_page_cache_rendering"
# Raise when what is kept changes shape.
VERSION = 1
# A page much larger than this is rare and not worth the memory.
MAX_BYTES = 2_000_000
HEADERS = ("Content-Type", "Content-Language", "Content-Disposition")


def csrf_placeholder(request: HttpRequest) -> dict:
    """Context processor, after Django's own: the placeholder while a page is rendered to keep."""
    return {"csrf_token": CSRF_PLACEHOLDER} if getattr(request, RENDERING, False) else {}


def _keepable(request: HttpRequest) -> bool:
    return (
        settings.SAMVERKA_PAGE_CACHE
        and request.method == "GET"
        and "HX-Request" not in request.headers
        # A browser revalidating an adopted period's page gets its 304 (core/frozen.py).
        and "If-None-Match" not in request.headers
        and request.user.is_authenticated
        and len(get_messages(request)) == 0
    )


def _key(request: HttpRequest, version: str) -> str:
    parts = [
        str(VERSION),
        version,
        get_language() or "",
        str(request.user.pk),
        request.get_full_path(),
        datetime.date.today().isoformat(),
    ]
    return "page." + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _with_token(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    placeholder = CSRF_PLACEHOLDER.encode()
    if placeholder in response.content:
        response.content = response.content.replace(placeholder, get_token(request).encode())
    return response


def _from_kept(request: HttpRequest, kept: tuple[bytes, dict[str, str]]) -> HttpResponse:
    content, headers = kept
    response = HttpResponse(zlib.decompress(content))
    for name, value in headers.items():
        response[name] = value
    return _with_token(request, response)


# The pages kept: the main pages each role reads most, which are expensive at a large
# federation's size. Forms, downloads, job progress and anything that depends on the session are
# not here. A kept page is answered without the ETag an adopted period's page carries
# (core/frozen.py), which names the session; a browser that revalidates is not answered here.
PAGES = frozenset(
    {
        "core:overview",
        "budget:index",
        "budget:period",
        "budget:unit",
        "budget:overhead",
        "budget:fees",
        "budget:targets",
        "goals:index",
        "goals:goal",
        "goals:indicator",
        "plan:index",
        "plan:activity",
        "plan:rounds",
        "plan:programme",
        "portfolio:index",
        "portfolio:year",
        "portfolio:pipeline",
        "portfolio:funders",
        "portfolio:ending",
        "portfolio:reconciliation",
        "portfolio:project",
        "ledger:index",
        "ledger:period",
        "ledger:unit",
        "decisions:index",
        "decisions:meetings",
        "decisions:meeting",
        "decisions:obligations",
        "decisions:decision",
        "orgs:index",
        "orgs:members",
        "orgs:member",
        "orgs:units",
        "orgs:unit",
        "orgs:bodies",
        "reports:index",
        "economy:plan",
        "economy:unit",
        "economy:compare",
        "economy:member_fees",
    }
)
KEY = "_samverka_page_cache_key"


def _shared():
    """The cache the app servers share (a database table), if there is one."""
    return caches["shared_pages"] if "shared_pages" in settings.CACHES else None


def _kept(key: str):
    local = caches["pages"]
    kept = local.get(key)
    if kept is None and (shared := _shared()) is not None:
        kept = shared.get(key)
        if kept is not None:
            local.set(key, kept)
    return kept


def _keep(request: HttpRequest, key: str, response: HttpResponse) -> None:
    if (
        response.status_code == 200
        and not getattr(response, "streaming", False)
        and response.get("Content-Type", "").startswith("text/html")
        and not response.has_header("Content-Disposition")
        and not response.cookies
        and len(response.content) <= MAX_BYTES
    ):
        headers = {name: response[name] for name in HEADERS if response.has_header(name)}
        # Compressed: a tenth of the memory, for well under a millisecond each way.
        kept = (zlib.compress(response.content, 1), headers)
        caches["pages"].set(key, kept)
        if (shared := _shared()) is not None:
            shared.set(key, kept)


class PageCacheMiddleware:
    """Answer a kept page before the view runs; keep what the view answered otherwise.

    After the login and role middleware, whose checks run on every request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        key = getattr(request, KEY, None)
        if key is None:
            return response
        setattr(request, RENDERING, False)
        if getattr(response, "streaming", False):
            return response
        _keep(request, key, response)
        return _with_token(request, response)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.view_name not in PAGES or not _keepable(request):
            return None
        version = dataversion.token()
        if version is None:
            return None
        key = _key(request, version)
        kept = _kept(key)
        if kept is not None:
            return _from_kept(request, kept)
        setattr(request, KEY, key)
        setattr(request, RENDERING, True)
        return None
