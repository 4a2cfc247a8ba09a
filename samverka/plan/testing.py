"""Factories for plan tests: plain functions, no fixtures files."""

import itertools

from samverka.orgs.models import Federation, PlanningPeriod
from samverka.plan.models import (
    Activity,
    ActivityPlan,
    FocusArea,
    PlanActivity,
    PriorityArea,
    Programme,
)

_seq = itertools.count(1)


def make_priority_area(period: PlanningPeriod, **kwargs) -> PriorityArea:
    n = next(_seq)
    defaults = {"code": f"omrade-{n}", "title": f"Område {n}", "sort_order": n}
    return PriorityArea.objects.create(period=period, **(defaults | kwargs))


def make_activity(area: PriorityArea, **kwargs) -> Activity:
    n = next(_seq)
    defaults = {"code": f"aktivitet-{n}", "title": f"Aktivitet {n}", "sort_order": n}
    return Activity.objects.create(priority_area=area, **(defaults | kwargs))


def make_programme(federation: Federation, focus_areas=("Etablering", "Kompetens"), **kwargs):
    n = next(_seq)
    defaults = {"code": f"uppdrag-{n}", "name": f"Uppdrag {n}"}
    programme = Programme.objects.create(federation=federation, **(defaults | kwargs))
    for order, name in enumerate(focus_areas, start=1):
        FocusArea.objects.create(
            programme=programme, code=f"fa-{order}", name=name, sort_order=order
        )
    return programme


def make_plan(programme: Programme, year: int = 2026, **kwargs) -> ActivityPlan:
    return ActivityPlan.objects.create(programme=programme, year=year, **kwargs)


def make_plan_activity(plan: ActivityPlan, focus_area: FocusArea | None = None, **kwargs):
    n = next(_seq)
    focus_area = focus_area or plan.programme.focus_areas.first()
    defaults = {"title": f"Planaktivitet {n}", "sort_order": n}
    return PlanActivity.objects.create(plan=plan, focus_area=focus_area, **(defaults | kwargs))
