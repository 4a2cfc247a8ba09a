"""The chapter "Projektportföljen": the projects of the year with their budget and financing for
the year, those ending within six months of the report's date, those past their end date but
still open, and the applications awaiting an answer (`portfolio.queries`).

Statuses are the projects' stored ones when the report is made; the portfolio keeps no history
of them.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from samverka.lib.tabular import Column, Kind, Table
from samverka.portfolio import queries
from samverka.portfolio.models import Financing, Project, YearBudget
from samverka.reports.document import Heading, Paragraph, TableBlock
from samverka.reports.followup.common import Scope

SIX_MONTHS = 6


@dataclass
class Portfolio:
    running: list[tuple[Project, YearBudget]]
    financing: dict[int, Decimal]  # project id → money registered for the year
    ending: list[queries.Ending]
    past_end: list[Project]
    applications: list[Project]

    @property
    def budget_total(self) -> Decimal | None:
        known = [b.amount for _p, b in self.running if b.amount is not None]
        return sum(known, Decimal(0)) if known else None

    @property
    def without_budget(self) -> list[Project]:
        return [p for p, b in self.running if b.amount is None]

    @property
    def budget_complete(self) -> bool:
        return all(b.amount is not None for _p, b in self.running)


def gather(scope: Scope) -> Portfolio:
    running = [(p, p.budget_for(scope.year)) for p in queries.running_in(scope.year)]
    financing: dict[int, Decimal] = defaultdict(Decimal)
    for project_id, amount in Financing.objects.filter(
        project__in=[p.pk for p, _b in running], year=scope.year
    ).values_list("project_id", "amount"):
        financing[project_id] += amount
    return Portfolio(
        running,
        dict(financing),
        queries.ending_within(scope.on, SIX_MONTHS),
        queries.past_end(scope.on),
        [p for p in queries.pipeline() if p.status == Project.Status.APPLICATION],
    )


def _funders(project: Project) -> str:
    return ", ".join(f.name for f in project.funders.all())


def _running_table(scope: Scope, portfolio: Portfolio) -> Table:
    year = scope.year
    table = Table(
        f"projekt-{year}-uppfoljning",
        _("Projekt i budgeten %(year)s") % {"year": year},
        [
            Column("projekt", _("Projekt")),
            Column("status", _("Status")),
            Column("start", _("Start"), Kind.DATE),
            Column("slut", _("Slut"), Kind.DATE),
            Column("budget", _("Budget %(year)s (kr)") % {"year": year}, Kind.MONEY),
            Column("finansiering", _("Finansiering %(year)s (kr)") % {"year": year}, Kind.MONEY),
            Column("anslagsgivare", _("Anslagsgivare")),
        ],
        source=_("Projektportföljen. Status som registrerad när rapporten togs fram."),
    )
    for project, budget in portfolio.running:
        table.add(
            project.name,
            project.get_status_display(),
            project.start,
            project.end,
            budget.amount,
            portfolio.financing.get(project.pk),
            _funders(project),
        )
        if budget.basis == YearBudget.SPREAD:
            table.notes.append(
                _("%(project)s: årets budget är fördelad ur totalbudgeten, dag för dag.")
                % {"project": project.name}
            )
    label = _("Summa") if portfolio.budget_complete else _("Summa (belopp saknas för några)")
    financed = sum(portfolio.financing.values(), Decimal(0)) if portfolio.financing else None
    table.add(label, "", None, None, portfolio.budget_total, financed, "", emphasis=True)
    return table


def _ending_table(scope: Scope, portfolio: Portfolio) -> Table:
    table = Table(
        f"projekt-slutar-{scope.on.isoformat()}",
        _("Projekt som slutar inom sex månader"),
        [
            Column("projekt", _("Projekt")),
            Column("slut", _("Slut"), Kind.DATE),
            Column("status", _("Status")),
            Column("personal", _("Personalkostnader sista året (kr)"), Kind.MONEY),
        ],
    )
    for item in portfolio.ending:
        project = item.project
        table.add(project.name, project.end, project.get_status_display(), item.personnel_costs)
    return table


def _past_end_table(scope: Scope, portfolio: Portfolio) -> Table:
    table = Table(
        f"projekt-passerat-slut-{scope.on.isoformat()}",
        _("Projekt som passerat sitt slutdatum men inte är avslutade"),
        [
            Column("projekt", _("Projekt")),
            Column("slut", _("Slut"), Kind.DATE),
            Column("status", _("Status")),
        ],
    )
    for project in portfolio.past_end:
        table.add(project.name, project.end, project.get_status_display())
    return table


def _applications_table(portfolio: Portfolio) -> Table:
    table = Table(
        "ansokningar-uppfoljning",
        _("Ansökningar som väntar på besked"),
        [
            Column("projekt", _("Projekt")),
            Column("anslagsgivare", _("Anslagsgivare")),
            Column("besked", _("Besked väntas senast"), Kind.DATE),
            Column("i_budget", _("I budget innan besked")),
        ],
    )
    for project in portfolio.applications:
        table.add(
            project.name,
            _funders(project),
            project.answer_expected_by,
            _("Ja") if project.budgeted_before_answer else _("Nej"),
        )
    return table


def blocks(scope: Scope, portfolio: Portfolio) -> list:
    out: list = [Heading(_("Projektportföljen"))]
    if portfolio.running:
        out.append(
            Paragraph(
                _(
                    "%(n)s projekt ingår i budgeten %(year)s: beviljade och pågående projekt vars "
                    "period berör året, och ansökningar som budgeten räknar med innan besked."
                )
                % {"n": len(portfolio.running), "year": scope.year}
            )
        )
        out.append(TableBlock(_running_table(scope, portfolio)))
        if portfolio.without_budget:
            out.append(
                Paragraph(
                    _(
                        "%(n)s av projekten saknar budget för %(year)s: varken ett årsbelopp "
                        "eller en totalbudget att fördela är registrerad."
                    )
                    % {"n": len(portfolio.without_budget), "year": scope.year},
                    "note",
                )
            )
        if not portfolio.financing:
            out.append(
                Paragraph(
                    _("Ingen finansiering är registrerad på projekten för %(year)s.")
                    % {"year": scope.year},
                    "note",
                )
            )
    else:
        out.append(Paragraph(_("Inga projekt ingår i budgeten %(year)s.") % {"year": scope.year}))
    out.append(Heading(_("Projekt som slutar inom sex månader"), 2))
    if portfolio.ending:
        out.append(
            Paragraph(
                _(
                    "Öppna projekt som slutar från %(date)s och sex månader framåt. Personal som "
                    "finansieras av dem behöver ny finansiering eller avveckling."
                )
                % {"date": scope.on.isoformat()}
            )
        )
        out.append(TableBlock(_ending_table(scope, portfolio), caption_visible=False))
    else:
        out.append(Paragraph(_("Inget öppet projekt slutar inom sex månader.")))
    out.append(Heading(_("Projekt som passerat sitt slutdatum"), 2))
    if portfolio.past_end:
        out.append(
            Paragraph(
                _(
                    "Slutdatumet har passerat men projektet står fortfarande som öppet. Det "
                    "behöver avslutas eller få ett nytt slutdatum."
                )
            )
        )
        out.append(TableBlock(_past_end_table(scope, portfolio), caption_visible=False))
    else:
        out.append(Paragraph(_("Inget öppet projekt har passerat sitt slutdatum.")))
    if portfolio.applications:
        out.append(Heading(_("Ansökningar som väntar på besked"), 2))
        out.append(TableBlock(_applications_table(portfolio), caption_visible=False))
    return out
