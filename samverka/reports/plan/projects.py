"""The projects in operation during the year and the applications, under the project unit."""

from decimal import Decimal

from django.utils.translation import gettext as _

from samverka.decisions.models import Decision
from samverka.lib.tabular import Column, Kind, Table
from samverka.portfolio import queries
from samverka.portfolio.models import Project, YearBudget
from samverka.reports.document import Block, Heading, TableBlock
from samverka.reports.models import PlanText
from samverka.reports.plan.common import Plan, without_empty_columns


def blocks(plan: Plan) -> list[Block]:
    result: list[Block] = []
    running = queries.running_in(plan.year)
    if running:
        result += [
            Heading(_("Projekt i drift %(year)s") % {"year": plan.year}, 3),
            TableBlock(running_table(plan.year, running)),
        ]
    pipeline = queries.pipeline()
    if pipeline:
        table = applications_table(plan.year, pipeline)
        result += [Heading(_("Ansökningar"), 3), TableBlock(table)]
    result += plan.text(PlanText.Section.PROJECTS)
    return result


def _funders(project: Project) -> str:
    return ", ".join(f.name for f in project.funders.all())


def _unit(project: Project) -> str:
    return project.owning_unit.name if project.owning_unit_id else ""


def running_table(year: int, projects: list[Project]) -> Table:
    """Each project's period, owner, funders and its budget for the year, with the basis."""
    table = Table(
        f"projekt-{year}",
        _("Projekt i drift %(year)s") % {"year": year},
        [
            Column("projekt", _("Projekt")),
            Column("start", _("Start"), Kind.DATE),
            Column("slut", _("Slut"), Kind.DATE),
            Column("agare", _("Ägare")),
            Column("tematisk_enhet", _("Tematisk enhet")),
            Column("anslagsgivare", _("Anslagsgivare")),
            Column("budget", _("Budget %(year)s (kr)") % {"year": year}, Kind.MONEY),
            Column("total_budget", _("Total budget (kr)"), Kind.MONEY),
        ],
    )
    known = Decimal(0)
    unknown, spread, applications = [], [], []
    for project in projects:
        budget = project.budget_for(year)
        table.add(
            project.name,
            project.start,
            project.end,
            _unit(project),
            project.thematic_unit.name if project.thematic_unit_id else "",
            _funders(project),
            budget.amount,
            project.total_budget,
        )
        if budget.amount is None:
            unknown.append(project.name)
        else:
            known += budget.amount
        if budget.basis == YearBudget.SPREAD:
            spread.append(project.name)
        if project.status == Project.Status.APPLICATION:
            applications.append(project)
    if len(unknown) < len(projects):
        table.add(_("Summa"), None, None, "", "", "", known, None, emphasis=True)
    if spread:
        table.notes.append(
            _("Budgeten för %(year)s är fördelad ur totalbudgeten, dag för dag: %(names)s.")
            % {"year": year, "names": "; ".join(spread)}
        )
    if unknown and len(unknown) == len(projects):
        table.notes.append(
            _(
                "Inget av projekten har en budget för %(year)s registrerad (varken årsbelopp "
                "eller totalbudget)."
            )
            % {"year": year}
        )
    elif unknown:
        table.notes.append(
            _("Budget för %(year)s saknas (varken årsbelopp eller totalbudget): %(names)s.")
            % {"year": year, "names": "; ".join(unknown)}
        )
    for project in applications:
        table.notes.append(
            _("%(name)s är en ansökan som budgeten räknar med innan anslagsgivarens besked.")
            % {"name": project.name}
        )
    return without_empty_columns(table, keep={"projekt", "start", "slut"})


def _decision(decision: Decision) -> str:
    text = " ".join(
        filter(None, [decision.body.name if decision.body_id else "", decision.date.isoformat()])
    )
    if decision.status == Decision.Status.SCHEDULED:
        text += " " + _("(planerat)")
    return text


def applications_table(year: int, projects: list[Project]) -> Table:
    table = Table(
        f"ansokningar-{year}",
        _("Ansökningar och idéer"),
        [
            Column("projekt", _("Ansökan")),
            Column("status", _("Status")),
            Column("beslut", _("Beslut")),
            Column("anslagsgivare", _("Anslagsgivare")),
            Column("start", _("Start"), Kind.DATE),
            Column("slut", _("Slut"), Kind.DATE),
            Column("besked", _("Besked väntas senast"), Kind.DATE),
            Column("i_budget", _("I budget %(year)s") % {"year": year}),
        ],
    )
    for project in projects:
        decisions = sorted(project.decisions.all(), key=lambda d: d.date)
        table.add(
            project.name,
            project.get_status_display().capitalize(),
            "; ".join(_decision(d) for d in decisions),
            _funders(project),
            project.start,
            project.end,
            project.answer_expected_by,
            _("Ja") if project.counts_in_budget and project.runs_in(year) else _("Nej"),
        )
    return without_empty_columns(table, keep={"projekt", "status", "i_budget"})
