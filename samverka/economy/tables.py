"""The plan's tables as `lib.tabular.Table`: what the pages show and the downloads hold."""

from decimal import Decimal

from django.utils.translation import gettext as _

from samverka.budget.computations import Table as BudgetTable
from samverka.budget.models import LineKind
from samverka.budget.presentation import document_rows
from samverka.budget.targets import met_text
from samverka.economy.plans import Plan
from samverka.lib.money import format_number
from samverka.lib.tabular import Column, Kind, Row, Table
from samverka.orgs.models import Unit

ZERO = Decimal(0)


def _year_columns(plan: Plan, with_history: bool) -> tuple[list[Column], list[str]]:
    columns, keys = [Column("rad", _("Kr"))], []
    b = plan.period.year
    if with_history and plan.actuals is not None:
        columns.append(
            Column(f"bokslut_{b - 1}", _("Bokslut %(year)s") % {"year": b - 1}, Kind.MONEY)
        )
        keys.append("actuals")
    if plan.previous is not None:
        columns.append(
            Column(f"budget_{b - 1}", _("Budget %(year)s") % {"year": b - 1}, Kind.MONEY)
        )
        keys.append("previous")
    for year in plan.years:
        label = _("Plan %(year)s") if year.is_plan else _("Budget %(year)s")
        key = ("plan_" if year.is_plan else "budget_") + str(year.year)
        columns.append(Column(key, label % {"year": year.year}, Kind.MONEY))
        keys.append(year.year)
    return columns, keys


def _rows_into(table: Table, tables: list[BudgetTable | None]) -> None:
    width = len(table.columns) - 1
    for row in document_rows(tables):
        if row.heading:
            table.add(row.label, *[None] * width, emphasis=True)
            continue
        table.add(
            row.label,
            *[cell.value for cell in row.cells],
            emphasis=row.total,
            level=0 if row.total else 1,
        )


def plan_table(plan: Plan, unit: Unit | None = None) -> Table:
    """The federation (from its units) or one unit: last year's actuals and budget when there
    are any, the budget year and the plan years side by side."""
    columns, keys = _year_columns(plan, with_history=unit is None)
    first, last = plan.years[0].year, plan.years[-1].year
    if unit is None:
        title = _("Förbundet sammanställt från enheterna %(first)s–%(last)s")
        key = f"plan-{first}-{last}"
    else:
        title = _("%(unit)s %(first)s–%(last)s")
        key = f"plan-{first}-{last}-{unit.code}"
    table = Table(
        key,
        title % {"unit": unit.name if unit else "", "first": first, "last": last},
        columns,
        sheet=unit.name if unit else _("Förbundet"),
        source=_("Scenario: %(name)s") % {"name": plan.scenario.name},
    )
    tables: list[BudgetTable | None] = []
    for k in keys:
        if k == "actuals":
            tables.append(plan.actuals)
        elif k == "previous":
            tables.append(
                plan.previous.consolidated if unit is None else plan.previous.table_for(unit)
            )
        else:
            budget = plan.year(k).budget
            tables.append(budget.consolidated if unit is None else budget.table_for(unit))
    _rows_into(table, tables)
    base = plan.years[0].budget
    base_table = base.consolidated if unit is None else base.table_for(unit)
    if not base_table.get(LineKind.MEMBER_FEES):
        # The budget year holds the fee inside its revenue lines (the seed's unit tables print
        # only total revenue): the plan years' fee row is the change, and says so.
        label = str(LineKind.MEMBER_FEES.label).capitalize()
        changed = _("Medlemsavgifter, förändring mot %(year)s") % {"year": plan.period.year}
        table.rows = [
            Row((changed, *row.values[1:]), row.emphasis, row.level)
            if row.values[0] == label
            else row
            for row in table.rows
        ]
    if unit is not None:
        for year in plan.years:
            for code, kind in sorted(year.entered):
                if code != unit.code:
                    continue
                entered = year.budget.table_for(unit).get(kind)
                projected = year.projected.get(code, {}).get(kind)
                table.notes.append(
                    _(
                        "%(kind)s %(year)s är inmatat för hand: %(entered)s; "
                        "framskrivningen ger %(projected)s."
                    )
                    % {
                        "kind": str(LineKind(kind).label).capitalize(),
                        "year": year.year,
                        "entered": format_number(entered),
                        "projected": "–" if projected is None else format_number(projected),
                    }
                )
    return table


def key_figures_table(plan: Plan) -> Table:
    """Per year: the fee per inhabitant, inhabitants, fee income, result and the result target."""
    columns = [Column("rad", _("Nyckeltal"))] + [
        Column(f"ar_{y.year}", str(y.year), Kind.DECIMAL, None) for y in plan.years
    ]
    table = Table(
        f"nyckeltal-{plan.period.year}",
        _("Avgift, resultat och mål per år"),
        columns,
        sheet=_("Nyckeltal"),
    )
    fees = [y.fees for y in plan.years]
    table.add(_("Avgift per invånare (kr)"), *[f.rate if f else None for f in fees])
    table.add(_("Invånare med känd folkmängd"), *[f.inhabitants if f else None for f in fees])
    table.add(_("Medlemmarnas avgifter (kr)"), *[f.total if f else None for f in fees])
    table.add(_("Budgeterade medlemsavgifter (kr)"), *[f.budgeted if f else None for f in fees])
    table.add(_("Resultat (kr)"), *[y.consolidated.result for y in plan.years], emphasis=True)
    result_targets = [next((t for t in y.targets if t.code == "result"), None) for y in plan.years]
    first = result_targets[0] if result_targets else None
    if first is not None and first.comparison == "above":
        target_label = _("Resultatmål, större än (kr)")
    else:
        target_label = _("Resultatmål, minst (kr)")
    table.add(target_label, *[t.threshold if t else None for t in result_targets])
    return table


def targets_table(plan: Plan) -> Table:
    """Whether each financial target is met, per year of the plan."""
    columns = [Column("mal", _("Mål"))] + [Column(f"ar_{y.year}", str(y.year)) for y in plan.years]
    table = Table(
        f"finansiella-mal-{plan.period.year}-{plan.years[-1].year}",
        _("Finansiella mål per år"),
        columns,
        sheet=_("Finansiella mål"),
    )
    for i, target in enumerate(plan.years[0].targets):
        table.add(
            target.label,
            *[met_text(y.targets[i].met) if i < len(y.targets) else "" for y in plan.years],
        )
    return table


def member_fee_table(plan: Plan) -> Table:
    """Each member's inhabitants and fee per year, the sum and the budgeted fee income: the
    sheet a member's controller puts into its own budget."""
    years = [y for y in plan.years if y.fees is not None]
    columns = [Column("kommun", _("Kommun")), Column("kommunkod", _("Kommunkod"))]
    for y in years:
        columns.append(
            Column(f"invanare_{y.year}", _("Invånare %(year)s") % {"year": y.year}, Kind.INTEGER)
        )
        columns.append(
            Column(f"avgift_{y.year}", _("Avgift %(year)s (kr)") % {"year": y.year}, Kind.MONEY)
        )
    first, last = plan.years[0].year, plan.years[-1].year
    table = Table(
        f"medlemsavgifter-{first}-{last}",
        _("Medlemsavgifter %(first)s–%(last)s") % {"first": first, "last": last},
        columns,
        sheet=_("Medlemsavgifter"),
        source=_(
            "Scenario: %(name)s. Avgift = invånare × avgift per invånare, "
            "avrundad till hela kronor."
        )
        % {"name": plan.scenario.name},
    )
    if not years:
        return table
    for i, row in enumerate(years[0].fees.rows):
        values: list = [row.member.name, row.member.municipality_code]
        for y in years:
            r = y.fees.rows[i]
            values += [r.inhabitants, r.fee]
        table.add(*values)
    sums: list = [_("Summa"), ""]
    budgeted: list = [_("Budgeterade medlemsavgifter"), ""]
    difference: list = [_("Skillnad"), ""]
    for y in years:
        sums += [y.fees.inhabitants, y.fees.total]
        budgeted += [None, y.fees.budgeted]
        difference += [None, y.fees.difference]
    table.add(*sums, emphasis=True)
    table.add(*budgeted)
    table.add(*difference)
    for y in years:
        table.notes.append(
            _("%(year)s: %(rate)s kr per invånare.")
            % {"year": y.year, "rate": format_number(y.fees.rate, 2)}
        )
    return table


def comparison_tables(plans: list[Plan]) -> list[Table]:
    """Scenarios side by side: result, fee per member and result target per year."""
    years = plans[0].years
    year_numbers = [y.year for y in years]
    columns = [Column("scenario", _("Scenario"))] + [
        Column(f"ar_{n}", str(n), Kind.MONEY) for n in year_numbers
    ]
    results = Table("jamforelse-resultat", _("Resultat per år (kr)"), columns, sheet=_("Resultat"))
    targets = Table(
        "jamforelse-mal",
        _("Resultatmålet per år"),
        [Column("scenario", _("Scenario"))] + [Column(f"ar_{n}", str(n)) for n in year_numbers],
        sheet=_("Mål"),
    )
    fee_columns = [Column("kommun", _("Kommun"))]
    for n in year_numbers[1:]:
        for plan in plans:
            fee_columns.append(
                Column(f"{plan.scenario.code}_{n}", f"{plan.scenario.name} {n}", Kind.MONEY)
            )
    fees = Table(
        "jamforelse-avgifter",
        _("Avgift per medlem och planår (kr)"),
        fee_columns,
        sheet=_("Avgifter"),
    )
    for plan in plans:
        results.add(plan.scenario.name, *[y.consolidated.result for y in plan.years])
        targets.add(
            plan.scenario.name,
            *[
                met_text(next((t.met for t in y.targets if t.code == "result"), None))
                for y in plan.years
            ],
        )
    first = plans[0]
    for i, row in enumerate(first.years[1].fees.rows if first.years[1].fees else []):
        values: list = [row.member.name]
        for n in year_numbers[1:]:
            for plan in plans:
                values.append(plan.year(n).fees.rows[i].fee)
        fees.add(*values)
    total: list = [_("Summa")]
    for n in year_numbers[1:]:
        for plan in plans:
            total.append(plan.year(n).fees.total)
    fees.add(*total, emphasis=True)
    return [results, targets, fees]
