"""The first lines of every operation: who may read, and the objects by their codes.

Every lookup answers a missing object with a Swedish 404 that names what was asked for, so
that a script's author sees at once which code is wrong.
"""

from django.http import HttpRequest
from django.utils.translation import gettext as _

from samverka.accounts.permissions import Capabilities
from samverka.api.auth import capabilities
from samverka.api.errors import ApiError, not_found, require
from samverka.orgs.federation import NoFederationError, current
from samverka.orgs.models import Federation, Member, PlanningPeriod, Unit


def reader(request: HttpRequest) -> Capabilities:
    """The caller's capabilities; 403 unless the caller has a role (reading needs one)."""
    can = capabilities(request)
    require(can.can_view, _("Ditt konto har ingen roll i Samverka ännu."))
    return can


def federation() -> Federation:
    try:
        return current()
    except NoFederationError as exc:
        raise ApiError(404, str(exc)) from None


def period(year: int) -> PlanningPeriod:
    found = PlanningPeriod.objects.filter(federation=federation(), year=year).first()
    if found is None:
        raise not_found(_("Det finns ingen planeringsperiod för %(year)s.") % {"year": year})
    return found


def unit(code: str) -> Unit:
    found = Unit.objects.filter(federation=federation(), code=code).first()
    if found is None:
        raise not_found(_("Det finns ingen enhet med koden ”%(code)s”.") % {"code": code})
    return found


def member(code: str) -> Member:
    found = Member.objects.filter(federation=federation(), municipality_code=code).first()
    if found is None:
        raise not_found(
            _("Det finns ingen medlemskommun med kommunkoden %(code)s.") % {"code": code}
        )
    return found


def get_or_404(queryset, detail: str, **lookup):
    found = queryset.filter(**lookup).first()
    if found is None:
        raise not_found(detail)
    return found
