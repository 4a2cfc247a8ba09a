"""The budget process's panel on the budget's unit page: `{% load cycle %}{% submission_panel %}`
(the page's context gives the period, the unit and the request)."""

from django import template

from samverka.cycle import submissions
from samverka.cycle.models import YearStart
from samverka.orgs.models import PlanningPeriod

register = template.Library()


@register.inclusion_tag("cycle/_submission_panel.html", takes_context=True)
def submission_panel(context, linked: bool = True) -> dict:
    from samverka.cycle.views import _context

    request, period, unit = context["request"], context["period"], context["unit"]
    own = _context(request, period, unit)
    # An adopted year that never went through the process has nothing to show.
    hidden = period.is_locked and own["submission"].pk is None
    return {
        **own,
        "hidden": hidden,
        "request": request,
        "linked": linked,
        "year_start": YearStart.objects.filter(period=period).select_related("based_on").first(),
        "can": context.get("can"),
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag
def submission_status(period, unit):
    return submissions.for_unit(period, unit)


@register.simple_tag
def open_budget_years() -> list[dict]:
    """The years still being worked on, with how many units are approved (for the overview)."""
    from samverka.orgs.federation import periods

    result = []
    for period in periods().exclude(status__in=PlanningPeriod.LOCKED).order_by("year"):
        rows = submissions.for_period(period)
        approved = sum(1 for s in rows if s.status == submissions.Status.APPROVED)
        result.append({"period": period, "approved": approved, "units": len(rows)})
    return result
