"""The plan years projected from the budget year: pure functions, no database.

Given the budget year's figures per unit and line kind (`BaseYear`), the assumptions of each
plan year, the projects' yearly costs and the figures entered by hand, `project` returns per
plan year and unit the amount of each line kind. The rules, year y from year y − 1:

- personnel: × (1 + wage index) × (1 + PO rate y) / (1 + PO rate y − 1). The budget holds
  personnel costs with PO (the seed has no salary sums), so the PO change re-rates them;
- other costs: the part outside projects × (1 + price index), then less the projects' costs
  of year y;
- project funds: + (projects' costs y − projects' costs y − 1): a project's money comes in as
  revenue of the same amount as its costs (a project that ends drops out of both, one that
  starts comes in);
- member fees: each member's fee is its inhabitants × the fee per inhabitant, rounded to whole
  kronor; the year's fee income is the sum of those fees. Its change from the budget year's
  budgeted fee income goes to the units by their share of the fee (`FeeAllocation`), or, with
  no split entered, to the unit that carries the overhead (the office);
- overhead: each unit charged overhead in the budget year pays the year's key × its basis (the
  budget's `overhead_basis`); the office's overhead income is the sum of those charges, so
  overhead nets to zero in the federation;
- every other line (revenue as printed, grants, …) is held at the previous year's amount: no
  assumption says how it changes; enter the figure by hand where it does.

The fee per inhabitant is the stated one, or the previous year's × (1 + indexation), rounded to
öre, since a fee is a printed figure. Populations without a forecast grow by the year's
population growth, rounded to whole inhabitants.

Rounding: the chain from year to year runs unrounded; each line is rounded to whole kronor once,
when the year's tables are made (`PlanYear.units`). Overhead charges are rounded before the
office's income is summed from them, so the income equals the charges exactly.

A figure entered by hand wins over its projection, and the next year projects from it.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from samverka.budget.computations import Table, overhead_basis
from samverka.budget.models import LineKind
from samverka.lib.money import round_kronor

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
ORE = Decimal("0.01")
K = LineKind

# Lines whose plan-year amount follows a rule of its own; any other kind is held.
RULED = frozenset(
    {
        K.PERSONNEL,
        K.OTHER_COSTS,
        K.PROJECT_FUNDS,
        K.MEMBER_FEES,
        K.OVERHEAD_COSTS,
        K.OVERHEAD_INCOME,
    }
)

Amounts = dict[str, Decimal]  # line kind -> amount (costs negative)


@dataclass(frozen=True)
class YearAssumptions:
    year: int
    payroll_overhead_rate: Decimal  # per cent: 43 for 43 %
    overhead_rate: Decimal
    fee_per_inhabitant: Decimal | None = None  # None: the previous year's, indexed
    fee_indexation: Decimal = ZERO
    wage_index: Decimal = ZERO
    price_index: Decimal = ZERO
    population_growth: Decimal = ZERO


@dataclass(frozen=True)
class BaseYear:
    """The budget year as the budget holds it."""

    year: int
    units: Mapping[str, Mapping[str, Decimal]]  # unit code -> line kind -> amount
    payroll_overhead_rate: Decimal
    overhead_rate: Decimal
    overhead_basis: str
    fee_per_inhabitant: Decimal
    fee_income: Decimal  # the budgeted member fee income
    populations: Mapping[str, int | None]  # member -> inhabitants the fee was set on
    office: str | None = None  # the unit that carries the overhead
    fee_shares: Mapping[str, Decimal] = field(default_factory=dict)  # unit -> its fee share


@dataclass
class PlanYear:
    year: int
    fee_per_inhabitant: Decimal
    populations: dict[str, int | None]
    member_fees: dict[str, Decimal | None]
    units: dict[str, Amounts]  # whole kronor, entered figures included
    projected: dict[str, Amounts]  # the projection, also where a figure was entered
    entered: set[tuple[str, str]]  # (unit, kind) entered by hand

    @property
    def fee_income(self) -> Decimal:
        """The sum of the rounded member fees (members without a population give none)."""
        return sum((fee for fee in self.member_fees.values() if fee is not None), ZERO)

    @property
    def missing_populations(self) -> list[str]:
        return [member for member, fee in self.member_fees.items() if fee is None]


def indexed(amount: Decimal, percent: Decimal) -> Decimal:
    return amount * (ONE + percent / HUNDRED)


def member_fee(inhabitants: int | None, rate: Decimal) -> Decimal | None:
    """A member's fee: its inhabitants × the fee per inhabitant, in whole kronor."""
    return None if inhabitants is None else round_kronor(rate * inhabitants)


def fee_rate(previous: Decimal, assumptions: YearAssumptions) -> Decimal:
    if assumptions.fee_per_inhabitant is not None:
        return assumptions.fee_per_inhabitant
    return round_kronor(indexed(previous, assumptions.fee_indexation), ORE)


def grown(inhabitants: int | None, percent: Decimal) -> int | None:
    if inhabitants is None:
        return None
    return int(indexed(Decimal(inhabitants), percent).quantize(ONE, rounding=ROUND_HALF_UP))


def split(amount: Decimal, shares: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """`amount` in whole kronor over `shares` by their size; the largest share takes what
    rounding leaves, so the parts sum to the amount exactly."""
    total = sum(shares.values(), ZERO)
    parts = {code: round_kronor(amount * share / total) for code, share in shares.items()}
    largest = max(shares, key=lambda code: (abs(shares[code]), code))
    parts[largest] += amount - sum(parts.values(), ZERO)
    return parts


def _fee_change(base: BaseYear, change: Decimal) -> dict[str, Decimal]:
    shares = {code: share for code, share in base.fee_shares.items() if share}
    if shares:
        return split(change, shares)
    receiver = base.office or (min(base.units) if base.units else None)
    return {receiver: change} if receiver is not None else {}


def project(
    base: BaseYear,
    years: list[YearAssumptions],
    *,
    forecasts: Mapping[tuple[str, int], int] | None = None,
    projects: Mapping[str, Mapping[int, Decimal]] | None = None,
    entered: Mapping[tuple[str, int, str], Decimal] | None = None,
) -> list[PlanYear]:
    """The plan years, in the order of `years` (each the year after the one before)."""
    forecasts = forecasts or {}
    projects = projects or {}
    entered = entered or {}

    def project_costs(unit: str, year: int) -> Decimal:
        return projects.get(unit, {}).get(year, ZERO)

    previous: dict[str, Amounts] = {u: dict(kinds) for u, kinds in base.units.items()}
    charged = {
        u for u, kinds in base.units.items() if kinds.get(K.OVERHEAD_COSTS) and u != base.office
    }
    po, rate = base.payroll_overhead_rate, base.fee_per_inhabitant
    populations: dict[str, int | None] = dict(base.populations)
    result = []
    for a in years:
        y = a.year
        rate = fee_rate(rate, a)
        populations = {
            member: forecasts.get((member, y), grown(inhabitants, a.population_growth))
            for member, inhabitants in populations.items()
        }
        fees = {member: member_fee(n, rate) for member, n in populations.items()}
        fee_income = sum((fee for fee in fees.values() if fee is not None), ZERO)
        fee_change = _fee_change(base, fee_income - base.fee_income)

        current: dict[str, Amounts] = {}
        projected: dict[str, Amounts] = {}
        for unit, kinds in previous.items():
            amounts: Amounts = {k: v for k, v in kinds.items() if k not in RULED}
            if K.PERSONNEL in kinds:
                re_rated = (ONE + a.payroll_overhead_rate / HUNDRED) / (ONE + po / HUNDRED)
                amounts[K.PERSONNEL] = indexed(kinds[K.PERSONNEL], a.wage_index) * re_rated
            before, now = project_costs(unit, y - 1), project_costs(unit, y)
            if K.OTHER_COSTS in kinds or now:
                outside_projects = kinds.get(K.OTHER_COSTS, ZERO) + before
                amounts[K.OTHER_COSTS] = indexed(outside_projects, a.price_index) - now
            if K.PROJECT_FUNDS in kinds or now or before:
                amounts[K.PROJECT_FUNDS] = kinds.get(K.PROJECT_FUNDS, ZERO) + now - before
            base_fees = base.units[unit].get(K.MEMBER_FEES, ZERO)
            if base_fees or unit in fee_change:
                amounts[K.MEMBER_FEES] = base_fees + fee_change.get(unit, ZERO)
            projected[unit] = dict(amounts)
            current[unit] = _with_entered(amounts, entered, unit, y)

        # Overhead from the year's figures (entered ones included), rounded before summing.
        for unit in charged:
            basis = overhead_basis(Table(None, current[unit]), base.overhead_basis)
            charge = -round_kronor(basis * a.overhead_rate / HUNDRED)
            projected[unit][K.OVERHEAD_COSTS] = charge
            current[unit][K.OVERHEAD_COSTS] = entered.get((unit, y, K.OVERHEAD_COSTS), charge)
        if base.office in current:
            income = -sum((current[u][K.OVERHEAD_COSTS] for u in charged), ZERO)
            projected[base.office][K.OVERHEAD_INCOME] = income
            current[base.office][K.OVERHEAD_INCOME] = entered.get(
                (base.office, y, K.OVERHEAD_INCOME), income
            )

        result.append(
            PlanYear(
                year=y,
                fee_per_inhabitant=rate,
                populations=populations,
                member_fees=fees,
                units={u: _rounded(kinds) for u, kinds in current.items()},
                projected={u: _rounded(kinds) for u, kinds in projected.items()},
                entered={(u, k) for (u, year, k) in entered if year == y and u in current},
            )
        )
        previous, po = current, a.payroll_overhead_rate
    return result


def _with_entered(
    amounts: Amounts, entered: Mapping[tuple[str, int, str], Decimal], unit: str, year: int
) -> Amounts:
    result = dict(amounts)
    for (u, y, kind), amount in entered.items():
        if u == unit and y == year and kind not in (K.OVERHEAD_COSTS, K.OVERHEAD_INCOME):
            result[kind] = amount
    return result


def _rounded(amounts: Amounts) -> Amounts:
    return {kind: round_kronor(amount) for kind, amount in amounts.items()}
