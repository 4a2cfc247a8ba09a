"""`{% financial_target_links period %}`: the controller's links to enter or change each of a
period's financial targets (the budget's targets page)."""

from django import template

from samverka.goals.models import FinancialTarget

register = template.Library()


@register.inclusion_tag("goals/_financial_target_links.html")
def financial_target_links(period) -> dict:
    stated = set(FinancialTarget.objects.filter(period=period).values_list("measure", flat=True))
    links = [
        (slug, FinancialTarget.Measure(measure).label, measure in stated)
        for slug, measure in FinancialTarget.SLUGS.items()
    ]
    return {"period": period, "links": links}
