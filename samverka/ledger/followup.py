"""Budget against actual per unit, line kind and month, with a forecast for the year.

Everything is in the budget's sign convention (revenue +, costs −), so a positive variance
(actual − budget) is always good for the result: more revenue or lower costs.

Monthly budget: the yearly budget spread evenly over 12 months (no profile per month exists
yet). Forecast as of month M: the actual of months 1…M plus the budget of months M+1…12,
unless a manual forecast for the year is set for the unit and line kind.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from samverka.budget.computations import load_budget
from samverka.budget.models import KIND_ORDER, REVENUE_KINDS, BudgetLine, LineKind
from samverka.budget.queries import unit_totals
from samverka.ledger.models import ImportBatch, ManualForecast, VarianceComment
from samverka.ledger.sums import period_sums
from samverka.lib.money import ORE, round_kronor
from samverka.orgs.models import PlanningPeriod, Unit

ZERO = Decimal(0)
TWELVE = Decimal(12)
HUNDRED = Decimal(100)


def percent_of(variance: Decimal, budget: Decimal) -> Decimal | None:
    """Variance as a percentage of the budget's size; None when the budget is zero."""
    if not budget:
        return None
    return round_kronor(variance / abs(budget) * HUNDRED, Decimal("0.1"))


def budget_through(year_budget: Decimal, months: int) -> Decimal:
    """The budget for months 1…`months`, spread evenly (rounded to öre once, not per month)."""
    return round_kronor(year_budget * months / TWELVE, ORE)


@dataclass
class Row:
    label: str
    kind: str | None  # None on the total rows
    year_budget: Decimal = ZERO
    month_budget: Decimal = ZERO
    month_actual: Decimal = ZERO
    ytd_budget: Decimal = ZERO
    ytd_actual: Decimal = ZERO
    forecast: Decimal = ZERO
    manual_forecast: bool = False
    comment: VarianceComment | None = None
    is_total: bool = False

    @property
    def month_variance(self) -> Decimal:
        return self.month_actual - self.month_budget

    @property
    def month_variance_percent(self) -> Decimal | None:
        return percent_of(self.month_variance, self.month_budget)

    @property
    def ytd_variance(self) -> Decimal:
        return self.ytd_actual - self.ytd_budget

    @property
    def ytd_variance_percent(self) -> Decimal | None:
        return percent_of(self.ytd_variance, self.ytd_budget)

    @property
    def forecast_variance(self) -> Decimal:
        return self.forecast - self.year_budget

    @property
    def forecast_variance_percent(self) -> Decimal | None:
        return percent_of(self.forecast_variance, self.year_budget)

    def add(self, other: "Row") -> None:
        for name in (
            "year_budget",
            "month_budget",
            "month_actual",
            "ytd_budget",
            "ytd_actual",
            "forecast",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.manual_forecast = self.manual_forecast or other.manual_forecast


@dataclass
class UnitFollowUp:
    period: PlanningPeriod
    unit: Unit
    month: int
    rows: list[Row] = field(default_factory=list)
    revenue: Row | None = None
    costs: Row | None = None
    result: Row | None = None
    unmapped: Row | None = None  # the unit's rows on accounts in no range


def active_batch(period: PlanningPeriod) -> ImportBatch | None:
    return ImportBatch.objects.filter(period=period, status=ImportBatch.Status.ACTIVE).first()


def actual_sums(period: PlanningPeriod, unit: Unit | None) -> dict[tuple[str | None, int], Decimal]:
    """{(line kind, month): amount} for a unit (None: the rows without a unit)."""
    return {
        (kind, month): total for (_u, kind, month), total in period_sums(period, unit=unit).items()
    }


def unit_follow_up(period: PlanningPeriod, unit: Unit, month: int) -> UnitFollowUp:
    forecasts = {
        f.line_kind: f.amount for f in ManualForecast.objects.filter(period=period, unit=unit)
    }
    comments = {
        c.line_kind: c
        for c in VarianceComment.objects.filter(period=period, unit=unit, month=month)
    }
    return _unit_follow_up(
        period,
        unit,
        month,
        budget=unit_totals(period, unit)["by_kind"],
        actual=actual_sums(period, unit),
        forecasts=forecasts,
        comments=comments,
    )


@dataclass(frozen=True)
class Labels:
    """The rows' labels in the active language: translated once for all units of a year."""

    kinds: dict[str, str]
    unmapped: str
    revenue: str
    costs: str
    result: str

    @classmethod
    def translated(cls) -> "Labels":
        kinds = {}
        for kind, label in LineKind.choices:
            label = str(label)
            kinds[kind] = label[:1].upper() + label[1:]  # "OH-kostnader", not "Oh-kostnader"
        return cls(
            kinds,
            _("Konton utan budgetslag (ej kopplade)"),
            _("Summa intäkter"),
            _("Summa kostnader"),
            _("Resultat"),
        )


def _unit_follow_up(
    period: PlanningPeriod,
    unit: Unit,
    month: int,
    *,
    budget: dict[str, Decimal],
    actual: dict[tuple[str | None, int], Decimal],
    forecasts: dict[str, Decimal],
    comments: dict[str, VarianceComment],
    labels: Labels | None = None,
) -> UnitFollowUp:
    labels = labels or Labels.translated()
    budget = {k: v for k, v in budget.items() if v}
    kinds = set(budget) | {kind for kind, _m in actual if kind} | set(forecasts)
    follow = UnitFollowUp(period, unit, month)
    for kind in sorted(kinds, key=lambda k: KIND_ORDER.get(k, 99)):
        year_budget = budget.get(kind, ZERO)
        ytd_actual = sum((actual.get((kind, m), ZERO) for m in range(1, month + 1)), ZERO)
        row = Row(
            label=labels.kinds.get(kind, kind),
            kind=kind,
            year_budget=year_budget,
            month_budget=budget_through(year_budget, month)
            - budget_through(year_budget, month - 1),
            month_actual=actual.get((kind, month), ZERO),
            ytd_budget=budget_through(year_budget, month),
            ytd_actual=ytd_actual,
            comment=comments.get(kind),
        )
        if kind in forecasts:
            row.forecast, row.manual_forecast = forecasts[kind], True
        else:
            row.forecast = ytd_actual + year_budget - budget_through(year_budget, month)
        follow.rows.append(row)
    unkinded = {m: v for (kind, m), v in actual.items() if kind is None}
    if unkinded:
        ytd = sum((v for m, v in unkinded.items() if m <= month), ZERO)
        follow.unmapped = Row(
            labels.unmapped,
            None,
            month_actual=unkinded.get(month, ZERO),
            ytd_actual=ytd,
            forecast=ytd,
        )
    follow.revenue = Row(labels.revenue, None, is_total=True)
    follow.costs = Row(labels.costs, None, is_total=True)
    follow.result = Row(labels.result, None, is_total=True)
    for row in follow.rows:
        (follow.revenue if row.kind in REVENUE_KINDS else follow.costs).add(row)
        follow.result.add(row)
    if follow.unmapped:
        follow.result.add(follow.unmapped)
    return follow


@dataclass
class PeriodSummary:
    unit: Unit | None
    result: Row
    follow: UnitFollowUp | None = None  # the unit's whole follow-up, as `unit_follow_up` gives


def unit_follow_ups(
    period: PlanningPeriod, month: int, summaries: list[PeriodSummary]
) -> list[UnitFollowUp]:
    """Every unit's follow-up: from `period_follow_up`'s summaries without reading again."""
    return [s.follow or unit_follow_up(period, s.unit, month) for s in summaries if s.unit]


def period_follow_up(period: PlanningPeriod, month: int) -> list[PeriodSummary]:
    """The result row of every unit with a budget or actuals (with the unit's whole
    follow-up), and the unmapped bucket."""
    # Every unit's sums at once, as stored with each import (`sums`): the same number of
    # queries for sixty units as for six, and a few thousand sums instead of a year's rows.
    actual: dict[int | None, dict[tuple[str | None, int], Decimal]] = defaultdict(dict)
    for (unit_id, kind, m), total in period_sums(period).items():
        actual[unit_id][(kind, m)] = total
    budget = load_budget(period)
    budgeted = set(BudgetLine.objects.filter(period=period).values_list("unit_id", flat=True))
    forecasts: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for f in ManualForecast.objects.filter(period=period):
        forecasts[f.unit_id][f.line_kind] = f.amount
    comments: dict[int, dict[str, VarianceComment]] = defaultdict(dict)
    for c in VarianceComment.objects.filter(period=period, month=month):
        comments[c.unit_id][c.line_kind] = c
    units = [
        u
        for u in Unit.objects.filter(federation_id=period.federation_id)
        if u.pk in actual or u.pk in budgeted
    ]
    labels = Labels.translated()
    follows = [
        _unit_follow_up(
            period,
            u,
            month,
            budget=dict(budget.table_for(u).by_kind),
            actual=actual.get(u.pk, {}),
            forecasts=forecasts.get(u.pk, {}),
            comments=comments.get(u.pk, {}),
            labels=labels,
        )
        for u in units
    ]
    summaries = [PeriodSummary(f.unit, f.result, f) for f in follows]
    unmapped = actual.get(None, {})
    if unmapped:
        row = Row(_("Utan enhet (kostnadsställe saknas eller är inte kopplat)"), None)
        months = defaultdict(lambda: ZERO)
        for (_kind, m), total in unmapped.items():
            months[m] += total
        row.month_actual = months.get(month, ZERO)
        row.ytd_actual = sum((months.get(m, ZERO) for m in range(1, month + 1)), ZERO)
        row.forecast = row.ytd_actual
        summaries.append(PeriodSummary(None, row))
    return summaries
