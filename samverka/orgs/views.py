import contextlib
import datetime

from django.contrib import messages
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverka.accounts.permissions import capabilities, require
from samverka.audit.history import entries_for_object
from samverka.core.forms import save_or_conflict
from samverka.decisions.models import Decision
from samverka.jobs.models import Job
from samverka.jobs.running import start
from samverka.orgs import periods, populations, tables
from samverka.orgs.federation import current, get_period_or_404
from samverka.orgs.federation import periods as federation_periods
from samverka.orgs.forms import (
    AdoptionForm,
    PopulationForm,
    ScbFetchForm,
    SeatForm,
    UnitForm,
)
from samverka.orgs.models import (
    GoverningBody,
    Member,
    Network,
    PeriodLockedError,
    PlanningPeriod,
    Population,
    Position,
    Seat,
    Unit,
)
from samverka.reports import exports


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
    require(capabilities(request).can_view)
    if exports.requested(request):
        return exports.export_response(request, [tables.members_table()], "medlemskommuner")
    members = list(Member.objects.all())
    latest = Population.latest_by_member()
    for member in members:
        member.latest_population = latest.get(member.pk)
    return render(
        request,
        "orgs/member_list.html",
        {
            "members": members,
            "scb_form": _scb_form(capabilities(request)),
            "downloads": exports.links(request, _("medlemskommunerna och deras folkmängd")),
        },
    )


def _last_year_end() -> datetime.date:
    return datetime.date(timezone.localdate().year - 1, 12, 31)


def member_detail(request: HttpRequest, code: str) -> HttpResponse:
    member = get_object_or_404(Member, municipality_code=code)
    can = capabilities(request)
    return render(
        request,
        "orgs/member_detail.html",
        {
            "member": member,
            "populations": member.populations.all(),
            "seats": member.seats.select_related("body"),
            "can_edit_population": can_edit_population(can),
            "scb_form": _scb_form(can),
        },
    )


def can_edit_population(can) -> bool:
    """Populations are the fee basis: the controller (or administrator) enters them."""
    return can.is_controller


def _scb_form(can) -> ScbFetchForm | None:
    if not (can_edit_population(can) and populations.online()):
        return None
    return ScbFetchForm(initial={"year": _last_year_end().year})


def population_add(request: HttpRequest, code: str) -> HttpResponse:
    member = get_object_or_404(Member, municipality_code=code)
    require(can_edit_population(capabilities(request)))
    initial = {"reference_date": _last_year_end()}
    with contextlib.suppress(ValueError):  # a bad ?datum= just leaves the default
        initial["reference_date"] = datetime.date.fromisoformat(request.GET.get("datum", ""))
    form = PopulationForm(request.POST or None, instance=Population(member=member), initial=initial)
    if request.method == "POST" and form.is_valid() and save_or_conflict(form):
        messages.success(
            request,
            _("Folkmängden för %(member)s per %(date)s sparades.")
            % {"member": member.name, "date": f"{form.instance.reference_date:%Y-%m-%d}"},
        )
        return redirect("orgs:member", code=member.municipality_code)
    return render(
        request, "orgs/population_edit.html", {"member": member, "form": form, "adding": True}
    )


def _population_or_404(code: str, date: str) -> Population:
    try:
        day = datetime.date.fromisoformat(date)
    except ValueError as exc:
        raise Http404 from exc
    return get_object_or_404(
        Population.objects.select_related("member"),
        member__municipality_code=code,
        reference_date=day,
    )


def population_edit(request: HttpRequest, code: str, date: str) -> HttpResponse:
    population = _population_or_404(code, date)
    require(can_edit_population(capabilities(request)))
    member = population.member
    form = PopulationForm(request.POST or None, instance=population)
    if request.method == "POST" and form.is_valid() and save_or_conflict(form):
        messages.success(
            request,
            _("Folkmängden för %(member)s per %(date)s sparades.")
            % {"member": member.name, "date": f"{population.reference_date:%Y-%m-%d}"},
        )
        return redirect("orgs:member", code=member.municipality_code)
    return render(
        request,
        "orgs/population_edit.html",
        {"member": member, "form": form, "population": population, "adding": False},
    )


@require_POST
def population_delete(request: HttpRequest, code: str, date: str) -> HttpResponse:
    population = _population_or_404(code, date)
    require(can_edit_population(capabilities(request)))
    population.delete()
    messages.success(
        request,
        _("Folkmängden för %(member)s per %(date)s togs bort.")
        % {"member": population.member.name, "date": date},
    )
    return redirect("orgs:member", code=code)


@require_POST
def population_fetch(request: HttpRequest, code: str | None = None) -> HttpResponse:
    """Fetch populations from SCB for one member (`code`) or for all members."""
    member = get_object_or_404(Member, municipality_code=code) if code else None
    require(can_edit_population(capabilities(request)) and populations.online())
    back = (
        redirect("orgs:member", code=member.municipality_code)
        if member
        else redirect("orgs:members")
    )
    form = ScbFetchForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hämtningen startade inte: ange ett år mellan 1968 och 2100."))
        return back
    year = form.cleaned_data["year"]
    job = start(
        Job.Kind.SCB,
        user=request.user,
        title=_("Folkmängd %(year)s från SCB: %(who)s")
        % {"year": year, "who": member.name if member else _("alla medlemskommuner")},
        year=year,
        member=member.municipality_code if member else None,
    )
    return redirect(job)


def unit_list(request: HttpRequest) -> HttpResponse:
    can = capabilities(request)
    units = list(Unit.objects.all())
    for unit in units:
        unit.editable = can.can_edit_unit(unit)
    return render(request, "orgs/unit_list.html", {"units": units})


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
    seats = list(body.seats.select_related("member").order_by("member__name", "role"))
    return render(
        request,
        "orgs/body_detail.html",
        {
            "body": body,
            "seats": seats,
            "can_edit": capabilities(request).can_manage_organisation,
            "full": _is_full(body, len(seats)),
        },
    )


def _is_full(body: GoverningBody, count: int) -> bool:
    """A body with a decided number of seats (the board's 15 + 15) gets no more than that."""
    return body.intended_size is not None and count >= body.intended_size


def seat_add(request: HttpRequest, code: str) -> HttpResponse:
    body = get_object_or_404(GoverningBody, code=code)
    require(capabilities(request).can_manage_organisation)
    if _is_full(body, body.seats.count()):
        messages.error(
            request,
            _(
                "%(body)s har redan de %(n)s platser som beslutats. Ändra vem som innehar en "
                "plats i stället för att lägga till en."
            )
            % {"body": body.name, "n": body.intended_size},
        )
        return redirect("orgs:body", code=body.code)
    form = SeatForm(request.POST or None, instance=Seat(body=body))
    if request.method == "POST" and form.is_valid() and save_or_conflict(form):
        messages.success(request, _("Platsen lades till i %(body)s.") % {"body": body.name})
        return redirect("orgs:body", code=body.code)
    return render(request, "orgs/seat_edit.html", {"body": body, "form": form, "seat": None})


def _seat_or_404(code: str, key) -> Seat:
    return get_object_or_404(
        Seat.objects.select_related("body", "member"), body__code=code, key=key
    )


def seat_edit(request: HttpRequest, code: str, key) -> HttpResponse:
    seat = _seat_or_404(code, key)
    require(capabilities(request).can_manage_organisation)
    form = SeatForm(request.POST or None, instance=seat)
    if request.method == "POST" and form.is_valid() and save_or_conflict(form):
        messages.success(request, _("Platsen %(seat)s sparades.") % {"seat": seat})
        return redirect("orgs:body", code=seat.body.code)
    return render(
        request,
        "orgs/seat_edit.html",
        {
            "body": seat.body,
            "form": form,
            "seat": seat,
            "may_remove": seat.body.intended_size is None
            or seat.body.seats.count() > seat.body.intended_size,
        },
    )


@require_POST
def seat_delete(request: HttpRequest, code: str, key) -> HttpResponse:
    seat = _seat_or_404(code, key)
    require(capabilities(request).can_manage_organisation)
    body = seat.body
    if body.intended_size is not None and body.seats.count() <= body.intended_size:
        messages.error(
            request,
            _(
                "%(body)s ska ha %(n)s platser enligt beslut; platsen togs inte bort. Ändra vem "
                "som innehar den i stället."
            )
            % {"body": body.name, "n": body.intended_size},
        )
        return redirect("orgs:seat_edit", code=body.code, key=seat.key)
    seat.delete()
    messages.success(request, _("Platsen %(seat)s togs bort.") % {"seat": seat})
    return redirect("orgs:body", code=body.code)


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
    errors = [] if period.is_locked else periods.open_errors(period)
    form = AdoptionForm(
        initial={"title": _("Budget och verksamhetsplan %(year)s") % {"year": year}},
        open_errors=errors,
    )
    return _period_page(request, period, form, errors)


def _period_page(request, period, form, errors, status=200) -> HttpResponse:
    return render(
        request,
        "orgs/period_detail.html",
        {
            "period": period,
            "adoption_form": form,
            "open_errors": errors,
            "entries": entries_for_object(period),
        },
        status=status,
    )


@require_POST
def period_adopt(request: HttpRequest, year: int) -> HttpResponse:
    period = get_period_or_404(year)
    require(capabilities(request).can_adopt)
    errors = [] if period.is_locked else periods.open_errors(period)
    form = AdoptionForm(request.POST, open_errors=errors)
    if not form.is_valid():
        return _period_page(request, period, form, errors, status=400)
    fields = dict(form.cleaned_data)
    acknowledged = fields.pop("errors_acknowledged", False)
    try:
        with transaction.atomic():
            decision = Decision.objects.create(federation=period.federation, **fields)
            periods.adopt(period, decision, errors_acknowledged=acknowledged)
    except periods.OpenErrorsError as exc:
        # Errors appeared after the page was shown: list them and ask again.
        form = AdoptionForm(request.POST, open_errors=exc.findings)
        form.is_valid()
        form.add_error(None, exc.message)
        return _period_page(request, period, form, exc.findings, status=400)
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
