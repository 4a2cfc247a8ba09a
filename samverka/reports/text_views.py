"""The page where the controller writes the plan's chapter texts for a period."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from samverka.accounts.permissions import capabilities, require
from samverka.audit.history import entries_for_object
from samverka.budget.tables import previous_period
from samverka.core.forms import save_or_conflict
from samverka.orgs.federation import get_period_or_404
from samverka.orgs.models import PeriodLockedError, PlanningPeriod, Unit
from samverka.reports import texts
from samverka.reports.forms import PlanTextForm
from samverka.reports.models import PlanText

Section = PlanText.Section


def _locked_message(period: PlanningPeriod) -> str:
    return _(
        "Perioden %(year)s är %(status)s, så texterna kan inte ändras. Öppna en revidering på "
        "periodens sida för att ändra dem."
    ) % {"year": period.year, "status": period.get_status_display()}


def edit_url(period: PlanningPeriod, slot: texts.Slot) -> str:
    if slot.unit is not None:
        return reverse("plan_texts:unit", args=[period.year, slot.unit.code])
    return reverse("plan_texts:edit", args=[period.year, slot.section])


def index(request: HttpRequest, year: int) -> HttpResponse:
    period = get_period_or_404(year, PlanningPeriod.objects.select_related("federation"))
    require(capabilities(request).is_controller)
    stored = texts.Texts(period)
    changed = texts.changed_since_adoption(period)
    rows = []
    for slot in texts.slots(period):
        text = stored.get(slot.section, slot.unit)
        rows.append(
            {
                "slot": slot,
                "text": text,
                "changed": (slot.section, slot.unit.code if slot.unit else "") in changed,
                "url": edit_url(period, slot),
            }
        )
    previous = previous_period(period)
    return render(
        request,
        "reports/texts.html",
        {
            "period": period,
            "rows": rows,
            "written": sum(1 for r in rows if r["text"]),
            "previous": previous if previous and previous.plan_texts.exists() else None,
            "locked_message": _locked_message(period) if period.is_locked else "",
        },
    )


def edit(request: HttpRequest, year: int, section: str, unit: str | None = None) -> HttpResponse:
    period = get_period_or_404(year, PlanningPeriod.objects.select_related("federation"))
    require(capabilities(request).is_controller)
    if section not in Section.values or (section == Section.UNIT) != (unit is not None):
        raise Http404
    unit_obj = get_object_or_404(Unit, code=unit, federation=period.federation) if unit else None
    slot = texts.Slot(section, unit_obj)
    text = texts.text_for(period, section, unit_obj)
    form = PlanTextForm(request.POST or None, instance=text, locked=period.is_locked)
    if request.method == "POST":
        if period.is_locked:
            form.add_error(None, _locked_message(period))
        elif form.is_valid():
            try:
                if save_or_conflict(form):
                    messages.success(
                        request, _("Texten ”%(section)s” sparades.") % {"section": slot.label}
                    )
                    return redirect("plan_texts:index", year=year)
            except PeriodLockedError as exc:
                form.add_error(None, exc.message)
    return render(
        request,
        "reports/text_edit.html",
        {
            "period": period,
            "slot": slot,
            "form": form,
            "text": text,
            "locked_message": _locked_message(period) if period.is_locked else "",
            "entries": entries_for_object(text) if text.pk else [],
        },
    )


@require_POST
def copy(request: HttpRequest, year: int) -> HttpResponse:
    period = get_period_or_404(year, PlanningPeriod.objects.select_related("federation"))
    require(capabilities(request).is_controller)
    previous = previous_period(period)
    if previous is None:
        raise Http404
    try:
        copied = texts.copy_from(previous, period)
    except PeriodLockedError:
        messages.error(request, _locked_message(period))
        return redirect("plan_texts:index", year=year)
    if copied:
        messages.success(
            request,
            ngettext(
                "%(n)s text kopierades från %(year)s. Läs igenom och uppdatera den.",
                "%(n)s texter kopierades från %(year)s. Läs igenom och uppdatera dem.",
                copied,
            )
            % {"n": copied, "year": previous.year},
        )
    else:
        messages.info(
            request,
            _("Inget att kopiera: alla texter från %(year)s finns redan för %(this)s.")
            % {"year": previous.year, "this": period.year},
        )
    return redirect("plan_texts:index", year=year)
