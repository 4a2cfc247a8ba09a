"""Budget {year}: the federation (financial targets, assumptions, the total and the consolidation,
the member fees), then each unit's table for two years with the unit's text.

Every table is one of `budget.tables`: figures computed from the budget lines, with the printed
figure named in a note where the two differ.
"""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samverka.budget import tables as budget_tables
from samverka.budget.models import Assumptions, FeeModel
from samverka.budget.targets import missing_text
from samverka.goals.models import FinancialTarget
from samverka.lib.money import format_kr, format_number, format_percent
from samverka.orgs.models import PlanningPeriod, Unit
from samverka.reports.document import (
    Block,
    Callout,
    Facts,
    Heading,
    Paragraph,
    TableBlock,
)
from samverka.reports.models import PlanText
from samverka.reports.plan import projects
from samverka.reports.plan.common import Plan, join_names

Section = PlanText.Section


def chapter(plan: Plan) -> list[Block]:
    budgets = plan.budgets
    result: list[Block] = [Heading(_("Budget %(year)s") % {"year": plan.year}, 1, "budget")]
    result += errors_callout(plan)
    result.append(Heading(_("Förbundet"), 2, "forbundet"))
    result += financial_targets(plan)
    result.append(Heading(_("Driftbudget"), 3, "driftbudget"))
    result += plan.text(Section.BUDGET)
    if facts := assumptions(plan.period, budgets.previous.period if budgets.previous else None):
        result.append(facts)
    result.append(TableBlock(budget_tables.total_as_printed(budgets)))
    result.append(
        Paragraph(
            _(
                "Totaltabellen ovan är förbundets egen tabell. Nedan räknas förbundet fram ur "
                "enheternas tabeller, med OH-kostnaderna och kansliets OH-intäkt nettade på en "
                "rad; där de två skiljer sig står det i kontrollresultaten."
            ),
            "note",
        )
    )
    result.append(TableBlock(budget_tables.consolidated_table(budgets)))
    if fees := budget_tables.fee_table(plan.period):
        title = _("Medlemsavgifter %(year)s") % {"year": plan.year}
        result += [Heading(title, 3), TableBlock(fees)]
    units = budget_tables.units_in(budgets)
    for unit in units:
        result += unit_section(plan, unit)
    if not any(unit.kind == Unit.Kind.PROJECT_UNIT for unit in units):
        projects_blocks = projects.blocks(plan)
        if projects_blocks:
            result.append(Heading(_("Projekt och ansökningar"), 2, "projekt"))
            result += projects_blocks
    return result


def unit_section(plan: Plan, unit: Unit) -> list[Block]:
    result: list[Block] = [
        Heading(_("Budget %(unit)s") % {"unit": unit.name}, 2, f"budget-{unit.code}"),
        TableBlock(budget_tables.unit_table(plan.budgets, unit)),
    ]
    result += plan.text(Section.UNIT, unit)
    if unit.kind == Unit.Kind.PROJECT_UNIT:
        result += projects.blocks(plan)
    return result


def financial_targets(plan: Plan) -> list[Block]:
    targets = list(FinancialTarget.objects.filter(period=plan.period))
    result: list[Block] = [Heading(_("Finansiella mål"), 3, "finansiella-mal")]
    if not targets:
        result.append(Paragraph(missing_text(plan.period)))
        return result
    result.append(Facts(tuple((t.name, t.text) for t in targets)))
    result.append(TableBlock(budget_tables.targets_table(plan.period, plan.budgets.this)))
    explained = [(t.name, t.explanation) for t in targets if t.explanation]
    if explained:
        result += [Heading(_("Målvärden"), 3), Facts(tuple(explained))]
    return result


def _percent(value: Decimal, decimals: int | None = None) -> str:
    if decimals is None:
        exponent = value.normalize().as_tuple().exponent
        decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    return format_percent(value, decimals)


def assumptions(period: PlanningPeriod, previous: PlanningPeriod | None) -> Facts | None:
    """The year's PO rate, overhead key and member fee, with last year's beside them."""
    this = Assumptions.objects.filter(period=period).first()
    before = Assumptions.objects.filter(period=previous).first() if previous else None
    pairs: list[tuple[str, str]] = []

    def with_previous(text: str, value: Decimal | None, decimals: int | None = None) -> str:
        if before is None or value is None:
            return text
        return f"{text} ({previous.year}: {_percent(value, decimals)})"

    if this and this.payroll_overhead_rate is not None:
        pairs.append(
            (
                _("PO-pålägg"),
                with_previous(
                    _percent(this.payroll_overhead_rate, 2),
                    before.payroll_overhead_rate if before else None,
                    2,
                ),
            )
        )
    if this and this.overhead_rate is not None:
        key = _("%(rate)s av %(basis)s") % {
            "rate": _percent(this.overhead_rate),
            "basis": this.get_overhead_basis_display(),
        }
        pairs.append(
            (
                _("Fördelningsnyckel för overhead"),
                with_previous(key, before.overhead_rate if before else None),
            )
        )
    fee = FeeModel.objects.filter(period=period).first()
    if fee is not None:
        text = _("%(rate)s kr per invånare") % {"rate": format_number(fee.rate_per_inhabitant, 2)}
        if fee.indexation is not None:
            text += ", " + _("indexuppräknad med %(index)s") % {"index": _percent(fee.indexation)}
        pairs.append((_("Medlemsavgift"), text))
        pairs.append((_("Budgeterade medlemsavgifter"), format_kr(fee.budgeted_income)))
    return Facts(tuple(pairs)) if pairs else None


def errors_callout(plan: Plan) -> list[Block]:
    """A short notice of the budget's open errors: where they are, and where to read more."""
    errors = plan.open_errors
    if not errors:
        return []
    places: dict[str, list[str]] = {}
    for finding in errors:
        where = " ".join(v for k, v in finding.where.items() if k != "rad") or finding.code
        places.setdefault(where, [])
        if (line := finding.where.get("rad")) and line not in places[where]:
            places[where].append(line)
    where_text = "; ".join(
        f"{where}: {join_names(lines)}" if lines else where for where, lines in places.items()
    )
    title = ngettext(
        "Budgeten har %(n)s öppet fel", "Budgeten har %(n)s öppna fel", len(errors)
    ) % {"n": len(errors)}
    if plan.draft:
        text = _("Felen finns i %(where)s. Alla kontrollresultat står i bilagan Kontrollresultat.")
    else:
        text = _("Felen finns i den antagna budgeten: %(where)s.")
    return [Callout(text % {"where": where_text}, "error", title)]
