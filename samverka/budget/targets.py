"""The federation's financial targets (goals.FinancialTarget, per period), computed from the
budget and the balance sheet.

Each period states its own targets; nothing here assumes another federation's. A period without them
is measured against nothing: `evaluate` returns no results and the validation engine says so. The
result target's threshold is the share of the year's member fees when the plan states a share (the
budget year and the economic plan's plan years both measure against it), else the fixed amount; an
amount printed beside a share that differs from it is kept in `printed`."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from samverka.budget.computations import PeriodBudget, load_budget
from samverka.budget.models import BalanceSheet, FeeModel, LineKind
from samverka.goals.models import FinancialTarget
from samverka.lib.money import format_as_written, format_kr, format_percent, round_kronor
from samverka.orgs.models import PlanningPeriod

HUNDRED = Decimal(100)
Measure = FinancialTarget.Measure
AT_LEAST = FinancialTarget.Comparison.AT_LEAST


@dataclass(frozen=True)
class TargetResult:
    code: str
    label: str
    value: Decimal | None
    threshold: Decimal | None
    met: bool | None  # None: cannot be computed, the explanation says why
    explanation: str
    unit: str = "kr"  # "kr" or "%"
    comparison: str = AT_LEAST
    printed: Decimal | None = None  # the amount printed beside a share, when it differs

    @property
    def comparison_text(self) -> str:
        return str(FinancialTarget.Comparison(self.comparison).label)

    @property
    def decimals(self) -> int:
        """Decimals the threshold needs: "7 %", "2,5 %"."""
        return share_decimals(self.threshold) if self.threshold is not None else 0

    def meets(self, value: Decimal) -> bool:
        return value > self.threshold if self.comparison == "above" else value >= self.threshold


def met_text(met: bool | None) -> str:
    """Whether a target is met, as a table's "Uppfyllt" column says it."""
    return {True: _("Ja"), False: _("Nej"), None: _("Kan inte beräknas")}[met]


def share_decimals(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def share_text(value: Decimal) -> str:
    """A percentage as the plan writes it in a sentence: "1", "2,5"."""
    return format_as_written(value)


def targets_of(period: PlanningPeriod) -> list[FinancialTarget]:
    """The period's targets that the budget can compute, in the plan's order."""
    found = FinancialTarget.objects.filter(period=period).exclude(measure="")
    return list(found.order_by("number"))


def label(target: FinancialTarget) -> str:
    comparison = FinancialTarget.Comparison(target.rule_comparison).label
    if target.measure == Measure.RESULT:
        if target.is_share_of_fees:
            return _("Resultat %(comparison)s %(share)s %% av medlemsavgifterna") % {
                "comparison": comparison,
                "share": share_text(target.fee_share),
            }
        return _("Resultat %(comparison)s %(amount)s") % {
            "comparison": comparison,
            "amount": format_kr(target.target_value),
        }
    if target.measure == Measure.SOLIDITY:
        return _("Soliditet %(comparison)s %(share)s %%") % {
            "comparison": comparison,
            "share": share_text(target.target_value),
        }
    return _("Kassalikviditet %(comparison)s %(share)s %%") % {
        "comparison": comparison,
        "share": share_text(target.target_value),
    }


def result_threshold(target: FinancialTarget, fees: Decimal | None) -> Decimal | None:
    """The result target's level in whole kronor: the share of the year's member fees (None when
    they are not known), or the fixed amount."""
    if target.is_share_of_fees:
        return round_kronor(fees * target.fee_share / HUNDRED) if fees else None
    return target.target_value


def result_target(
    target: FinancialTarget,
    result: Decimal,
    fees: Decimal | None,
    lead: str,
    fee_source: str,
    *,
    compare_printed: bool = True,
) -> TargetResult:
    """The result target for one year. `lead` is the sentence's start ("Resultatet beräknat från
    enheterna är 100 kr"); `compare_printed` compares an amount printed beside a share (only
    in the year the plan printed it for)."""
    threshold = result_threshold(target, fees)
    comparison = target.rule_comparison
    comparison_text = FinancialTarget.Comparison(comparison).label
    printed = None
    if threshold is None:
        met = None
        text = _("Medlemsavgifterna för året är inte kända, så målvärdet kan inte beräknas.")
    elif target.is_share_of_fees:
        met = target.meets(result, threshold)
        text = _(
            "%(lead)s; målet är %(comparison)s %(share)s %% av %(source)s %(fees)s = %(threshold)s."
        ) % {
            "lead": lead,
            "comparison": comparison_text,
            "share": share_text(target.fee_share),
            "source": fee_source,
            "fees": format_kr(fees),
            "threshold": format_kr(threshold),
        }
        printed_amount = target.target_value if target.unit == "kr" else None
        if (
            compare_printed
            and printed_amount is not None
            and round_kronor(printed_amount) != threshold
        ):
            printed = printed_amount
            text += " " + _(
                "Planen anger målvärdet %(comparison)s %(printed)s, som inte stämmer med "
                "regeln; resultatet prövas mot regeln."
            ) % {
                "comparison": FinancialTarget.Comparison(target.comparison).label,
                "printed": format_kr(printed),
            }
    else:
        met = target.meets(result, threshold)
        text = _("%(lead)s; målet är %(comparison)s %(threshold)s (ett fast belopp).") % {
            "lead": lead,
            "comparison": comparison_text,
            "threshold": format_kr(threshold),
        }
    return TargetResult(
        "result", label(target), result, threshold, met, text, "kr", comparison, printed
    )


def percent_target(
    target: FinancialTarget, value: Decimal | None, explanation: str
) -> TargetResult:
    """Soliditet or kassalikviditet: `value` None when it cannot be computed."""
    met = None if value is None else target.meets(value, target.target_value)
    return TargetResult(
        target.measure,
        label(target),
        value,
        target.target_value,
        met,
        explanation,
        "%",
        target.comparison,
    )


def _pct(a: Decimal, b: Decimal) -> Decimal:
    return round_kronor(a / b * HUNDRED, Decimal("0.01"))


def evaluate(period: PlanningPeriod, budget: PeriodBudget | None = None) -> list[TargetResult]:
    """The period's targets: code, label, value, threshold, met (None: not computable),
    explanation. No targets, no results.

    `budget` may be passed when the caller has loaded it already (the validation engine)."""
    targets = targets_of(period)
    if not targets:
        return []
    budget = budget or load_budget(period)
    sheet = BalanceSheet.objects.filter(period=period).first()
    return [_evaluate_one(target, period, budget, sheet) for target in targets]


def _evaluate_one(target, period, budget, sheet) -> TargetResult:
    if target.measure == Measure.RESULT:
        consolidated = budget.consolidated
        fee_model = FeeModel.objects.filter(period=period).first()
        if fee_model is not None:
            fees, fee_source = fee_model.budgeted_income, _("budgeterade medlemsavgifter")
        else:
            fees = consolidated.get(LineKind.MEMBER_FEES) or None
            fee_source = _("budgetraderna för medlemsavgifter")
        result = consolidated.result
        lead = _("Resultatet beräknat från enheterna är %(result)s") % {"result": format_kr(result)}
        outcome = result_target(target, result, fees, lead, fee_source)
        stated = budget.total.stated.get("result")
        if stated is not None and stated != result:
            stated_text = _("Totaltabellen anger resultatet %(stated)s.")
            explanation = outcome.explanation + " " + stated_text % {"stated": format_kr(stated)}
            outcome = TargetResult(**{**vars(outcome), "explanation": explanation})
        return outcome

    if target.measure == Measure.SOLIDITY:
        if sheet and sheet.total_assets:
            value = _pct(sheet.equity, sheet.total_assets)
            return percent_target(
                target,
                value,
                _("Eget kapital %(equity)s / summa tillgångar %(assets)s = %(ratio)s.")
                % {
                    "equity": format_kr(sheet.equity),
                    "assets": format_kr(sheet.total_assets),
                    "ratio": format_percent(value, 2),
                },
            )
        return percent_target(
            target,
            None,
            _("Balansräkningens eget kapital och summa tillgångar är inte inlagda."),
        )

    if sheet and sheet.current_liabilities:
        value = _pct(sheet.current_assets, sheet.current_liabilities)
        return percent_target(
            target,
            value,
            _(
                "Omsättningstillgångar %(assets)s / kortfristiga skulder %(liabilities)s "
                "= %(ratio)s."
            )
            % {
                "assets": format_kr(sheet.current_assets),
                "liabilities": format_kr(sheet.current_liabilities),
                "ratio": format_percent(value, 2),
            },
        )
    return percent_target(
        target,
        None,
        _("Balansräkningens omsättningstillgångar och kortfristiga skulder är inte inlagda."),
    )


def missing_text(period: PlanningPeriod) -> str:
    return _(
        "Förbundet har inga finansiella mål för %(year)s, så budgeten prövas inte mot något "
        "resultat-, soliditets- eller likviditetsmål. Controllern lägger in målen på sidan "
        "Finansiella mål."
    ) % {"year": period.year}
