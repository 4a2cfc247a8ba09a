from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samverka.orgs.federation import current_or_none

# (label, url name, path prefix that marks the entry as current). "section" tells a section name
# ("Goals") from the same word as a table heading ("Goal").
NAVIGATION = [
    (_("Översikt"), "core:overview", "/oversikt/"),
    (_("Budget"), "budget:index", "/budget/"),
    (pgettext_lazy("section", "Mål"), "goals:index", "/mal/"),
    (_("Plan"), "plan:index", "/plan/"),
    (pgettext_lazy("section", "Projekt"), "portfolio:index", "/projekt/"),
    (pgettext_lazy("section", "Utfall"), "ledger:index", "/utfall/"),
    (pgettext_lazy("section", "Beslut"), "decisions:index", "/beslut/"),
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
