"""The federation of this installation, and its planning periods by year.

An installation (one database) serves one federation. Everything that needs "the federation"
or "the period for year N" asks here, so that nothing picks "the first one" and nothing finds a
period by its year alone.
"""

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from samverka.orgs.models import Federation, PlanningPeriod


class NoFederationError(Exception):
    """No federation is set up yet: the database is empty. Pages say so instead of failing."""

    def __init__(self) -> None:
        super().__init__(
            _("Inget förbund är inläst ännu. Läs in ett med kommandot samverka load-skaraborg.")
        )


def current() -> Federation:
    """The one federation; NoFederationError when none is set up yet.

    A second federation cannot exist: the constraint `orgs_federation_one_per_installation`
    refuses it, so `get()` without a filter is the whole rule.
    """
    try:
        return Federation.objects.get()
    except Federation.DoesNotExist:
        raise NoFederationError from None


def current_or_none() -> Federation | None:
    try:
        return current()
    except NoFederationError:
        return None


def periods(queryset: QuerySet[PlanningPeriod] | None = None) -> QuerySet[PlanningPeriod]:
    """The current federation's planning periods (none when no federation is set up)."""
    queryset = PlanningPeriod.objects.all() if queryset is None else queryset
    federation = current_or_none()
    if federation is None:
        return queryset.none()
    return queryset.filter(federation=federation)


def period_for_year(
    year: int, queryset: QuerySet[PlanningPeriod] | None = None
) -> PlanningPeriod | None:
    return periods(queryset).filter(year=year).first()


def get_period_or_404(
    year: int, queryset: QuerySet[PlanningPeriod] | None = None
) -> PlanningPeriod:
    """The current federation's period for `year`; 404 when it has none.

    With no federation at all this raises NoFederationError, which the middleware turns into
    the page that says how to load one.
    """
    federation = current()
    queryset = PlanningPeriod.objects.all() if queryset is None else queryset
    period = queryset.filter(federation=federation, year=year).first()
    if period is None:
        raise Http404(_("Det finns ingen planeringsperiod för %(year)s.") % {"year": year})
    return period
