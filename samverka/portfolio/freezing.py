"""An adopted year's project money stays as adopted, whatever happens to the project later.

A year without a stated amount gets its share of the project's total, spread by days
(`Project.budget_by_year`). That share would move whenever the total, the period or another
year's amount changes – also for a year whose budget is adopted. So adoption freezes it: the
share is written as the year's amount (`ProjectYear`, which the adopted period then locks), and
later changes spread only over the open years. A change that cannot leave the adopted years as
they are is refused.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samverka.audit.models import AuditedModel
from samverka.orgs.models import PlanningPeriod
from samverka.portfolio.models import Project, ProjectYear, YearBudget


def locked_years(project: Project) -> list[int]:
    """The project's years whose planning period is adopted (read-only)."""
    years = project.years()
    periods = PlanningPeriod.objects.filter(federation_id=project.federation_id, year__in=years)
    return sorted(p.year for p in periods if p.is_locked)


def freeze_year(project: Project, year: int) -> ProjectYear | None:
    """Write the year's spread share as its amount; None when it has a stated amount already
    (or none can be computed)."""
    item = project.budget_for(year)
    if item.basis != YearBudget.SPREAD:
        return None
    figures = ProjectYear.objects.filter(project=project, year=year).first()
    figures = figures or ProjectYear(project=project, year=year)
    figures.budget = item.amount
    if not figures.source:
        figures.source = _("Andel av totalbudgeten, låst när %(year)s antogs %(day)s") % {
            "year": year,
            "day": timezone.localdate().isoformat(),
        }
    # The adoption itself freezes the year, so the period's lock (PeriodContent) is bypassed
    # here and only here.
    AuditedModel.save(figures)
    return figures


def freeze_locked_years(project: Project) -> None:
    """Freeze every adopted year of the project that still follows the total (years adopted
    before freezing existed), so that the change about to be made cannot move them."""
    for year in locked_years(project):
        freeze_year(project, year)


def on_period_adopted(sender, period: PlanningPeriod, **kwargs) -> None:
    for project in Project.objects.filter(
        federation_id=period.federation_id, start__year__lte=period.year, end__year__gte=period.year
    ):
        freeze_year(project, period.year)


def refusal(stored: Project, changed: Project) -> str | None:
    """Why the change of total or period cannot be made without altering an adopted year, or
    None when it can (it then spreads over the open years only)."""
    locked = locked_years(stored)
    if not locked:
        return None
    stated = {y.year: y.budget for y in stored.year_figures.all() if y.budget is not None}
    dropped = [y for y in locked if y in stated and not changed.runs_in(y)]
    if dropped:
        return _(
            "Perioden kan inte ändras så att projektet inte längre pågår %(years)s: året är "
            "antaget med ett belopp. Öppna en revidering av året först."
        ) % {"years": ", ".join(map(str, dropped))}
    if changed.total_budget == stored.total_budget or changed.total_budget is None:
        return None
    open_unstated = [y for y in changed.years() if y not in stated and y not in locked]
    if not open_unstated and changed.total_budget != sum(stated.values()):
        return ngettext(
            "Totalbudgeten kan inte ändras: %(years)s är antaget och inget öppet år saknar "
            "belopp att fördela ändringen på. Ändra årsbeloppen för de öppna åren i stället.",
            "Totalbudgeten kan inte ändras: %(years)s är antagna och inget öppet år saknar "
            "belopp att fördela ändringen på. Ändra årsbeloppen för de öppna åren i stället.",
            len(locked),
        ) % {"years": ", ".join(map(str, locked))}
    return None


def spread_note(project: Project) -> str | None:
    """After a change: which years took it and which adopted years stayed as they were."""
    locked = locked_years(project)
    if not locked:
        return None
    open_years = [b.year for b in project.budget_by_year() if b.basis == YearBudget.SPREAD]
    return _(
        "Totalbudgeten fördelas bara över öppna år (%(open)s); %(locked)s är antaget och "
        "oförändrat."
    ) % {
        "open": ", ".join(map(str, open_years)) or _("inga"),
        "locked": ", ".join(map(str, locked)),
    }
