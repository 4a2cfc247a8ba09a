""" "Budget och verksamhetsplan {year}" built from the data, as the board adopts it.

`build(period)` returns a `reports.document.Document` with the chapters of the document the
office used to type: Inledning (with the mission, the organisation and the present situation),
Mål, Budget {year} (with the projects) and Prioriterade områden {year}. Every table and chart
comes from the data; the chapter texts are `reports.PlanText`, edited per period. A draft
carries the budget's validation findings in an appendix.
"""

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverka.decisions.models import Decision
from samverka.orgs.models import PlanningPeriod
from samverka.reports.document import Document
from samverka.reports.plan import (
    budget,
    economic_plan,
    findings,
    goals,
    introduction,
    priorities,
)
from samverka.reports.plan.common import Plan

__all__ = ["build"]


def build(period: PlanningPeriod, language: str = "sv") -> Document:
    with translation.override(language):
        plan = Plan(period)
        document = Document(
            key=f"budget-och-verksamhetsplan-{period.year}",
            title=_("Budget och verksamhetsplan %(year)s") % {"year": period.year},
            organisation=period.federation.name,
            subtitle=_("Revidering %(n)s") % {"n": period.revision} if period.revision else "",
            draft=plan.draft,
            language=language,
        )
        if plan.draft:
            document.date = timezone.localdate()
        elif period.decision is not None:
            document.decision = decision_reference(period.decision)
            document.date = period.adopted_on or period.decision.date
        document.add(*introduction.chapter(plan))
        document.add(*goals.chapter(plan))
        document.add(*budget.chapter(plan))
        document.add(*economic_plan.chapter(plan))
        document.add(*priorities.chapter(plan))
        if plan.draft:
            document.appendices.extend(findings.appendix(plan))
        return document


def decision_reference(decision: Decision) -> str:
    """How the cover names the adopting decision: "Direktionen 2025-11-21 § 45"."""
    parts = [decision.body.name if decision.body_id else "", decision.date.isoformat()]
    return " ".join(filter(None, [*parts, decision.number]))
