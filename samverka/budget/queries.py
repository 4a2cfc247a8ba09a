"""Small read functions other apps call (portfolio reconciliation, ledger follow-up)."""

from decimal import Decimal

from samverka.budget.computations import load_budget
from samverka.orgs.models import PlanningPeriod, Unit


def unit_totals(period: PlanningPeriod, unit: Unit) -> dict:
    """A unit's budget for the period: revenue, personnel, other_costs, overhead (net), costs,
    result (all Decimal kronor, costs negative) and by_kind ({LineKind value: amount})."""
    table = load_budget(period, units=[unit]).table_for(unit)
    return table.summary() | {"by_kind": dict(table.by_kind)}


def federation_totals(period: PlanningPeriod) -> dict[str, Decimal]:
    """The consolidation of all units, overhead netted, as in unit_totals."""
    return load_budget(period).consolidated.summary()
