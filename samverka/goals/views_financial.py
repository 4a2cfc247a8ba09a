"""The controller enters and corrects a period's financial targets (`/mal/finansiella-mal/`).

The budget's targets page (`budget:targets`) shows them computed and links here."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samverka.accounts.permissions import capabilities, require
from samverka.core.forms import save_or_conflict
from samverka.goals.forms import FinancialTargetForm
from samverka.goals.models import FinancialTarget
from samverka.orgs.federation import get_period_or_404
from samverka.orgs.models import PeriodLockedError, PlanningPeriod

Measure = FinancialTarget.Measure
ORDER = {Measure.RESULT: 1, Measure.SOLIDITY: 2, Measure.QUICK_RATIO: 3}


def _new_target(period: PlanningPeriod, slug: str, measure: str) -> FinancialTarget:
    taken = set(FinancialTarget.objects.filter(period=period).values_list("code", flat=True))
    code, n = slug, 2
    while code in taken:
        code, n = f"{slug}-{n}", n + 1
    numbers = FinancialTarget.objects.filter(period=period).values_list("number", flat=True)
    number = ORDER[measure] if ORDER[measure] not in set(numbers) else max(numbers) + 1
    result = measure == Measure.RESULT
    return FinancialTarget(
        period=period,
        measure=measure,
        code=code,
        number=number,
        name=str(Measure(measure).label),
        unit="kr" if result else "%",
        comparison=FinancialTarget.Comparison.AT_LEAST
        if result
        else FinancialTarget.Comparison.ABOVE,
    )


def financial_target_edit(request: HttpRequest, year: int, measure: str) -> HttpResponse:
    require(capabilities(request).is_controller)
    period = get_period_or_404(year)
    if measure not in FinancialTarget.SLUGS:
        raise Http404
    kind = FinancialTarget.SLUGS[measure]
    target = FinancialTarget.objects.filter(period=period, measure=kind).first() or _new_target(
        period, measure, kind
    )
    form = FinancialTargetForm(request.POST or None, instance=target)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_or_conflict(form)
        except PeriodLockedError as exc:
            form.add_error(None, exc.messages[0])
            saved = False
        if saved:
            messages.success(
                request,
                _("Det finansiella målet %(name)s för %(year)s sparades.")
                % {"name": target.name, "year": year},
            )
            return redirect("budget:targets", year=year)
    return render(
        request,
        "goals/financial_target_edit.html",
        {
            "period": period,
            "form": form,
            "target": target,
            "measure": Measure(kind),
            "others": FinancialTarget.objects.filter(period=period).exclude(pk=target.pk),
        },
    )
