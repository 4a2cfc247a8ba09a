from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from samverka.orgs.federation import current_or_none

# (label, url name, path prefix that marks the entry as current)
NAVIGATION = [
    (_("Översikt"), "core:overview", "/oversikt/"),
    (_("Budget"), "budget:index", "/budget/"),
    (_("Mål"), "goals:index", "/mal/"),
    (_("Plan"), "plan:index", "/plan/"),
    (_("Projekt"), "portfolio:index", "/projekt/"),
    (_("Utfall"), "ledger:index", "/utfall/"),
    (_("Beslut"), "decisions:index", "/beslut/"),
    (_("Organisation"), "orgs:index", "/organisation/"),
    (_("Rapporter"), "reports:index", "/rapporter/"),
]


def navigation(request):
    path = request.path
    return {
        "navigation": [
            {"label": label, "url_name": url_name, "current": path.startswith(prefix)}
            for label, url_name, prefix in NAVIGATION
        ]
    }


def federation(request):
    # Lazy: only pages that show the federation's name (the region's name) ask the database.
    return {"current_federation": SimpleLazyObject(current_or_none)}
