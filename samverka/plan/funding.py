"""The programme's funding by year, reconciled with its own yearly budget."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from samverka.lib.findings import Finding, Severity
from samverka.lib.money import format_kr
from samverka.plan.models import CoFinancing, Programme, ProgrammeBudget


@dataclass
class YearFunding:
    year: int
    budget: Decimal | None
    funding: Decimal

    @property
    def difference(self) -> Decimal | None:
        return None if self.budget is None else self.funding - self.budget


def funding_by_year(programme: Programme) -> list[YearFunding]:
    budgets = {b.year: b.revenue for b in ProgrammeBudget.objects.filter(programme=programme)}
    sums: dict[int, Decimal] = defaultdict(Decimal)
    rows = (
        CoFinancing.objects.filter(programme=programme).values("year").annotate(total=Sum("amount"))
    )
    for row in rows:
        sums[row["year"]] = row["total"]
    years = sorted(budgets.keys() | sums.keys())
    return [YearFunding(y, budgets.get(y), sums.get(y, Decimal(0))) for y in years]


def reconcile(programme: Programme) -> list[Finding]:
    """A finding for every year whose budgeted revenue differs from the registered funding."""
    findings = []
    for row in funding_by_year(programme):
        where = {"uppdrag": programme.name, "år": str(row.year)}
        if row.budget is None:
            findings.append(
                Finding(
                    code="plan.funding_without_budget",
                    severity=Severity.WARNING,
                    message=_(
                        "%(programme)s %(year)s: finansiering om %(funding)s är registrerad men "
                        "ingen budget för året."
                    )
                    % {
                        "programme": programme.name,
                        "year": row.year,
                        "funding": format_kr(row.funding),
                    },
                    where=where,
                    stated=row.funding,
                )
            )
        elif row.budget != row.funding:
            findings.append(
                Finding(
                    code="plan.funding_mismatch",
                    severity=Severity.ERROR,
                    message=_(
                        "%(programme)s %(year)s: budgeterade intäkter %(budget)s men registrerad "
                        "finansiering %(funding)s."
                    )
                    % {
                        "programme": programme.name,
                        "year": row.year,
                        "budget": format_kr(row.budget),
                        "funding": format_kr(row.funding),
                    },
                    where=where,
                    expected=row.budget,
                    stated=row.funding,
                )
            )
    return findings
