"""The three financial targets (BVP2026 s. 8), computed from the budget and the balance sheet."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from samverka.budget.computations import PeriodBudget, load_budget
from samverka.budget.models import BalanceSheet, FeeModel, LineKind
from samverka.lib.money import format_kr, format_percent, round_kronor
from samverka.orgs.models import PlanningPeriod

HUNDRED = Decimal(100)
RESULT_SHARE = Decimal(1)  # "minst en procent av medlemsavgifterna"
SOLIDITY_MIN = Decimal(7)  # "Målvärde större än 7%"
QUICK_RATIO_MIN = Decimal(103)  # "Målvärde större än 103%"


@dataclass(frozen=True)
class TargetResult:
    code: str
    label: str
    value: Decimal | None
    threshold: Decimal | None
    met: bool | None  # None: cannot be computed, the explanation says why
    explanation: str
    unit: str = "kr"  # "kr" or "%"


def met_text(met: bool | None) -> str:
    """Whether a target is met, as a table's "Uppfyllt" column says it."""
    return {True: _("Ja"), False: _("Nej"), None: _("Kan inte beräknas")}[met]


def result_label() -> str:
    return _("Resultat minst %(share)s %% av medlemsavgifterna") % {"share": RESULT_SHARE}


def result_threshold(fees: Decimal) -> Decimal:
    """The result target's level for a year's member fees, in whole kronor. The budget year
    and the economic plan's plan years (economy.plans) both measure against this."""
    return round_kronor(fees * RESULT_SHARE / HUNDRED)


def _pct(a: Decimal, b: Decimal) -> Decimal:
    return round_kronor(a / b * HUNDRED, Decimal("0.01"))


def evaluate(period: PlanningPeriod, budget: PeriodBudget | None = None) -> list[TargetResult]:
    """The three targets: code, label, value, threshold, met (None: not computable), explanation.

    `budget` may be passed when the caller has loaded it already (the validation engine)."""
    budget = budget or load_budget(period)
    consolidated = budget.consolidated
    fee_model = FeeModel.objects.filter(period=period).first()
    if fee_model is not None:
        fees, fee_source = fee_model.budgeted_income, _("budgeterade medlemsavgifter")
    else:
        fees = consolidated.get(LineKind.MEMBER_FEES) or None
        fee_source = _("budgetraderna för medlemsavgifter")
    results = []

    result = consolidated.result
    stated = budget.total.stated.get("result")
    if fees:
        threshold = result_threshold(fees)
        met = result >= threshold
        text = _(
            "Resultatet beräknat från enheterna är %(result)s; målet är minst 1 %% av "
            "%(source)s %(fees)s = %(threshold)s."
        ) % {
            "result": format_kr(result),
            "source": fee_source,
            "fees": format_kr(fees),
            "threshold": format_kr(threshold),
        }
    else:
        threshold, met = None, None
        text = _("Medlemsavgifterna för året är inte kända, så målvärdet kan inte beräknas.")
    if stated is not None and stated != result:
        stated_text = _("Totaltabellen anger resultatet %(stated)s.")
        text += " " + stated_text % {"stated": format_kr(stated)}
    results.append(
        TargetResult(
            "result",
            result_label(),
            result,
            threshold,
            met,
            text,
        )
    )

    sheet = BalanceSheet.objects.filter(period=period).first()
    if sheet and sheet.total_assets:
        value = _pct(sheet.equity, sheet.total_assets)
        results.append(
            TargetResult(
                "solidity",
                _("Soliditet större än %(share)s %%") % {"share": SOLIDITY_MIN},
                value,
                SOLIDITY_MIN,
                value > SOLIDITY_MIN,
                _("Eget kapital %(equity)s / summa tillgångar %(assets)s = %(ratio)s.")
                % {
                    "equity": format_kr(sheet.equity),
                    "assets": format_kr(sheet.total_assets),
                    "ratio": format_percent(value, 2),
                },
                "%",
            )
        )
    else:
        results.append(
            TargetResult(
                "solidity",
                _("Soliditet större än %(share)s %%") % {"share": SOLIDITY_MIN},
                None,
                SOLIDITY_MIN,
                None,
                _("Balansräkningens eget kapital och summa tillgångar är inte inlagda."),
                "%",
            )
        )
    if sheet and sheet.current_liabilities:
        value = _pct(sheet.current_assets, sheet.current_liabilities)
        results.append(
            TargetResult(
                "quick_ratio",
                _("Kassalikviditet större än %(share)s %%") % {"share": QUICK_RATIO_MIN},
                value,
                QUICK_RATIO_MIN,
                value > QUICK_RATIO_MIN,
                _(
                    "Omsättningstillgångar %(assets)s / kortfristiga skulder %(liabilities)s "
                    "= %(ratio)s."
                )
                % {
                    "assets": format_kr(sheet.current_assets),
                    "liabilities": format_kr(sheet.current_liabilities),
                    "ratio": format_percent(value, 2),
                },
                "%",
            )
        )
    else:
        results.append(
            TargetResult(
                "quick_ratio",
                _("Kassalikviditet större än %(share)s %%") % {"share": QUICK_RATIO_MIN},
                None,
                QUICK_RATIO_MIN,
                None,
                _(
                    "Balansräkningens omsättningstillgångar och kortfristiga skulder är inte "
                    "inlagda."
                ),
                "%",
            )
        )
    return results
