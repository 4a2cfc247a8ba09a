"""The portfolio's data sets as `lib.tabular.Table`: what the project pages show, the documents
print and the exports and open data serve. Built once here, below the views, from `queries`.

- `projects_table(projects)`: projects (all, or a page's filtered list) with their period,
  units, funders, total budget and the money registered per source over all years.
- `year_table(year)`: the projects in the year's budget with the year's budget, its basis
  (stated, spread from the total, unknown) and that year's money per source, with the sum.
- `applications_table()`: ideas and applications awaiting an answer, with their decisions.
- `financing_table()`: money per source (a funder, own funds, DRUM, the members) and year.
- `funders_table()`: each funder and what it finances (project, years, amount).

Values are raw (Decimal kronor, dates); statuses and kinds are their Swedish labels.
"""

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.utils.translation import gettext as _

from samverka.lib.tabular import Column, Kind, Table
from samverka.portfolio import queries
from samverka.portfolio.models import Financing, Project


def _source() -> str:
    return _("Projektportföljen")


def _financing_columns() -> list[Column]:
    """Money for the project from each kind of source (Financing rows), in kronor."""
    return [
        Column("egna_medel", _("Egna medel (kr)"), Kind.MONEY),
        Column("drum", _("DRUM (kr)"), Kind.MONEY),
        Column("medlemmar", _("Medfinansiering från medlemmarna (kr)"), Kind.MONEY),
        Column("externa", _("Externa anslagsgivare (kr)"), Kind.MONEY),
    ]


_KIND_ORDER = [
    Financing.Kind.OWN,
    Financing.Kind.DRUM,
    Financing.Kind.MEMBERS,
    Financing.Kind.EXTERNAL,
]


def _financing_by_kind(
    projects: list[Project], year: int | None = None
) -> dict[int, dict[str, Decimal]]:
    """{project id: {kind: sum}} over all years, or one year; one query for all projects."""
    rows = Financing.objects.filter(project__in=[p.pk for p in projects])
    if year is not None:
        rows = rows.filter(year=year)
    sums: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for project_id, kind, amount in rows.values_list("project_id", "kind", "amount"):
        sums[project_id][kind] += amount
    return sums


def _money_by_kind(sums: dict[str, Decimal]) -> list[Decimal | None]:
    return [sums.get(kind) for kind in _KIND_ORDER]


def _funder_names(project: Project) -> str:
    return ", ".join(f.name for f in project.funders.all())


def projects_table(projects: Iterable[Project] | None = None, filtered_by: str = "") -> Table:
    """Projects as the portfolio page lists them (all, or the page's filtered list, whose
    filter `filtered_by` names in words for the title)."""
    projects = list(queries.filtered() if projects is None else projects)
    table = Table(
        "projekt",
        f"{_('Projekt')} – {filtered_by}" if filtered_by else _("Projekt"),
        [
            Column("kod", _("Kod")),
            Column("projekt", _("Projekt")),
            Column("status", _("Status")),
            Column("agande_enhet", _("Ägande enhet")),
            Column("tematisk_enhet", _("Tematisk enhet")),
            Column("start", _("Start"), Kind.DATE),
            Column("slut", _("Slut"), Kind.DATE),
            Column("anslagsgivare", _("Anslagsgivare")),
            Column("total_budget", _("Total budget (kr)"), Kind.MONEY),
            *_financing_columns(),
        ],
        source=_source(),
        notes=[_("Finansieringen är summan av de registrerade beloppen för alla år.")],
    )
    financing = _financing_by_kind(projects)
    for project in projects:
        table.add(
            project.code,
            project.name,
            project.get_status_display(),
            project.owning_unit.name,
            project.thematic_unit.name if project.thematic_unit else None,
            project.start,
            project.end,
            _funder_names(project),
            project.total_budget,
            *_money_by_kind(financing.get(project.pk, {})),
        )
    return table


def year_table(year: int) -> Table:
    """The projects the year's budget counts on, with the year's budget and its basis."""
    rows = [(p, p.budget_for(year)) for p in queries.running_in(year)]
    table = Table(
        f"projekt-{year}",
        _("Projekt %(year)s och deras budget för året") % {"year": year},
        [
            Column("kod", _("Kod")),
            Column("projekt", _("Projekt")),
            Column("status", _("Status")),
            Column("agande_enhet", _("Ägande enhet")),
            Column("start", _("Start"), Kind.DATE),
            Column("slut", _("Slut"), Kind.DATE),
            Column("anslagsgivare", _("Anslagsgivare")),
            Column("budget", _("Budget %(year)s (kr)") % {"year": year}, Kind.MONEY),
            Column("grund", _("Grund")),
            *_financing_columns(),
        ],
        source=_source(),
        notes=[
            _(
                "Projekt vars period berör året och som budgeten räknar med: beviljade, "
                "pågående, avslutade samt ansökningar som tagits med i budgeten innan "
                "anslagsgivarens besked. Finansieringen gäller året."
            )
        ],
    )
    financing = _financing_by_kind([p for p, _b in rows], year)
    for project, budget in rows:
        table.add(
            project.code,
            project.name,
            project.get_status_display(),
            project.owning_unit.name,
            project.start,
            project.end,
            _funder_names(project),
            budget.amount,
            budget.basis_label,
            *_money_by_kind(financing.get(project.pk, {})),
        )
    known = [b.amount for _p, b in rows if b.amount is not None]
    total_label = _("Summa")
    if len(known) < len(rows):
        total_label = _("Summa (ofullständig: belopp saknas för några projekt)")
    totals = []
    for kind in _KIND_ORDER:
        amounts = [financing[p.pk][kind] for p, _b in rows if kind in financing.get(p.pk, {})]
        totals.append(sum(amounts, Decimal(0)) if amounts else None)
    table.add(
        "",
        total_label,
        "",
        "",
        None,
        None,
        "",
        sum(known, Decimal(0)),
        "",
        *totals,
        emphasis=True,
    )
    return table


def _decision_text(decision) -> str:
    body = f" {decision.body.name}" if decision.body else ""
    return f"{decision.date:%Y-%m-%d}{body} ({decision.get_status_display()})"


def applications_table() -> Table:
    """Ideas and applications awaiting the funder's answer, with the board's decisions."""
    table = Table(
        "ansokningar",
        _("Ansökningar och idéer"),
        [
            Column("kod", _("Kod")),
            Column("projekt", _("Projekt")),
            Column("status", _("Status")),
            Column("beslut", _("Beslut")),
            Column("anslagsgivare", _("Anslagsgivare")),
            Column("besked_vantas_senast", _("Besked väntas senast"), Kind.DATE),
            Column("i_budget_fore_besked", _("I budget innan besked")),
            Column("start", _("Start"), Kind.DATE),
            Column("slut", _("Slut"), Kind.DATE),
            Column("total_budget", _("Total budget (kr)"), Kind.MONEY),
        ],
        source=_source(),
    )
    for project in queries.pipeline():
        table.add(
            project.code,
            project.name,
            project.get_status_display(),
            "; ".join(_decision_text(d) for d in project.decisions.all()),
            _funder_names(project),
            project.answer_expected_by,
            _("Ja") if project.budgeted_before_answer else _("Nej"),
            project.start,
            project.end,
            project.total_budget,
        )
    return table


def financing_table() -> Table:
    """Registered money per source and year, with each source's sum."""
    years, rows = queries.money_by_source_and_year()
    table = Table(
        "finansiering",
        _("Belopp per finansieringskälla och år"),
        [
            Column("kalla", _("Källa")),
            *(
                Column(f"ar_{year}", _("%(year)s (kr)") % {"year": year}, Kind.MONEY)
                for year in years
            ),
            Column("summa", _("Summa (kr)"), Kind.MONEY),
        ],
        source=_source(),
        sheet=_("Belopp per källa och år"),
    )
    for label, by_year in rows:
        table.add(label, *(by_year.get(y) for y in years), sum(by_year.values(), Decimal(0)))
    if rows:
        table.add(
            _("Summa"),
            *(sum((b.get(y, Decimal(0)) for _l, b in rows), Decimal(0)) for y in years),
            sum((sum(b.values(), Decimal(0)) for _l, b in rows), Decimal(0)),
            emphasis=True,
        )
    return table


def funders_table() -> Table:
    """Each funder with what it finances: one row per funder and project."""
    table = Table(
        "anslagsgivare",
        _("Anslagsgivare och deras projekt"),
        [
            Column("anslagsgivare", _("Anslagsgivare")),
            Column("fullstandigt_namn", _("Fullständigt namn")),
            Column("slag", _("Slag")),
            Column("projekt", _("Projekt")),
            Column("ar", _("År")),
            Column("belopp", _("Belopp (kr)"), Kind.MONEY),
        ],
        source=_source(),
        notes=[
            _(
                "Utan belopp: anslagsgivaren är angiven på projektet men inga belopp är "
                "registrerade."
            )
        ],
    )
    for funder, financed in queries.funders_with_projects():
        common = (funder.name, funder.full_name, funder.get_kind_display())
        if not financed:
            table.add(*common, "", "", None)
        for item in financed:
            years = ", ".join(str(y) for y in item.years)
            table.add(*common, item.project.name, years, item.amount)
    return table
