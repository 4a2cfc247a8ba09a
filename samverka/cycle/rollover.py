"""Start the next budget year from the current one.

`start_next_year(period, by_user)` creates the next `PlanningPeriod` as a draft and copies, in
one transaction, what the units and the controller work on as a starting point: the units'
budget lines (amounts unchanged, marked as start values from the year before), assumptions,
fee model (population reference date a year later) and the fee's distribution to units,
financial targets, indicator target values, priority areas with their activities and links,
each programme's activity plan (a new draft, version 1 for the new year) and the plan's texts.

What is not copied: the federation's total table and the figures as printed (the new year has
no printed document yet; its totals are computed from the units), follow-up rounds and reports,
actuals and balance sheets. Goals, indicators, strategies and units belong to the federation,
not to a year, so they carry over as they are.

The next year must not exist: the function never overwrites a user's data.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverka.audit.context import acting_as
from samverka.audit.recording import log
from samverka.budget.models import Assumptions, BudgetLine, FeeAllocation, FeeModel
from samverka.cycle.models import UnitSubmission, YearStart
from samverka.goals.models import FinancialTarget, TargetValue
from samverka.orgs.models import PlanningPeriod, Unit
from samverka.plan import activity_plans
from samverka.plan.models import Activity, ActivityPlan, PriorityArea
from samverka.reports.models import PlanText


class NextYearExistsError(ValidationError):
    """The next year is there already; starting it again would overwrite someone's work."""


# What is copied, in the order the confirmation page lists it.
LABELS = {
    "units": gettext_lazy("enheter (följer med, de hör till förbundet)"),
    "budget_lines": gettext_lazy("budgetrader för enheterna (belopp oförändrade)"),
    "assumptions": gettext_lazy("budgetförutsättningar (PO-pålägg, overhead)"),
    "fee_model": gettext_lazy("avgiftsmodell (folkmängd ett år senare)"),
    "fee_allocations": gettext_lazy("fördelningar av medlemsavgiften på enheter"),
    "financial_targets": gettext_lazy("finansiella mål"),
    "indicator_targets": gettext_lazy("målvärden för indikatorer"),
    "priority_areas": gettext_lazy("prioriterade områden"),
    "activities": gettext_lazy("aktiviteter under de prioriterade områdena"),
    "activity_plans": gettext_lazy("tids- och aktivitetsplaner för uppdragen (nya utkast)"),
    "plan_activities": gettext_lazy("aktiviteter i aktivitetsplanerna"),
    "plan_texts": gettext_lazy("plantexter (kapitel och enheternas texter)"),
}


@dataclass(frozen=True)
class Count:
    key: str
    label: str
    count: int


def carried_over_source(year: int) -> str:
    return _("Startvärde från budget %(year)s") % {"year": year}


def _next_year_exists(period: PlanningPeriod) -> bool:
    return PlanningPeriod.objects.filter(
        federation=period.federation, year=period.year + 1
    ).exists()


def refusal(period: PlanningPeriod) -> str | None:
    """Why the year after `period` cannot be started now, or None."""
    if _next_year_exists(period):
        return _(
            "Budgetåret %(next)s finns redan. Det startas inte igen, så att inget som redan "
            "har skrivits för %(next)s skrivs över."
        ) % {"next": period.year + 1}
    return None


def _source_plans(period: PlanningPeriod) -> list[ActivityPlan]:
    """Each programme's plan for the year: the adopted version, else the latest."""
    plans: dict[int, ActivityPlan] = {}
    for plan in ActivityPlan.objects.filter(
        programme__federation=period.federation, year=period.year
    ).order_by("programme_id", "-number"):
        chosen = plans.get(plan.programme_id)
        if chosen is None or (
            plan.status == ActivityPlan.Status.ADOPTED
            and chosen.status != ActivityPlan.Status.ADOPTED
        ):
            plans[plan.programme_id] = plan
    return [
        p
        for p in plans.values()
        if not ActivityPlan.objects.filter(programme=p.programme, year=period.year + 1).exists()
    ]


def _indicator_targets(period: PlanningPeriod):
    taken = set(
        TargetValue.objects.filter(
            year=period.year + 1, indicator__goal__federation=period.federation
        ).values_list("indicator_id", flat=True)
    )
    return [
        t
        for t in TargetValue.objects.filter(
            year=period.year, indicator__goal__federation=period.federation
        )
        if t.indicator_id not in taken
    ]


def preview(period: PlanningPeriod) -> list[Count]:
    """What `start_next_year` would copy, counted."""
    plans = _source_plans(period)
    counts = {
        "units": Unit.objects.filter(federation=period.federation).count(),
        "budget_lines": BudgetLine.objects.filter(period=period, unit__isnull=False).count(),
        "assumptions": Assumptions.objects.filter(period=period).count(),
        "fee_model": FeeModel.objects.filter(period=period).count(),
        "fee_allocations": FeeAllocation.objects.filter(period=period).count(),
        "financial_targets": FinancialTarget.objects.filter(period=period).count(),
        "indicator_targets": len(_indicator_targets(period)),
        "priority_areas": PriorityArea.objects.filter(period=period).count(),
        "activities": Activity.objects.filter(priority_area__period=period).count(),
        "activity_plans": len(plans),
        "plan_activities": sum(p.activities.count() for p in plans),
        "plan_texts": PlanText.objects.filter(period=period).count(),
    }
    return [Count(key, str(LABELS[key]), counts[key]) for key in LABELS]


def _a_year_later(day: datetime.date | None) -> datetime.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _copy(obj, **changes):
    """An unsaved copy of a model instance with `changes` applied (a fresh version)."""
    fields = {
        f.attname: getattr(obj, f.attname)
        for f in obj._meta.concrete_fields
        if not f.primary_key and f.name != "version"
    }
    return type(obj)(**(fields | changes))


def _activity_code(code: str, year: int, taken: set[str]) -> str:
    old = f"{year - 1}-"
    base = f"{year}-{code[len(old) :]}" if code.startswith(old) else f"{year}-{code}"
    base = base[:80]
    candidate, n = base, 2
    while candidate in taken:
        suffix = f"-{n}"
        candidate, n = base[: 80 - len(suffix)] + suffix, n + 1
    taken.add(candidate)
    return candidate


@transaction.atomic
def start_next_year(period: PlanningPeriod, by_user) -> PlanningPeriod:
    """Create the year after `period` as a draft, with its contents as a starting point."""
    # Lock the source row: two controllers starting the year at once are served one by one.
    PlanningPeriod.objects.select_for_update().filter(pk=period.pk).first()
    reason = refusal(period)
    if reason:
        raise NextYearExistsError(reason)
    counts = {c.key: c.count for c in preview(period)}
    year = period.year + 1
    with acting_as(by_user):
        new = PlanningPeriod.objects.create(federation=period.federation, year=year)
        source = carried_over_source(period.year)
        for line in BudgetLine.objects.filter(period=period, unit__isnull=False):
            _copy(line, period_id=new.pk, source=source).save()
        for model in (Assumptions, FeeModel):
            obj = model.objects.filter(period=period).first()
            if obj is None:
                continue
            changes = {"period_id": new.pk, "source": source}
            if model is FeeModel:
                changes["population_reference_date"] = _a_year_later(obj.population_reference_date)
            _copy(obj, **changes).save()
        for share in FeeAllocation.objects.filter(period=period):
            _copy(share, period_id=new.pk).save()
        for target in FinancialTarget.objects.filter(period=period):
            _copy(target, period_id=new.pk).save()
        for target in _indicator_targets(period):
            _copy(target, year=year).save()
        _copy_priority_areas(period, new)
        for plan in _source_plans(period):
            _copy_activity_plan(plan, year)
        for text in PlanText.objects.filter(period=period):
            _copy(text, period_id=new.pk).save()
        for unit in Unit.objects.filter(federation=period.federation):
            UnitSubmission.objects.create(period=new, unit=unit)
        YearStart.objects.create(period=new, based_on=period, started_by=by_user, counts=counts)
        log(new, "cycle.year.started", {"based_on": period.year, "counts": counts})
    return new


def _copy_priority_areas(period: PlanningPeriod, new: PlanningPeriod) -> None:
    taken = set(Activity.objects.values_list("code", flat=True))
    for area in PriorityArea.objects.filter(period=period):
        new_area = _copy(area, period_id=new.pk)
        new_area.save()
        for activity in area.activities.all():
            copied = _copy(
                activity,
                priority_area_id=new_area.pk,
                code=_activity_code(activity.code, new.year, taken),
                status=Activity._meta.get_field("status").default,
                start=_a_year_later(activity.start),
                end=_a_year_later(activity.end),
            )
            copied.save()
            for link in activity.links.all():
                _copy(link, activity_id=copied.pk).save()


def _copy_activity_plan(plan: ActivityPlan, year: int) -> ActivityPlan:
    draft = ActivityPlan.objects.create(
        programme=plan.programme,
        year=year,
        number=1,
        note=_("Startad från version %(number)s av planen för %(year)s.")
        % {"number": plan.number, "year": plan.year},
    )
    activity_plans.copy_activities(plan, draft, move=_a_year_later)
    return draft
