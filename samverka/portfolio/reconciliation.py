"""Does the project unit's budget for a year match the sum of its projects?

`reconcile(year, unit_budget)` is the contract for the budget validation engine: it takes the
year and the project unit's budgeted total costs (as the budget holds them, positive or with the
printed minus sign; None when there is no figure) and returns findings. It never corrects
either side. The sum of the projects is, per project that the year's budget counts on (see
`queries.running_in`) and that the project unit owns (both read by the database in
`queries.unit_running_in`), its stated budget for the year or else its share of the total
spread by days (`Project.budget_by_year`).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from samverka.budget.queries import unit_totals
from samverka.lib.findings import Finding, Severity
from samverka.lib.money import format_kr
from samverka.orgs.models import PlanningPeriod, Unit
from samverka.portfolio.models import PROJECT_UNIT_CODE, Project, YearBudget
from samverka.portfolio.queries import unit_running_in


@dataclass(frozen=True)
class ProjectLine:
    project: Project
    budget: YearBudget


def project_lines(year: int) -> list[ProjectLine]:
    return [
        ProjectLine(project, project.budget_for(year))
        for project in unit_running_in(year, PROJECT_UNIT_CODE)
    ]


def projects_sum(lines: list[ProjectLine]) -> Decimal:
    return sum((line.budget.amount or Decimal(0) for line in lines), Decimal(0))


def unit_budget(year: int) -> Decimal | None:
    """The project unit's budgeted costs for the year as the budget holds them (costs
    negative), read from the budget itself; None when the year has no budget for the unit."""
    unit = Unit.objects.filter(code=PROJECT_UNIT_CODE).first()
    if unit is None:
        return None
    period = PlanningPeriod.objects.filter(federation_id=unit.federation_id, year=year).first()
    if period is None:
        return None
    totals = unit_totals(period, unit)
    return totals["costs"] if totals["by_kind"] else None


def reconcile(
    year: int,
    unit_budget: Decimal | None,
    lines: list[ProjectLine] | None = None,
    unit: Unit | None = None,
) -> list[Finding]:
    """`lines`, `unit`: the year's project lines and the project unit when the caller has read
    them already."""
    unit = unit or Unit.objects.filter(code=PROJECT_UNIT_CODE).first()
    where = {"enhet": unit.name if unit else "Projektenhet", "år": str(year)}
    if lines is None:
        lines = project_lines(year)
    total = projects_sum(lines)
    findings = []
    unknown = [line.project.name for line in lines if line.budget.amount is None]
    if unknown:
        findings.append(
            Finding(
                code="portfolio.project_budget_unknown",
                severity=Severity.WARNING,
                message=_(
                    "%(unknown)s av %(count)s projekt saknar budget för %(year)s (varken "
                    "årsbelopp eller totalbudget): %(names)s. Summan av projekten är därför "
                    "ofullständig."
                )
                % {
                    "unknown": len(unknown),
                    "count": len(lines),
                    "year": year,
                    "names": ", ".join(unknown),
                },
                where=where,
            )
        )
    if unit_budget is None:
        findings.append(
            Finding(
                code="portfolio.unit_budget_missing",
                severity=Severity.INFO,
                message=_(
                    "Projektenhetens budget för %(year)s är inte angiven. Projekten summerar "
                    "till %(total)s."
                )
                % {"year": year, "total": format_kr(total)},
                where=where,
                expected=total,
            )
        )
        return findings
    expected = total if unit_budget >= 0 else -total
    if expected != unit_budget:
        difference = unit_budget - expected
        findings.append(
            Finding(
                code="portfolio.unit_budget_mismatch",
                severity=Severity.WARNING,
                message=_(
                    "Projektenhetens budget för %(year)s (%(budget)s) skiljer sig från summan "
                    "av projekten (%(projects)s) med %(difference)s."
                )
                % {
                    "year": year,
                    "budget": format_kr(unit_budget),
                    "projects": format_kr(expected),
                    "difference": format_kr(difference),
                },
                where=where,
                expected=expected,
                stated=unit_budget,
            )
        )
    return findings


def budget_check(ctx) -> list[Finding]:
    """The budget validation engine's check: the project unit's budgeted costs for the period
    against the sum of its projects for that year. No project unit or no budget: nothing to do."""
    unit = Unit.objects.filter(code=PROJECT_UNIT_CODE).first()
    if unit is None:
        return []
    table = ctx.budget.table_for(unit)
    if not table.by_kind:
        return []
    year = ctx.period.year
    lines = project_lines(year)
    if lines and all(line.budget.amount is None for line in lines):
        # No project has an amount for the year (the plan prints none): there is nothing to
        # compare yet, which is a note, not a warning on every budget.
        return [
            Finding(
                code="portfolio.reconciliation_not_possible",
                severity=Severity.INFO,
                message=_(
                    "Projektenhetens budget %(year)s kan inte stämmas av mot projekten: inget "
                    "av de %(count)s projekten har en budget för året."
                )
                % {"year": year, "count": len(lines)},
                where={"enhet": unit.name, "år": str(year), "rad": "Projekt"},
            )
        ]
    return reconcile(year, table.costs, lines, unit)
