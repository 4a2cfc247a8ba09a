"""The plan's checks: the balance requirement, the targets per plan year, the member fees and
the results of closed years. Registered in the budget's validation engine (`apps.py`).

Kommunallagen 11 kap. 5 §: the budget is set so that revenue exceeds costs (balanskravet);
11 kap. 12 §: a negative result in the accounts is restored within the following three years.
"""

from collections.abc import Iterable
from decimal import Decimal

from django.utils.translation import gettext as _

from samverka.budget.validation import Context
from samverka.economy import plans
from samverka.lib.findings import Finding, Severity
from samverka.lib.money import format_kr
from samverka.orgs.models import PlanningPeriod

ZERO = Decimal(0)
RESTORE_WITHIN = 3  # years after the year with the negative result


def balance_requirement(year: int, result: Decimal, is_plan: bool) -> Finding | None:
    if result >= ZERO:
        return None
    what = _("Planåret") if is_plan else _("Budgetåret")
    return Finding(
        code="economy.balance_requirement",
        severity=Severity.ERROR,
        message=_(
            "%(what)s %(year)s har resultatet %(result)s: kostnaderna överstiger intäkterna med "
            "%(amount)s. Budgeten ska upprättas så att intäkterna överstiger kostnaderna "
            "(balanskravet, kommunallagen 11 kap. 5 §)."
        )
        % {
            "what": what,
            "year": year,
            "result": format_kr(result),
            "amount": format_kr(-result),
        },
        where={"enhet": _("Förbundet"), "år": str(year), "rad": _("Resultat")},
        expected=ZERO,
        stated=result,
    )


def plan_findings(plan: plans.Plan, *, include_budget_year: bool = True) -> list[Finding]:
    """What the plan's figures say: balance requirement and targets per year, the member fees
    against the fee income, missing populations and projects without a budget."""
    findings: list[Finding] = []
    for year in plan.years:
        if not year.is_plan and not include_budget_year:
            continue
        finding = balance_requirement(year.year, year.consolidated.result, year.is_plan)
        if finding:
            findings.append(finding)
        if year.is_plan:
            findings.extend(_target_findings(year))
        if year.fees is not None:
            findings.extend(_fee_findings(year.fees))
    if plan.unknown_projects:
        findings.append(
            Finding(
                code="economy.project_budget_unknown",
                severity=Severity.INFO,
                message=_(
                    "Projekt utan budget för något av åren räknas inte med i planen: %(names)s."
                )
                % {"names": ", ".join(plan.unknown_projects)},
                where={"år": "–".join(str(y) for y in (plan.years[0].year, plan.years[-1].year))},
            )
        )
    return findings


def _target_findings(year: plans.Year) -> Iterable[Finding]:
    for target in year.targets:
        if target.met is False:
            yield Finding(
                code="economy.target_not_met",
                severity=Severity.WARNING,
                message=_("Planåret %(year)s: målet ”%(target)s” nås inte. %(why)s")
                % {"year": year.year, "target": target.label, "why": target.explanation},
                where={"år": str(year.year), "mål": target.label},
                expected=target.threshold,
                stated=target.value,
            )


def _fee_findings(sheet: plans.FeeSheet) -> Iterable[Finding]:
    if sheet.missing:
        yield Finding(
            code="economy.population_missing",
            severity=Severity.WARNING,
            message=_(
                "%(year)s: folkmängd saknas för %(names)s, så deras avgifter saknas i summan."
            )
            % {"year": sheet.year, "names": ", ".join(m.name for m in sheet.missing)},
            where={"år": str(sheet.year)},
        )
    if sheet.difference:
        yield Finding(
            code="economy.member_fee_sum",
            severity=Severity.ERROR,
            message=_(
                "%(year)s: medlemmarnas avgifter summerar till %(total)s men budgeten räknar "
                "med medlemsavgifter på %(budgeted)s, skillnad %(difference)s. Skillnaden "
                "fördelas inte på medlemmarna."
            )
            % {
                "year": sheet.year,
                "total": format_kr(sheet.total),
                "budgeted": format_kr(sheet.budgeted),
                "difference": format_kr(sheet.difference),
            },
            where={"år": str(sheet.year), "rad": _("Medlemsavgifter")},
            expected=sheet.budgeted,
            stated=sheet.total,
        )


def closed_year_deficits(period: PlanningPeriod) -> list[Finding]:
    """Negative results in the accounts of the last three years, to restore by year + 3."""
    findings = []
    earlier = PlanningPeriod.objects.filter(
        federation_id=period.federation_id,
        year__gte=period.year - RESTORE_WITHIN,
        year__lt=period.year,
    ).order_by("year")
    for year_period in earlier:
        actuals = plans.closed_actuals(year_period)
        if actuals is None or actuals.result >= ZERO:
            continue
        by = year_period.year + RESTORE_WITHIN
        findings.append(
            Finding(
                code="economy.deficit_to_restore",
                severity=Severity.WARNING,
                message=_(
                    "Bokslutet %(year)s visar resultatet %(result)s. Det negativa resultatet, "
                    "%(amount)s, ska återställas senast %(by)s (kommunallagen 11 kap. 12 §)."
                )
                % {
                    "year": year_period.year,
                    "result": format_kr(actuals.result),
                    "amount": format_kr(-actuals.result),
                    "by": by,
                },
                where={"år": str(year_period.year), "återställs senast": str(by)},
                expected=ZERO,
                stated=actuals.result,
            )
        )
    return findings


def check_balance_requirement(ctx: Context) -> Iterable[Finding]:
    finding = balance_requirement(ctx.period.year, ctx.budget.consolidated.result, False)
    return [finding] if finding else []


def check_proposal(ctx: Context) -> Iterable[Finding]:
    """The proposal's plan years (the budget year is checked by the budget's own checks)."""
    scenario = plans.proposal(ctx.period)
    if scenario is None:
        return []
    plan = plans.build(scenario, ctx.budget)
    return plan_findings(plan, include_budget_year=False)


def check_closed_years(ctx: Context) -> Iterable[Finding]:
    return closed_year_deficits(ctx.period)


CHECKS = [check_balance_requirement, check_proposal, check_closed_years]
