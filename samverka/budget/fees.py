"""Member fees: the fee per member municipality and its reconciliation with the budget."""

from dataclasses import dataclass, field
from decimal import Decimal

from samverka.budget.models import FeeAllocation, FeeModel
from samverka.lib.money import round_kronor
from samverka.orgs.models import Member, PlanningPeriod, Population

ZERO = Decimal(0)


@dataclass
class MemberFee:
    member: Member
    inhabitants: int | None
    fee: Decimal | None


@dataclass
class FeeBasis:
    model: FeeModel
    rows: list[MemberFee]
    allocations: list[FeeAllocation] = field(default_factory=list)

    @property
    def known_inhabitants(self) -> int:
        return sum(r.inhabitants for r in self.rows if r.inhabitants is not None)

    @property
    def total_fees(self) -> Decimal:
        return sum((r.fee for r in self.rows if r.fee is not None), ZERO)

    @property
    def missing(self) -> list[Member]:
        return [r.member for r in self.rows if r.inhabitants is None]

    @property
    def implied_inhabitants(self) -> int:
        """The population the budgeted fee income implies (income / rate, whole inhabitants)."""
        return int(round_kronor(self.model.budgeted_income / self.model.rate_per_inhabitant))

    @property
    def implied_missing_inhabitants(self) -> int:
        return self.implied_inhabitants - self.known_inhabitants

    @property
    def difference(self) -> Decimal:
        """Fees computed from populations less the budgeted fee income."""
        return self.total_fees - self.model.budgeted_income

    @property
    def allocated(self) -> Decimal:
        return sum((a.amount for a in self.allocations), ZERO)


def fee_basis(period: PlanningPeriod) -> FeeBasis | None:
    """Fee per member = rate × population on the model's reference date; None without a model."""
    model = FeeModel.objects.filter(period=period).first()
    if model is None:
        return None
    populations = dict(
        Population.objects.filter(
            member__federation_id=period.federation_id,
            reference_date=model.population_reference_date,
        ).values_list("member_id", "inhabitants")
    )
    rows = []
    for member in Member.objects.filter(federation_id=period.federation_id).order_by("name"):
        inhabitants = populations.get(member.pk)
        fee = (
            None
            if inhabitants is None
            else round_kronor(model.rate_per_inhabitant * inhabitants, Decimal("0.01"))
        )
        rows.append(MemberFee(member, inhabitants, fee))
    allocations = list(FeeAllocation.objects.filter(period=period).select_related("unit"))
    return FeeBasis(model=model, rows=rows, allocations=allocations)
