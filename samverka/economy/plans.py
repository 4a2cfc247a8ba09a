"""The three-year plan of a scenario: the budget year and the plan years as budget tables.

`build(scenario)` reads what the projection needs (the budget year, the assumptions, the
populations, the projects), runs `projection.project` and hands every year to the budget
engine as a `PeriodBudget`, so results, consolidation and targets are the budget's own.
Scenarios are created and made the proposal here too.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db import transaction
from django.db.models import Sum
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samverka.audit.recording import log
from samverka.budget import targets as target_module
from samverka.budget.computations import PeriodBudget, Table, load_budget
from samverka.budget.models import Assumptions, FeeAllocation, FeeModel, LineKind
from samverka.budget.tables import previous_period
from samverka.budget.targets import TargetResult
from samverka.economy import projection
from samverka.economy.models import (
    PlanYearLine,
    PopulationForecast,
    Scenario,
    ScenarioAssumptions,
)
from samverka.goals.models import FinancialTarget
from samverka.lib.money import format_kr, round_kronor
from samverka.orgs.models import Member, PlanningPeriod, Population, Unit

ZERO = Decimal(0)


@dataclass
class MemberFeeRow:
    member: Member
    inhabitants: int | None
    fee: Decimal | None


@dataclass
class FeeSheet:
    """Each member's fee in one year and the sum against the fee income the plan holds."""

    year: int
    rate: Decimal
    rows: list[MemberFeeRow]
    budgeted: Decimal  # the fee income the budget (or plan year) holds

    @property
    def total(self) -> Decimal:
        return sum((row.fee for row in self.rows if row.fee is not None), ZERO)

    @property
    def inhabitants(self) -> int:
        return sum(row.inhabitants for row in self.rows if row.inhabitants is not None)

    @property
    def difference(self) -> Decimal:
        return self.total - self.budgeted

    @property
    def missing(self) -> list[Member]:
        return [row.member for row in self.rows if row.inhabitants is None]


@dataclass
class Year:
    year: int
    budget: PeriodBudget
    is_plan: bool
    fees: FeeSheet | None
    targets: list[TargetResult]
    projected: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    entered: set[tuple[str, str]] = field(default_factory=set)

    @property
    def consolidated(self) -> Table:
        return self.budget.consolidated


@dataclass
class Plan:
    scenario: Scenario
    period: PlanningPeriod
    years: list[Year]  # the budget year, then the plan years
    units: list[Unit]
    previous: PeriodBudget | None  # last year's budget
    actuals: Table | None  # last year's actuals, when the year is booked in full
    unknown_projects: list[str]

    @property
    def year_numbers(self) -> list[int]:
        return [year.year for year in self.years]

    def year(self, number: int) -> Year:
        return next(year for year in self.years if year.year == number)


def unique_code(period: PlanningPeriod, name: str) -> str:
    base = slugify(name)[:50] or "scenario"
    taken = set(Scenario.objects.filter(period=period).values_list("code", flat=True))
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base}-{n}"
    return code


@transaction.atomic
def create_scenario(period: PlanningPeriod, name: str, user=None, description: str = ""):
    """A scenario with the budget year's PO rate and overhead key and no indexation, clearly
    a starting point; the period's first scenario becomes its proposal."""
    period.check_editable()
    first = not Scenario.objects.filter(period=period).exists()
    scenario = Scenario(
        period=period,
        code=unique_code(period, name),
        name=name,
        description=description,
        created_by=user if user is not None and user.pk else None,
        is_proposal=first,
    )
    scenario.save()
    assumptions = Assumptions.objects.filter(period=period).first()
    for year in scenario.plan_years:
        ScenarioAssumptions.objects.create(
            scenario=scenario,
            year=year,
            payroll_overhead_rate=(assumptions and assumptions.payroll_overhead_rate) or ZERO,
            overhead_rate=(assumptions and assumptions.overhead_rate) or ZERO,
        )
    return scenario


@transaction.atomic
def make_proposal(scenario: Scenario) -> None:
    """Make `scenario` its period's proposal (the one before stops being it)."""
    scenario.period.check_editable()
    for other in Scenario.objects.filter(period=scenario.period, is_proposal=True).exclude(
        pk=scenario.pk
    ):
        other.is_proposal = False
        other.save()
    if not scenario.is_proposal:
        scenario.is_proposal = True
        scenario.save()
        log(scenario, "economy.scenario.proposed", {"year": scenario.period.year})


def proposal(period: PlanningPeriod) -> Scenario | None:
    return Scenario.objects.filter(period=period, is_proposal=True).first()


def base_year(period: PlanningPeriod, budget: PeriodBudget) -> projection.BaseYear:
    assumptions = Assumptions.objects.filter(period=period).first()
    model = FeeModel.objects.filter(period=period).first()
    members = Member.objects.filter(federation_id=period.federation_id)
    populations: dict[str, int | None] = {m.municipality_code: None for m in members}
    if model is not None:
        for code, inhabitants in Population.objects.filter(
            member__federation_id=period.federation_id,
            reference_date=model.population_reference_date,
        ).values_list("member__municipality_code", "inhabitants"):
            populations[code] = inhabitants
    office = next((t.unit.code for t in budget.units if t.unit.carries_overhead), None)
    shares = dict(FeeAllocation.objects.filter(period=period).values_list("unit__code", "amount"))
    return projection.BaseYear(
        year=period.year,
        units={t.unit.code: dict(t.by_kind) for t in budget.units},
        payroll_overhead_rate=(assumptions and assumptions.payroll_overhead_rate) or ZERO,
        overhead_rate=(assumptions and assumptions.overhead_rate) or ZERO,
        overhead_basis=assumptions.overhead_basis
        if assumptions
        else Assumptions.OverheadBasis.PERSONNEL,
        fee_per_inhabitant=model.rate_per_inhabitant if model else ZERO,
        fee_income=model.budgeted_income if model else ZERO,
        populations=populations,
        office=office,
        fee_shares=shares,
    )


def project_costs(years: list[int]) -> tuple[dict[str, dict[int, Decimal]], list[str]]:
    """The costs of the projects the budget counts on, per owning unit and year, and the
    projects whose budget for one of the years is unknown."""
    from samverka.portfolio.queries import running_in

    costs: dict[str, dict[int, Decimal]] = {}
    unknown: list[str] = []
    for year in years:
        for project in running_in(year):
            amount = project.budget_for(year).amount
            if amount is None:
                if project.name not in unknown:
                    unknown.append(project.name)
                continue
            by_year = costs.setdefault(project.owning_unit.code, {})
            by_year[year] = by_year.get(year, ZERO) + abs(amount)
    return costs, unknown


def last_year_actuals(period: PlanningPeriod) -> Table | None:
    """The previous year's booked result by line kind, when its books run to December."""
    previous = previous_period(period)
    return closed_actuals(previous) if previous else None


def closed_actuals(period: PlanningPeriod) -> Table | None:
    from samverka.ledger.followup import active_batch
    from samverka.ledger.models import Actual

    batch = active_batch(period)
    if batch is None or batch.through_month != 12:
        return None

    def totals() -> dict:
        rows = (
            Actual.objects.filter(batch=batch, line_kind__isnull=False)
            .order_by()
            .values_list("line_kind")
            .annotate(total=Sum("amount"))
        )
        return {kind: total for kind, total in rows}

    # A batch's rows change only when its accounts are mapped again, which saves the batch
    # (a new version); a new file is a new batch. So its sums are kept per batch and version:
    # summing a year's 200 000 rows on every budget page was most of its time.
    key = f"economy:closed-actuals:{batch.pk}:{batch.version}"
    return Table(unit=None, by_kind=cache.get_or_set(key, totals, timeout=7 * 24 * 3600))


def _assumptions(scenario: Scenario) -> list[projection.YearAssumptions]:
    stored = {a.year: a for a in scenario.assumptions.all()}
    result = []
    for year in scenario.plan_years:
        a = stored.get(year)
        if a is None:
            raise ValueError(f"{scenario} saknar antaganden för {year}")
        result.append(
            projection.YearAssumptions(
                year=year,
                payroll_overhead_rate=a.payroll_overhead_rate,
                overhead_rate=a.overhead_rate,
                fee_per_inhabitant=a.fee_per_inhabitant,
                fee_indexation=a.fee_indexation,
                wage_index=a.wage_index,
                price_index=a.price_index,
                population_growth=a.population_growth,
            )
        )
    return result


def _plan_year_targets(
    targets: list[FinancialTarget], year: int, result: Decimal, fees: Decimal
) -> list[TargetResult]:
    """The budget year's targets measured in a plan year: the result against the year's own
    fees (a share) or the fixed amount; the balance-sheet targets need a projected balance
    sheet, which the plan does not make."""
    results = []
    for target in targets:
        if target.measure == FinancialTarget.Measure.RESULT:
            lead = _("Resultatet %(year)s är %(result)s") % {
                "year": year,
                "result": format_kr(result),
            }
            if target.is_share_of_fees and not fees:
                results.append(
                    TargetResult(
                        "result",
                        target_module.label(target),
                        result,
                        None,
                        None,
                        _("Avgiftsintäkten är noll."),
                        "kr",
                        target.rule_comparison,
                    )
                )
                continue
            results.append(
                target_module.result_target(
                    target, result, fees, lead, _("medlemsavgifterna"), compare_printed=False
                )
            )
        else:
            results.append(
                target_module.percent_target(
                    target, None, _("Balansräkningen för planåren prognostiseras inte.")
                )
            )
    return results


def build(scenario: Scenario, budget: PeriodBudget | None = None) -> Plan:
    """The scenario's three years: the budget year as budgeted, the plan years projected."""
    period = scenario.period
    units = list(Unit.objects.filter(federation_id=period.federation_id))
    by_code = {unit.code: unit for unit in units}
    budget = budget or load_budget(period, units)
    base = base_year(period, budget)
    members = {
        m.municipality_code: m
        for m in Member.objects.filter(federation_id=period.federation_id).order_by("name")
    }
    forecasts = {
        (code, year): n
        for code, year, n in PopulationForecast.objects.filter(scenario=scenario).values_list(
            "member__municipality_code", "year", "inhabitants"
        )
    }
    entered = {
        (code, year, kind): amount
        for code, year, kind, amount in PlanYearLine.objects.filter(scenario=scenario).values_list(
            "unit__code", "year", "kind", "amount"
        )
    }
    costs, unknown = project_costs([period.year, *scenario.plan_years])
    plan_years = projection.project(
        base, _assumptions(scenario), forecasts=forecasts, projects=costs, entered=entered
    )

    model = FeeModel.objects.filter(period=period).first()
    base_sheet = None
    if model is not None:
        base_sheet = FeeSheet(
            period.year,
            model.rate_per_inhabitant,
            [MemberFeeRow(m, base.populations.get(code), None) for code, m in members.items()],
            round_kronor(model.budgeted_income),
        )
        for row in base_sheet.rows:
            row.fee = projection.member_fee(row.inhabitants, model.rate_per_inhabitant)
    years = [
        Year(
            period.year,
            budget,
            False,
            base_sheet,
            target_module.evaluate(period, budget),
        )
    ]
    base_fee_lines = sum((t.get(LineKind.MEMBER_FEES) for t in budget.units), ZERO)
    targets = target_module.targets_of(period)  # the plan years use the budget year's targets
    for py in plan_years:
        tables = [Table(by_code[code], by_kind=kinds) for code, kinds in py.units.items()]
        year_budget = PeriodBudget(period=period, total=Table(None), units=tables)
        fee_lines = sum((t.get(LineKind.MEMBER_FEES) for t in tables), ZERO)
        sheet = FeeSheet(
            py.year,
            py.fee_per_inhabitant,
            [
                MemberFeeRow(m, py.populations.get(code), py.member_fees.get(code))
                for code, m in members.items()
            ],
            round_kronor(base.fee_income + fee_lines - base_fee_lines),
        )
        years.append(
            Year(
                py.year,
                year_budget,
                True,
                sheet,
                _plan_year_targets(
                    targets, py.year, year_budget.consolidated.result, sheet.budgeted
                ),
                projected=py.projected,
                entered=py.entered,
            )
        )
    previous = previous_period(period)
    return Plan(
        scenario=scenario,
        period=period,
        years=years,
        units=[t.unit for t in budget.units],
        previous=load_budget(previous, units) if previous else None,
        actuals=last_year_actuals(period),
        unknown_projects=unknown,
    )
