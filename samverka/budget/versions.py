"""Budget versions: the lines as adopted, one snapshot per revision, and what changed."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F
from django.dispatch import receiver

from samverka.budget.models import BudgetLine, BudgetSnapshot
from samverka.orgs.models import PlanningPeriod
from samverka.orgs.periods import period_adopted, revision_opened


def current_lines(period: PlanningPeriod) -> list[dict]:
    return [
        {
            "unit": unit or "",
            "code": code,
            "label": label,
            "kind": kind,
            "amount": str(amount),
        }
        for unit, code, label, kind, amount in BudgetLine.objects.filter(period=period)
        .order_by(F("unit__sort_order").asc(nulls_first=True), "sort_order", "code")
        .values_list("unit__code", "code", "label", "kind", "amount")
    ]


def ensure_snapshot(period: PlanningPeriod, revision: int) -> BudgetSnapshot:
    """Record the lines as they are now for `revision`, unless that revision is recorded."""
    snapshot, _created = BudgetSnapshot.objects.get_or_create(
        period=period, revision=revision, defaults={"lines": current_lines(period)}
    )
    return snapshot


@receiver(period_adopted, dispatch_uid="budget_snapshot_on_adoption")
def _snapshot_on_adoption(sender, period: PlanningPeriod, **kwargs) -> None:
    BudgetSnapshot.objects.update_or_create(
        period=period, revision=period.revision, defaults={"lines": current_lines(period)}
    )


@receiver(revision_opened, dispatch_uid="budget_snapshot_before_revision")
def _snapshot_before_revision(sender, period: PlanningPeriod, revision: int, **kwargs) -> None:
    # A period adopted before this app listened (the seeded 2025) still gets its version.
    ensure_snapshot(period, revision - 1)


@dataclass
class LineChange:
    unit: str
    code: str
    label: str
    before: Decimal | None
    after: Decimal | None

    @property
    def difference(self) -> Decimal | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


def changes(before: list[dict], after: list[dict]) -> list[LineChange]:
    """Lines added, removed or changed in amount between two versions."""
    old = {(r["unit"], r["code"]): r for r in before}
    new = {(r["unit"], r["code"]): r for r in after}
    result = []
    for key in list(old) + [k for k in new if k not in old]:
        a, b = old.get(key), new.get(key)
        amount_a = Decimal(a["amount"]) if a else None
        amount_b = Decimal(b["amount"]) if b else None
        if amount_a != amount_b:
            result.append(LineChange(key[0], key[1], (b or a)["label"], amount_a, amount_b))
    return result
