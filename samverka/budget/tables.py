"""The budget's tables as `lib.tabular.Table`: what the budget pages show, the plan prints and the
exports and open data serve. Built once here, below the views.

Figures are the computed ones (from the budget lines); where the source document printed another
figure, the table says so in a note and the validation engine reports it as a finding.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from django.utils.translation import gettext as _

from samverka.budget import fees as fee_module
from samverka.budget import targets as target_module
from samverka.budget.computations import PeriodBudget, load_budget
from samverka.budget.models import BudgetLine
from samverka.budget.presentation import Row, consolidated_rows, document_rows
from samverka.lib.money import format_kr, format_number, format_percent, round_kronor
from samverka.lib.tabular import Column, Kind, Table
from samverka.orgs.models import PlanningPeriod, Unit


def previous_period(period: PlanningPeriod) -> PlanningPeriod | None:
    return PlanningPeriod.objects.filter(
        federation_id=period.federation_id, year=period.year - 1
    ).first()


@dataclass
class Budgets:
    """A period's budget and the previous year's, loaded once for all its tables."""

    period: PlanningPeriod
    this: PeriodBudget
    previous: PeriodBudget | None

    @property
    def years(self) -> list[int]:
        return [self.period.year] + ([self.previous.period.year] if self.previous else [])


def load(period: PlanningPeriod, previous: PlanningPeriod | None = None) -> Budgets:
    """`previous`: the year before when the caller has read it already (else looked up)."""
    previous = previous or previous_period(period)
    units = list(Unit.objects.filter(federation_id=period.federation_id))
    return Budgets(
        period,
        load_budget(period, units),
        load_budget(previous, units) if previous else None,
    )


class TableName(NamedTuple):
    """What a download link needs of a table (`reports.exports.links`), without its rows."""

    key: str
    title: str


def _total_name(budgets: Budgets) -> TableName:
    period = budgets.period
    return TableName(
        f"driftbudget-totalt-{period.year}",
        _("%(federation)s Driftbudget, totalt (som tryckt)")
        % {"federation": period.federation.name},
    )


def _unit_name(budgets: Budgets, unit: Unit) -> TableName:
    return TableName(
        f"budget-{budgets.period.year}-{unit.code}", _("Budget %(unit)s") % {"unit": unit.name}
    )


def _consolidated_name(budgets: Budgets) -> TableName:
    return TableName(
        f"sammanstallning-{budgets.period.year}", _("Förbundet sammanställt från enheterna")
    )


def _columns(years: list[int]) -> list[Column]:
    columns = [Column("rad", _("Kr"))]
    columns += [Column(f"budget_{year}", str(year), Kind.MONEY) for year in years]
    if len(years) > 1:
        columns += [
            Column("forandring_kr", _("Förändring (kr)"), Kind.MONEY),
            Column("forandring_procent", _("Förändring (%)"), Kind.PERCENT, 1),
        ]
    return columns


def _table(key: str, title: str, rows: list[Row], years: list[int], sheet: str = "") -> Table:
    table = Table(key, title, _columns(years), sheet=sheet)
    for row in rows:
        if row.heading:
            table.add(row.label, *[None] * (len(table.columns) - 1), emphasis=True)
            continue
        values = [cell.value for cell in row.cells]
        if len(years) > 1:
            values += list(row.change)
        table.add(row.label, *values, emphasis=row.total, level=0 if row.total else 1)
        for year, cell in zip(years, row.cells, strict=False):
            if cell.deviates:
                table.notes.append(
                    _("%(row)s %(year)s: i källdokumentet %(stated)s, beräknat %(value)s.")
                    % {
                        "row": row.label,
                        "year": year,
                        "stated": format_number(cell.stated),
                        "value": format_number(cell.value),
                    }
                )
    return table


def total_as_printed(budgets: Budgets) -> Table:
    """The federation's total table as the source document printed it (its own lines)."""
    tables = [budgets.this.total] + ([budgets.previous.total] if budgets.previous else [])
    return _table(
        *_total_name(budgets),
        document_rows(tables),
        budgets.years,
        sheet=_("Totalt (som tryckt)"),
    )


def unit_table(budgets: Budgets, unit: Unit) -> Table:
    tables = [budgets.this.table_for(unit)]
    if budgets.previous:
        tables.append(budgets.previous.table_for(unit))
    return _table(
        *_unit_name(budgets, unit),
        document_rows(tables),
        budgets.years,
        sheet=unit.name,
    )


def lines_table(period: PlanningPeriod, unit: Unit) -> Table:
    """A unit's budget lines as entered (the unit page's "Budgetrader"), with their sources."""
    table = Table(
        f"budgetrader-{period.year}-{unit.code}",
        _("Budgetrader %(unit)s %(year)s") % {"unit": unit.name, "year": period.year},
        [
            Column("radkod", _("Radkod")),
            Column("rubrik", _("Rubrik")),
            Column("slag", _("Slag")),
            Column("belopp", _("Belopp (kr)"), Kind.MONEY),
            Column("lonesumma", _("Lönesumma (kr)"), Kind.MONEY),
            Column("kalla", _("Källa")),
        ],
    )
    lines = BudgetLine.objects.filter(period=period, unit=unit).order_by("sort_order", "code")
    for line in lines:
        table.add(
            line.code, line.label, line.get_kind_display(), line.amount, line.salaries, line.source
        )
    return table


def units_in(budgets: Budgets) -> list[Unit]:
    """The units with a budget this year, in the period's order."""
    return [table.unit for table in budgets.this.units if table.unit is not None]


def consolidated_table(budgets: Budgets) -> Table:
    """The federation computed from its units, overhead netted on one row."""
    tables = [budgets.this.consolidated]
    if budgets.previous:
        tables.append(budgets.previous.consolidated)
    return _table(
        *_consolidated_name(budgets),
        consolidated_rows(tables),
        budgets.years,
        sheet=_("Sammanställning"),
    )


def budget_tables(period: PlanningPeriod, budgets: Budgets | None = None) -> list[Table]:
    """Every budget table of the period: the total as printed, each unit, the consolidation.

    `budgets` may be passed when the caller has loaded them already (the budget page)."""
    budgets = budgets or load(period)
    return [
        total_as_printed(budgets),
        *(unit_table(budgets, unit) for unit in units_in(budgets)),
        consolidated_table(budgets),
    ]


def budget_table_names(budgets: Budgets) -> list[TableName]:
    """The keys and titles of `budget_tables`, in its order, for the download links of a page
    that shows the tables without building them (they are built when one is downloaded)."""
    return [
        _total_name(budgets),
        *(_unit_name(budgets, unit) for unit in units_in(budgets)),
        _consolidated_name(budgets),
    ]


def fee_table(period: PlanningPeriod) -> Table | None:
    """Each member's fee: inhabitants on the reference date × the fee per inhabitant."""
    basis = fee_module.fee_basis(period)
    if basis is None:
        return None
    model = basis.model
    table = Table(
        f"medlemsavgifter-{period.year}",
        _("Medlemsavgifter %(year)s") % {"year": period.year},
        [
            Column("kommunkod", _("Kommunkod")),
            Column("kommun", _("Kommun")),
            Column("invanare", _("Invånare"), Kind.INTEGER),
            Column("avgift", _("Avgift (kr)"), Kind.MONEY),
        ],
        source=_("%(rate)s kr per invånare, folkmängd %(date)s")
        % {
            "rate": format_number(model.rate_per_inhabitant, 2),
            "date": model.population_reference_date.isoformat(),
        },
    )
    for row in basis.rows:
        table.add(row.member.municipality_code, row.member.name, row.inhabitants, row.fee)
    table.add(_("Summa"), "", basis.known_inhabitants, basis.total_fees, emphasis=True)
    table.add(_("Budgeterade medlemsavgifter"), "", None, model.budgeted_income, emphasis=True)
    if basis.missing:
        table.notes.append(
            _("Folkmängd saknas för: %(names)s.")
            % {"names": ", ".join(m.name for m in basis.missing)}
        )
    return table


def _quantity(value, unit: str) -> str:
    if value is None:
        return ""
    return format_percent(value, 2) if unit == "%" else format_kr(value)


def targets_table(
    period: PlanningPeriod, budget: PeriodBudget | None = None, *, numeric: bool = False
) -> Table:
    """The financial targets with their values, thresholds and whether each is met.

    As the plan prints them, kronor and per cent share one text column ("−185 000 kr"). With
    `numeric` (a download to calculate with) the value and target are numbers, rounded as the
    page shows them, with their unit in a column of its own."""
    if numeric:
        quantity_columns = [
            Column("varde", _("Värde"), Kind.DECIMAL, None),
            Column("malvarde", _("Målvärde"), Kind.DECIMAL, None),
            Column("enhet", _("Enhet")),
        ]
    else:
        # Kronor and percent in one column: the text says which, as the plan prints it.
        quantity_columns = [Column("varde", _("Värde")), Column("malvarde", _("Målvärde"))]
    table = Table(
        f"finansiella-mal-{period.year}",
        _("Finansiella mål %(year)s") % {"year": period.year},
        [Column("mal", _("Mål")), *quantity_columns, Column("uppfyllt", _("Uppfyllt"))],
    )
    results = target_module.evaluate(period, budget)
    if not results:
        table.notes.append(target_module.missing_text(period))
    for result in results:
        met = target_module.met_text(result.met)
        if numeric:
            quantities = [
                _rounded(result.value, result.unit),
                _rounded(result.threshold, result.unit),
                result.unit,
            ]
        else:
            quantities = [
                _quantity(result.value, result.unit),
                _quantity(result.threshold, result.unit),
            ]
        table.add(result.label, *quantities, met)
        table.notes.append(f"{result.label}: {result.explanation}")
    return table


def _rounded(value, unit: str):
    if value is None:
        return None
    return round_kronor(Decimal(value), Decimal("0.01") if unit == "%" else Decimal(1))
