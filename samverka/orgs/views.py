from django.contrib import messages
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverka.accounts.permissions import capabilities, require
from samverka.audit.history import entries_for_object
from samverka.core.forms import save_or_conflict
from samverka.decisions.models import Decision
from samverka.orgs import periods
from samverka.orgs.federation import current, get_period_or_404
from samverka.orgs.federation import periods as federation_periods
from samverka.orgs.forms import AdoptionForm, UnitForm
from samverka.orgs.models import (
    GoverningBody,
    Member,
    Network,
    PeriodLockedError,
    PlanningPeriod,
    Position,
    Unit,
)


def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "orgs/index.html",
        {
            "federation": current(),
            "positions": Position.objects.select_related("unit"),
        },
    )


def member_list(request: HttpRequest) -> HttpResponse:
    members = Member.objects.prefetch_related("populations")
    return render(request, "orgs/member_list.html", {"members": members})


def member_detail(request: HttpRequest, code: str) -> HttpResponse:
    member = get_object_or_404(Member, municipality_code=code)
    return render(
        request,
        "orgs/member_detail.html",
        {
            "member": member,
            "populations": member.populations.all(),
            "seats": member.seats.select_related("body"),
        },
    )


def unit_list(request: HttpRequest) -> HttpResponse:
    return render(request, "orgs/unit_list.html", {"units": Unit.objects.all()})


def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_object_or_404(Unit, code=code)
    return render(
        request,
        "orgs/unit_detail.html",
        {
            "unit": unit,
            "positions": unit.position_set.all(),
            "networks": unit.networks.all(),
            "entries": entries_for_object(unit),
            "can_edit": capabilities(request).can_edit_unit(unit),
        },
    )


def unit_edit(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_object_or_404(Unit, code=code)
    require(capabilities(request).can_edit_unit(unit))
    form = UnitForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid() and save_or_conflict(form):
        messages.success(request, _("Enheten %(name)s sparades.") % {"name": unit.name})
        return redirect("orgs:unit", code=unit.code)
    return render(request, "orgs/unit_edit.html", {"unit": unit, "form": form})


def body_list(request: HttpRequest) -> HttpResponse:
    bodies = GoverningBody.objects.annotate(seat_count=Count("seats")).select_related(
        "prepares_for"
    )
    return render(request, "orgs/body_list.html", {"bodies": bodies})


def body_detail(request: HttpRequest, code: str) -> HttpResponse:
    body = get_object_or_404(GoverningBody.objects.select_related("prepares_for"), code=code)
    return render(
        request,
        "orgs/body_detail.html",
        {
            "body": body,
            "seats": body.seats.select_related("member").order_by("member__name", "role"),
        },
    )


def network_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "orgs/network_list.html", {"networks": Network.objects.select_related("unit")}
    )


def period_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "orgs/period_list.html",
        {"periods": federation_periods(PlanningPeriod.objects.select_related("decision"))},
    )


def period_detail(request: HttpRequest, year: int) -> HttpResponse:
    period = get_period_or_404(year, PlanningPeriod.objects.select_related("decision"))
    return render(
        request,
        "orgs/period_detail.html",
        {
            "period": period,
            "adoption_form": AdoptionForm(
                initial={"title": _("Budget och verksamhetsplan %(year)s") % {"year": year}}
            ),
            "entries": entries_for_object(period),
        },
    )


@require_POST
def period_adopt(request: HttpRequest, year: int) -> HttpResponse:
    period = get_period_or_404(year)
    require(capabilities(request).can_adopt)
    form = AdoptionForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "orgs/period_detail.html",
            {"period": period, "adoption_form": form, "entries": entries_for_object(period)},
            status=400,
        )
    try:
        with transaction.atomic():
            decision = Decision.objects.create(federation=period.federation, **form.cleaned_data)
            periods.adopt(period, decision)
    except PeriodLockedError as exc:
        messages.error(request, exc.message)
        return redirect("orgs:period", year=year)
    messages.success(request, _("Perioden %(year)s är antagen.") % {"year": year})
    return redirect("orgs:period", year=year)


@require_POST
def period_open_revision(request: HttpRequest, year: int) -> HttpResponse:
    period = get_period_or_404(year)
    require(capabilities(request).can_adopt)
    try:
        periods.open_revision(period)
    except PeriodLockedError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Perioden %(year)s är öppnad för revidering.") % {"year": year})
    return redirect("orgs:period", year=year)
