"""A synthetic federation `factor` times the seed federation, for measuring speed at scale.

`generate(factor)` loads the seed into an empty database and grows it: members, units,
populations, ten years of every indicator for every member, projects with years and financing,
activities with links and follow-up rounds with reports, budgets for five years (three earlier
years adopted through the real workflow, so their pages are frozen like any adopted year) and
the ledger's actuals per unit, month and line kind (100 000 rows per factor).

Rows are written in bulk (no per-row audit entries: like an import, the generation is one
entry in the log). Actuals go in with COPY on PostgreSQL and executemany on SQLite.
The numbers are random but seeded, so two runs with the same factor give the same data.
"""

import datetime
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.utils import timezone

from samverka.audit.context import acting_as
from samverka.audit.recording import log
from samverka.budget.models import Assumptions, BudgetLine, LineKind, StatedFigure
from samverka.decisions.models import Decision
from samverka.goals.models import Goal, Indicator, Measurement
from samverka.ledger import sums
from samverka.ledger.models import Actual, ImportBatch
from samverka.orgs import periods
from samverka.orgs.models import Federation, GoverningBody, Member, PlanningPeriod, Population, Unit
from samverka.plan.models import (
    Activity,
    ActivityLink,
    ActivityReport,
    ActivityStatus,
    FollowUpRound,
    PriorityArea,
)
from samverka.portfolio.models import Financing, Funder, Project, ProjectYear

CURRENT_YEAR = 2026
BUDGET_YEARS = range(CURRENT_YEAR - 4, CURRENT_YEAR + 1)  # 2022–2026
ADOPT_YEARS = range(CURRENT_YEAR - 4, CURRENT_YEAR - 1)  # 2022–2024; the seed adopts 2025
MEASURED_YEARS = range(CURRENT_YEAR - 10, CURRENT_YEAR)  # 2016–2025
ACTUAL_KINDS = [
    (LineKind.MEMBER_FEES, "3010"),
    (LineKind.PROJECT_FUNDS, "3020"),
    (LineKind.STATE_GRANTS, "3030"),
    (LineKind.OTHER_REVENUE, "3900"),
    (LineKind.PERSONNEL, "5010"),
    (LineKind.OTHER_COSTS, "6000"),
    (LineKind.OVERHEAD_COSTS, "7900"),
]
BATCH = 5000


class NotEmptyError(Exception):
    """The database holds a federation already: there is one per installation."""


@dataclass
class Counts:
    members: int
    units: int
    projects: int
    activities: int
    actuals: int

    @classmethod
    def of(cls, factor: int) -> "Counts":
        return cls(
            members=15 * factor,
            units=6 * factor,
            projects=30 * factor,
            activities=200 * factor,
            actuals=100_000 * factor,
        )


def generate(
    factor: int = 10,
    *,
    short_plan: bool = True,
    say: Callable[[str], None] = lambda text: None,
) -> dict[str, int]:
    """Fill an empty database with a federation `factor` times the seed one; returns row counts."""
    if Federation.objects.exists():
        raise NotEmptyError("The database holds a federation already; generate into an empty one.")
    from samverka.core.seeding import load_skaraborg

    counts = Counts.of(factor)
    rng = random.Random(factor)  # noqa: S311 – synthetic data, not security
    load_skaraborg()
    say("Seed loaded")
    federation = Federation.objects.get()
    with acting_as(None), transaction.atomic():
        members = _members(federation, counts.members, rng)
        say(f"{len(members)} members with populations")
        units = _units(federation, counts.units)
        say(f"{len(units)} units")
        _measurements(members, rng)
        say(f"{Measurement.objects.count()} measurements")
        _projects(federation, units, counts.projects, rng)
        say(f"{Project.objects.count()} projects")
        _budgets(federation, units, rng)
        say(f"{BudgetLine.objects.count()} budget lines")
        _activities(federation, units, counts.activities, rng)
        say(f"{Activity.objects.count()} activities")
    with acting_as(None):
        _adopt_earlier_years(federation, short_plan)
    say(f"adopted {', '.join(str(y) for y in ADOPT_YEARS)}")
    with acting_as(None), transaction.atomic():
        written = _actuals(federation, counts.actuals, rng)
        log(federation, "core.scale.generated", {"factor": factor, "actuals": written})
    say(f"{written} actuals")
    return {
        "members": Member.objects.count(),
        "units": Unit.objects.count(),
        "projects": Project.objects.count(),
        "activities": Activity.objects.count(),
        "measurements": Measurement.objects.count(),
        "budget_lines": BudgetLine.objects.count(),
        "actuals": written,
    }


def _bulk(model: type[models.Model], objects: Iterable[models.Model]) -> list:
    return model.objects.bulk_create(list(objects), batch_size=BATCH)


def _members(federation: Federation, wanted: int, rng: random.Random) -> list[Member]:
    existing = list(Member.objects.all())
    new = [
        Member(
            federation=federation, name=f"Syntetisk kommun {n:03d}", municipality_code=f"{9000 + n}"
        )
        for n in range(1, wanted - len(existing) + 1)
    ]
    _bulk(Member, new)
    members = list(Member.objects.order_by("name"))
    known = set(Population.objects.values_list("member_id", "reference_date"))
    populations = []
    for member in members:
        size = rng.randint(5_000, 60_000)
        for year in range(CURRENT_YEAR - 6, CURRENT_YEAR):
            day = datetime.date(year, 12, 31)
            if (member.pk, day) not in known:
                size = int(size * rng.uniform(0.99, 1.015))
                populations.append(
                    Population(member=member, reference_date=day, inhabitants=size, source="syntet")
                )
    _bulk(Population, populations)
    return members


def _units(federation: Federation, wanted: int) -> list[Unit]:
    existing = Unit.objects.count()
    start = Unit.objects.aggregate(m=models.Max("sort_order"))["m"] or 0
    _bulk(
        Unit,
        (
            Unit(
                federation=federation,
                code=f"enhet-{n:03d}",
                name=f"Utvecklingsenhet {n:03d}",
                kind=Unit.Kind.DEVELOPMENT_AREA,
                sort_order=start + n,
            )
            for n in range(1, wanted - existing + 1)
        ),
    )
    return list(Unit.objects.order_by("sort_order", "code"))


def _measurements(members: list[Member], rng: random.Random) -> None:
    now = timezone.now()
    known = set(Measurement.objects.values_list("indicator_id", "year", "member_id"))
    rows = []
    for indicator in Indicator.objects.all():
        origin = (
            Measurement.Origin.SURVEY
            if indicator.source_kind == Indicator.SourceKind.SURVEY
            else Measurement.Origin.KOLADA
        )
        for member in [None, *members]:
            level = rng.uniform(20, 80)
            for year in MEASURED_YEARS:
                if (indicator.pk, year, member.pk if member else None) in known:
                    continue
                level *= rng.uniform(0.97, 1.04)
                rows.append(
                    Measurement(
                        indicator=indicator,
                        year=year,
                        member=member,
                        value=Decimal(f"{level:.2f}"),
                        origin=Measurement.Origin.COMPUTED if member is None else origin,
                        source="syntet",
                        fetched_at=now,
                    )
                )
    _bulk(Measurement, rows)


def _projects(federation: Federation, units: list[Unit], wanted: int, rng: random.Random) -> None:
    funders = list(Funder.objects.all())
    statuses = [
        Project.Status.RUNNING,
        Project.Status.RUNNING,
        Project.Status.GRANTED,
        Project.Status.APPLICATION,
        Project.Status.CLOSED,
        Project.Status.IDEA,
    ]
    existing = Project.objects.count()
    projects = []
    for n in range(1, wanted - existing + 1):
        start = datetime.date(rng.randint(2020, 2027), rng.choice([1, 3, 7, 9]), 1)
        end = start + datetime.timedelta(days=rng.randint(300, 1400))
        projects.append(
            Project(
                federation=federation,
                code=f"projekt-{n:04d}",
                name=f"Syntetiskt projekt {n:04d}",
                status=rng.choice(statuses),
                start=start,
                end=end,
                owning_unit=rng.choice(units),
                thematic_unit=rng.choice(units),
                total_budget=Decimal(rng.randint(5, 200) * 100_000),
                sort_order=n,
            )
        )
    _bulk(Project, projects)
    years, financing, through = [], [], []
    link = Project.funders.through
    for project in Project.objects.filter(code__startswith="projekt-"):
        funder = rng.choice(funders) if funders else None
        if funder:
            through.append(link(project_id=project.pk, funder_id=funder.pk))
        share = project.total_budget / (project.end.year - project.start.year + 1)
        for year in range(project.start.year, project.end.year + 1):
            years.append(
                ProjectYear(
                    project=project,
                    year=year,
                    budget=share.quantize(Decimal(1)),
                    personnel_costs=(share * Decimal("0.6")).quantize(Decimal(1)),
                    overhead=(share * Decimal("0.1")).quantize(Decimal(1)),
                )
            )
            own = (share * Decimal("0.2")).quantize(Decimal(1))
            financing.append(
                Financing(project=project, year=year, kind=Financing.Kind.OWN, amount=own)
            )
            if funder:
                financing.append(
                    Financing(
                        project=project,
                        year=year,
                        kind=Financing.Kind.EXTERNAL,
                        funder=funder,
                        amount=share.quantize(Decimal(1)) - own,
                    )
                )
    _bulk(ProjectYear, years)
    _bulk(Financing, financing)
    _bulk(link, through)


def _clone(obj: models.Model, **changes) -> models.Model:
    copy = type(obj)(
        **{
            f.attname: getattr(obj, f.attname)
            for f in obj._meta.concrete_fields
            if not f.primary_key
        }
    )
    for name, value in changes.items():
        setattr(copy, name, value)
    copy.version = 1
    return copy


def _budgets(federation: Federation, units: list[Unit], rng: random.Random) -> None:
    """Each new unit gets lines shaped like a seeded development area's; the earlier years are
    copies of 2025 with amounts a few per cent lower each year back."""
    adopted = PlanningPeriod.objects.get(year=CURRENT_YEAR - 1)
    current = PlanningPeriod.objects.get(year=CURRENT_YEAR)
    template = Unit.objects.get(code="regional-utveckling")
    new_units = [u for u in units if u.code.startswith("enhet-")]
    for period in (adopted, current):
        lines = list(BudgetLine.objects.filter(period=period, unit=template))
        _bulk(
            BudgetLine,
            (
                _clone(
                    line,
                    unit_id=unit.pk,
                    amount=(line.amount * Decimal(rng.uniform(0.5, 1.5))).quantize(Decimal(1000)),
                    salaries=None,
                    source="syntet",
                )
                for unit in new_units
                for line in lines
            ),
        )
    for year in ADOPT_YEARS:
        period = PlanningPeriod.objects.create(federation=federation, year=year)
        scale = Decimal("0.97") ** (CURRENT_YEAR - 1 - year)
        _bulk(
            BudgetLine,
            (
                _clone(line, period_id=period.pk, amount=(line.amount * scale).quantize(Decimal(1)))
                for line in BudgetLine.objects.filter(period=adopted)
            ),
        )
        _bulk(
            StatedFigure,
            (_clone(f, period_id=period.pk) for f in StatedFigure.objects.filter(period=adopted)),
        )
        _bulk(
            Assumptions,
            (_clone(a, period_id=period.pk) for a in Assumptions.objects.filter(period=adopted)),
        )


def _activities(federation: Federation, units: list[Unit], wanted: int, rng: random.Random) -> None:
    period = PlanningPeriod.objects.get(year=CURRENT_YEAR)
    areas = list(PriorityArea.objects.filter(period=period))
    existing = Activity.objects.count()
    statuses = [s for s, _label in ActivityStatus.choices]
    _bulk(
        Activity,
        (
            Activity(
                priority_area=areas[n % len(areas)],
                code=f"aktivitet-{n:05d}",
                title=f"Syntetisk aktivitet {n:05d}",
                unit=rng.choice(units),
                owner_name=f"Handläggare {n % 97}",
                start=datetime.date(CURRENT_YEAR, rng.randint(1, 6), 1),
                end=datetime.date(CURRENT_YEAR, rng.randint(7, 12), 28),
                status=rng.choice(statuses),
                sort_order=n,
            )
            for n in range(1, wanted - existing + 1)
        ),
    )
    activities = list(Activity.objects.filter(code__startswith="aktivitet-"))
    goal_type = ContentType.objects.get_for_model(Goal)
    indicator_type = ContentType.objects.get_for_model(Indicator)
    project_type = ContentType.objects.get_for_model(Project)
    goals = list(Goal.objects.values_list("pk", flat=True))
    indicators = list(Indicator.objects.values_list("pk", flat=True))
    projects = list(Project.objects.values_list("pk", flat=True))
    links = []
    for activity in activities:
        links.append(
            ActivityLink(activity=activity, content_type=goal_type, object_id=rng.choice(goals))
        )
        links.append(
            ActivityLink(
                activity=activity, content_type=indicator_type, object_id=rng.choice(indicators)
            )
        )
        if rng.random() < 0.3:
            links.append(
                ActivityLink(
                    activity=activity, content_type=project_type, object_id=rng.choice(projects)
                )
            )
    _bulk(ActivityLink, links)
    first = FollowUpRound.objects.create(
        period=period,
        code=f"syntet-{CURRENT_YEAR}-1",
        title=f"Delår {CURRENT_YEAR}",
        deadline=datetime.date(CURRENT_YEAR, 8, 31),
        status=FollowUpRound.Status.CLOSED,
        closed_at=timezone.now(),
    )
    second = FollowUpRound.objects.create(
        period=period,
        code=f"syntet-{CURRENT_YEAR}-2",
        title=f"Helår {CURRENT_YEAR}",
        deadline=datetime.date(CURRENT_YEAR + 1, 1, 31),
        previous=first,
    )
    judgements = [j for j, _label in ActivityReport.Judgement.choices]
    reports = []
    for round_, share in ((first, 1.0), (second, 0.4)):
        for activity in activities:
            if rng.random() < share:
                reports.append(
                    ActivityReport(
                        round=round_,
                        activity=activity,
                        status_date=round_.deadline,
                        status=activity.status,
                        judgement=rng.choice(judgements),
                        comment="Syntetisk rapport.",
                    )
                )
    _bulk(ActivityReport, reports)


def _adopt_earlier_years(federation: Federation, short_plan: bool) -> None:
    """Adopt 2022–2024 as the board would: decision, budget snapshot, open data, stored plan."""
    from samverka.reports import builders
    from samverka.reports.document import Document, Paragraph

    board = GoverningBody.objects.filter(is_decision_making=True).order_by("sort_order").first()
    real_plan = builders.plan
    if short_plan:

        def plan(period: PlanningPeriod) -> Document:
            return Document(
                key=f"budget-och-verksamhetsplan-{period.year}",
                title=f"Budget och verksamhetsplan {period.year}",
                organisation=period.federation.name,
                blocks=[Paragraph("Syntetisk plan för mätning av prestanda.")],
            )

        builders.plan = plan
    try:
        for year in ADOPT_YEARS:
            period = PlanningPeriod.objects.get(year=year)
            decision = Decision.objects.create(
                federation=federation,
                body=board,
                code=f"syntet-antagande-{year}",
                date=datetime.date(year - 1, 11, 20),
                title=f"Budget och verksamhetsplan {year}",
            )
            periods.adopt(period, decision, errors_acknowledged=True)
    finally:
        builders.plan = real_plan


def _actuals(federation: Federation, wanted: int, rng: random.Random) -> int:
    unit_ids = list(Unit.objects.values_list("pk", flat=True))
    cells = []  # (period, through month)
    for year in BUDGET_YEARS:
        period = PlanningPeriod.objects.get(year=year)
        through = 11 if year == CURRENT_YEAR else 12
        batch = ImportBatch(
            period=period,
            file_name=f"syntet-{year}.se",
            sha256=f"{year:064d}",
            through_month=through,
            counts={},
        )
        batch.save()
        cells.append((period.pk, batch.pk, through))
    months = sum(through for _p, _b, through in cells)
    per_cell = max(1, wanted // (months * len(unit_ids)))
    columns = (
        "batch_id, period_id, unit_id, line_kind, account, dimension, object_code, month, "
        "amount, version"
    )
    table = Actual._meta.db_table
    written = 0

    def rows():
        for period_id, batch_id, through in cells:
            for unit_id in unit_ids:
                for month in range(1, through + 1):
                    for i in range(per_cell):
                        kind, account = ACTUAL_KINDS[i % len(ACTUAL_KINDS)]
                        sign = -1 if account[0] in "4567" else 1
                        amount = Decimal(rng.randint(100, 90_000)) * sign
                        yield (
                            batch_id,
                            period_id,
                            unit_id,
                            kind,
                            str(int(account) + i // len(ACTUAL_KINDS)),
                            "1",
                            str(unit_id),
                            month,
                            amount,
                            1,
                        )

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:  # noqa: S608
                for row in rows():
                    copy.write_row(row)
                    written += 1
        else:
            sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * 10)})"  # noqa: S608
            chunk = []
            for row in rows():
                chunk.append(row)
                if len(chunk) == 50_000:
                    cursor.executemany(sql, chunk)
                    written += len(chunk)
                    chunk = []
            cursor.executemany(sql, chunk)
            written += len(chunk)
    # As the import stores them: each batch's sums per unit, line kind and month.
    for batch in ImportBatch.objects.filter(pk__in=[b for _p, b, _t in cells]):
        sums.summarise(batch)
    return written
