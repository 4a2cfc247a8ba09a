import logging

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_GET

from samverka.accounts.permissions import capabilities, require
from samverka.core import accessibility as statement
from samverka.core import search as site_search
from samverka.orgs.federation import current_or_none
from samverka.orgs.models import GoverningBody, Member, Population, Unit

logger = logging.getLogger(__name__)


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    # A fresh installation has no one to log in yet: it starts at the first-run page.
    if current_or_none() is None:
        return redirect("first_run:start")
    return redirect("core:overview")


def overview(request: HttpRequest) -> HttpResponse:
    federation = current_or_none()
    if federation is None:
        return render(request, "core/overview.html", {"federation": None})
    latest = Prefetch("populations", queryset=Population.objects.order_by("-reference_date"))
    members = list(Member.objects.prefetch_related(latest))
    for member in members:
        member.latest_population = next(iter(member.populations.all()), None)
    known = [m.latest_population.inhabitants for m in members if m.latest_population]
    bodies = GoverningBody.objects.annotate(seat_count=Count("seats")).prefetch_related(
        "seats__member"
    )
    return render(
        request,
        "core/overview.html",
        {
            "federation": federation,
            "members": members,
            "population_known": sum(known),
            "population_missing": [m for m in members if m.latest_population is None],
            "units": Unit.objects.all(),
            "bodies": bodies,
        },
    )


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """The header search: `?q=` over decisions, projects, activities, indicators, units and
    members (every role may read all of them)."""
    require(capabilities(request).can_view)
    query = request.GET.get("q", "").strip()[: site_search.MAX_QUERY]
    groups = site_search.search(query)
    return render(
        request,
        "core/search.html",
        {
            "search_query": query,
            "groups": groups,
            "total": sum(g.count for g in groups),
            "max_shown": site_search.MAX_SHOWN,
        },
    )


@login_not_required
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers and the run script: the app is up and its database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_not_required
@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement the law (2018:1937) requires, open to everyone."""
    federation = current_or_none()
    return render(
        request,
        "core/accessibility.html",
        {
            "federation": federation,
            "contact_email": federation.contact_email if federation else "",
            "statement": statement,
        },
    )


def _safe(resolve, fallback: str) -> str:
    try:
        return resolve()
    except Exception:  # noqa: BLE001 - the error page must render whatever else is broken
        return fallback


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page. It must not fail itself: no database, no context processors, no request
    context; a missing manifest entry or a broken URL conf falls back to plain paths."""
    context = {
        "stylesheet": _safe(
            lambda: static("samverka/samverka.css"), "/static/samverka/samverka.css"
        ),
        "home_url": _safe(lambda: reverse("core:overview"), "/"),
        "accessibility_url": _safe(lambda: reverse("core:accessibility"), "/tillganglighet/"),
    }
    try:
        body = loader.get_template("500.html").render(context)
    except Exception:  # noqa: BLE001
        logger.exception("The 500 page could not be rendered")
        body = "<!DOCTYPE html><title>Serverfel</title><h1>Något gick fel</h1>"
    return HttpResponseServerError(body)
