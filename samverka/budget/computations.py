"""What can be computed from the budget lines: table sums, consolidation, overhead, payroll.

Everything for one period is read in two queries (line sums grouped by unit and kind, and the
stated figures), so the cost does not grow with the number of queries per unit.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from samverka.budget.models import (
    REVENUE_KINDS,
    Assumptions,
    BudgetLine,
    LineKind,
    StatedFigure,
)
from samverka.lib.money import round_kronor
from samverka.orgs.models import PlanningPeriod, Unit

ZERO = Decimal(0)
HUNDRED = Decimal(100)
Figure = StatedFigure.Figure


@dataclass
class Table:
    """One budget table (a unit's, the printed total, or the consolidation of the units)."""

    unit: Unit | None
    by_kind: dict[str, Decimal] = field(default_factory=dict)
    stated: dict[str, Decimal] = field(default_factory=dict)

    def get(self, kind: str) -> Decimal:
        return self.by_kind.get(kind, ZERO)

    @property
    def name(self) -> str:
        return self.unit.name if self.unit else _("Förbundet totalt")

    @property
    def revenue(self) -> Decimal:
        return sum((v for k, v in self.by_kind.items() if k in REVENUE_KINDS), ZERO)

    @property
    def gross_revenue(self) -> Decimal:
        return self.revenue - self.get(LineKind.OVERHEAD_INCOME_DEDUCTED)

    @property
    def costs(self) -> Decimal:
        return sum((v for k, v in self.by_kind.items() if k not in REVENUE_KINDS), ZERO)

    @property
    def result(self) -> Decimal:
        return self.revenue + self.costs

    @property
    def personnel(self) -> Decimal:
        return self.get(LineKind.PERSONNEL)

    @property
    def other_costs(self) -> Decimal:
        return self.get(LineKind.OTHER_COSTS)

    @property
    def overhead_costs(self) -> Decimal:
        return self.get(LineKind.OVERHEAD_COSTS)

    @property
    def overhead_income(self) -> Decimal:
        return self.get(LineKind.OVERHEAD_INCOME)

    @property
    def overhead_net(self) -> Decimal:
        return self.overhead_costs + self.overhead_income

    def summary(self) -> dict[str, Decimal]:
        return {
            "revenue": self.revenue,
            "personnel": self.personnel,
            "other_costs": self.other_costs,
            "overhead": self.overhead_net,
            "costs": self.costs,
            "result": self.result,
        }


@dataclass
class PeriodBudget:
    period: PlanningPeriod
    total: Table
    units: list[Table]

    @property
    def consolidated(self) -> Table:
        """The federation from its units, overhead netted (office income against unit costs)."""
        by_kind: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for table in self.units:
            for kind, amount in table.by_kind.items():
                by_kind[kind] += amount
        return Table(unit=None, by_kind=dict(by_kind))

    def table_for(self, unit: Unit) -> Table:
        for table in self.units:
            if table.unit and table.unit.pk == unit.pk:
                return table
        return Table(unit=unit)


def load_budget(period: PlanningPeriod, units: list[Unit] | None = None) -> PeriodBudget:
    """The period's tables: two queries, whatever the number of units and lines."""
    if units is None:
        units = list(Unit.objects.filter(federation_id=period.federation_id))
    sums: dict[int | None, dict[str, Decimal]] = defaultdict(dict)
    rows = (
        BudgetLine.objects.filter(period=period)
        .order_by()
        .values_list("unit_id", "kind")
        .annotate(total=Sum("amount"))
    )
    for unit_id, kind, total in rows:
        sums[unit_id][kind] = total
    stated: dict[int | None, dict[str, Decimal]] = defaultdict(dict)
    for unit_id, figure, amount in StatedFigure.objects.filter(period=period).values_list(
        "unit_id", "figure", "amount"
    ):
        stated[unit_id][figure] = amount
    tables = [
        Table(unit=u, by_kind=sums.get(u.pk, {}), stated=stated.get(u.pk, {}))
        for u in units
        if u.pk in sums or u.pk in stated
    ]
    return PeriodBudget(
        period=period, total=Table(None, sums.get(None, {}), stated.get(None, {})), units=tables
    )


def change(current: Decimal | None, previous: Decimal | None) -> tuple[Decimal | None, ...]:
    """Year-over-year change in kronor and percent (None where it cannot be computed)."""
    if current is None or previous is None:
        return None, None
    diff = current - previous
    pct = round_kronor(diff / abs(previous) * HUNDRED, Decimal("0.1")) if previous else None
    return diff, pct


def personnel_cost_from_salaries(salaries: Decimal, rate_percent: Decimal) -> Decimal:
    """The cost of `salaries` with the payroll overhead (PO-pålägg): negative, in kronor."""
    return -round_kronor(salaries * (1 + rate_percent / HUNDRED))


@dataclass
class OverheadRow:
    table: Table
    basis: Decimal | None
    computed: Decimal
    entered: Decimal

    @property
    def difference(self) -> Decimal:
        return self.entered - self.computed


def overhead_basis(table: Table, basis: str) -> Decimal:
    B = Assumptions.OverheadBasis
    if basis == B.PERSONNEL:
        return -table.personnel
    if basis == B.PERSONNEL_AND_OTHER:
        return -(table.personnel + table.other_costs)
    if basis == B.OTHER_COSTS:
        return -table.other_costs
    return table.revenue + table.overhead_costs


def overhead_allocation(
    budget: PeriodBudget, assumptions: Assumptions | None
) -> tuple[list[OverheadRow], OverheadRow | None]:
    """Each unit's overhead from the key and its basis, and the office's income from them."""
    if assumptions is None or assumptions.overhead_rate is None:
        return [], None
    rate = assumptions.overhead_rate / HUNDRED
    rows, office = [], None
    for table in budget.units:
        if table.unit.carries_overhead:
            office = table
            continue
        basis = overhead_basis(table, assumptions.overhead_basis)
        rows.append(OverheadRow(table, basis, -round_kronor(basis * rate), table.overhead_costs))
    office_row = None
    if office is not None:
        office_row = OverheadRow(
            office, None, -sum((r.computed for r in rows), ZERO), office.overhead_income
        )
    return rows, office_row
