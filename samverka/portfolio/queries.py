"""Read-side questions about the portfolio, shared by the pages and the reconciliation."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet

from samverka.portfolio.models import Financing, Funder, Project


def _with_figures(projects: QuerySet) -> QuerySet:
    return projects.select_related("owning_unit", "thematic_unit").prefetch_related(
        "year_figures", "funders", "decisions"
    )


def running_in(year: int) -> list[Project]:
    """Projects whose period touches `year` and that the budget counts on (granted, running,
    closing, closed, or an application budgeted before the funder's answer)."""
    candidates = _with_figures(Project.objects.filter(start__year__lte=year, end__year__gte=year))
    return [p for p in candidates if p.counts_in_budget]


def _counts_in_budget(projects: QuerySet) -> QuerySet:
    """`Project.counts_in_budget` as a filter."""
    return projects.filter(
        Q(status__in=Project.FUNDED)
        | Q(status=Project.Status.APPLICATION, budgeted_before_answer=True)
    )


def unit_running_in(year: int, unit_code: str) -> list[Project]:
    """The projects of `running_in(year)` that the unit owns, in the same order, with only
    their year figures (what `Project.budget_for` reads): filtered by the database, so the cost
    follows the unit's projects, not the whole portfolio."""
    projects = Project.objects.filter(
        start__year__lte=year, end__year__gte=year, owning_unit__code=unit_code
    )
    return list(_counts_in_budget(projects).prefetch_related("year_figures"))


def running_count(year: int) -> int:
    """len(running_in(year)), counted by the database."""
    return _counts_in_budget(
        Project.objects.filter(start__year__lte=year, end__year__gte=year)
    ).count()


def pipeline_count() -> int:
    return Project.objects.filter(
        status__in=[Project.Status.IDEA, Project.Status.APPLICATION]
    ).count()


def ending_count(today: datetime.date, months: int = 6) -> int:
    """len(ending_within(today, months)), counted by the database."""
    until = add_months(today, months)
    return Project.objects.filter(status__in=Project.OPEN, end__gte=today, end__lte=until).count()


def pipeline() -> list[Project]:
    """Ideas and applications awaiting an answer, with their board decisions."""
    return list(
        _with_figures(
            Project.objects.filter(status__in=[Project.Status.IDEA, Project.Status.APPLICATION])
        )
    )


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - day 28 exists in every month


@dataclass(frozen=True)
class Ending:
    project: Project
    personnel_costs: Decimal | None  # the end year's stated personnel costs


def ending_within(today: datetime.date, months: int = 6) -> list[Ending]:
    """Open projects ending from today up to `months` ahead, with the personnel costs in them."""
    until = add_months(today, months)
    projects = _with_figures(
        Project.objects.filter(status__in=Project.OPEN, end__gte=today, end__lte=until)
    ).order_by("end", "name")
    result = []
    for project in projects:
        figures = {y.year: y for y in project.year_figures.all()}
        end_year = figures.get(project.end.year)
        result.append(Ending(project, end_year.personnel_costs if end_year else None))
    return result


def past_end(today: datetime.date) -> list[Project]:
    """Projects whose end date has passed but whose status still says they are open."""
    return list(
        Project.objects.filter(status__in=Project.OPEN, end__lt=today).order_by("end", "name")
    )


def filtered(
    status: str = "", unit: str = "", funder: str = "", *, with_figures: bool = True
) -> QuerySet:
    """The projects matching the filter; `with_figures=False` leaves out the year figures and
    decisions, which the list page does not show (the download does)."""
    projects = Project.objects.all()
    if status:
        projects = projects.filter(status=status)
    if unit:
        projects = projects.filter(Q(owning_unit__code=unit) | Q(thematic_unit__code=unit))
    if funder:
        projects = projects.filter(
            Q(funders__code=funder) | Q(financing__funder__code=funder)
        ).distinct()
    if not with_figures:
        return projects.select_related("owning_unit", "thematic_unit").prefetch_related("funders")
    return _with_figures(projects)


def money_by_source_and_year() -> tuple[list[int], list[tuple[str, dict[int, Decimal]]]]:
    """Financing summed per source (a funder's name, or own funds/DRUM/members) and year."""
    table: dict[str, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    years: set[int] = set()
    for item in Financing.objects.select_related("funder"):
        label = item.funder.name if item.funder else item.get_kind_display()
        table[label][item.year] += item.amount
        years.add(item.year)
    rows = [(label, dict(by_year)) for label, by_year in sorted(table.items())]
    return sorted(years), rows


@dataclass(frozen=True)
class Financed:
    """What one funder finances in one project: the years and the sum of the Financing rows;
    amount None when the funder is only named on the project, with no amounts registered."""

    project: Project
    years: tuple[int, ...]
    amount: Decimal | None


def funders_with_projects() -> list[tuple[Funder, list[Financed]]]:
    """Every funder with what it finances, from the Financing rows (and projects naming it)."""
    rows: dict[int, dict[int, list]] = defaultdict(dict)
    for item in Financing.objects.filter(funder__isnull=False).select_related("project"):
        project, years, amount = rows[item.funder_id].get(
            item.project_id, (item.project, set(), Decimal(0))
        )
        rows[item.funder_id][item.project_id] = (project, years | {item.year}, amount + item.amount)
    result = []
    for funder in Funder.objects.prefetch_related("projects"):
        financed = [
            Financed(project, tuple(sorted(years)), amount)
            for project, years, amount in rows[funder.pk].values()
        ]
        financed += [
            Financed(project, (), None)
            for project in funder.projects.all()
            if project.pk not in rows[funder.pk]
        ]
        financed.sort(key=lambda f: (f.project.sort_order, f.project.name))
        result.append((funder, financed))
    return result
