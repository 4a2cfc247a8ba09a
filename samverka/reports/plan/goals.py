"""Mål: the steering strategies, and each goal with its texts and its indicators.

Latest values, status and charts are what the goal pages show: `goals.overview.overview`
computes them for both, so the document and the page cannot disagree.
"""

from collections import Counter

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from samverka.goals.models import Goal, Indicator, Strategy
from samverka.goals.overview import IndicatorOverview, overview
from samverka.goals.status import Status
from samverka.lib.money import format_number
from samverka.lib.tabular import Column, Kind, Table
from samverka.orgs.models import Member
from samverka.reports.document import Block, BulletList, Chart, Heading, Paragraph, TableBlock
from samverka.reports.models import PlanText
from samverka.reports.plan.common import Plan, capfirst, count_word


def chapter(plan: Plan) -> list[Block]:
    federation = plan.federation
    result: list[Block] = [Heading(pgettext("section", "Mål"), 1, "mal")]
    result += plan.text(PlanText.Section.GOALS)
    strategies = Strategy.objects.filter(federation=federation)
    if strategies:
        result.append(
            BulletList(tuple(f"{capfirst(s.get_kind_display())}: {s.name}" for s in strategies))
        )
    goals = list(Goal.objects.filter(federation=federation).prefetch_related("indicators"))
    if not goals:
        return result
    decided = (
        _("Direktionen har utöver dessa beslutat om %(count)s övergripande mål för verksamheten.")
        if strategies
        else _("Direktionen har beslutat om %(count)s övergripande mål för verksamheten.")
    )
    result.append(Paragraph(decided % {"count": count_word(len(goals))}))
    members = list(Member.objects.filter(federation=federation))
    views = {goal.pk: [overview(i, members) for i in goal.indicators.all()] for goal in goals}
    result.append(TableBlock(summary_table(plan, goals, views)))
    for goal in goals:
        result += goal_section(goal, views[goal.pk], plan.year)
    return result


STATUS_COLUMNS = (Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK, Status.UNKNOWN)


def summary_table(plan: Plan, goals: list[Goal], views) -> Table:
    table = Table(
        f"mal-i-sammandrag-{plan.year}",
        _("Målen i sammandrag: indikatorernas status"),
        [
            Column("mal", _("Mål")),
            Column("indikatorer", _("Indikatorer"), Kind.INTEGER),
            *(Column(s.value, s.label, Kind.INTEGER) for s in STATUS_COLUMNS),
        ],
    )
    for goal in goals:
        counts = Counter(view.assessment.status for view in views[goal.pk])
        table.add(str(goal), len(views[goal.pk]), *(counts[s] for s in STATUS_COLUMNS))
    table.notes.append(
        _(
            "Status jämför det senaste utfallet för hela området med målvärdet för året, eller "
            "med basåret där inget målvärde är angivet."
        )
    )
    return table


def goal_section(goal: Goal, views: list[IndicatorOverview], year: int) -> list[Block]:
    result: list[Block] = [Heading(str(goal), 2, goal.code)]
    if goal.statement:
        result.append(Paragraph(goal.statement, "lead"))
    if why := goal.why_points():
        result += [Heading(_("Varför är detta område viktigt?"), 3), BulletList(tuple(why))]
    if effects := goal.effect_points():
        result += [Heading(_("Konkreta effekter som ska uppnås"), 3), BulletList(tuple(effects))]
    if not views:
        return result
    result += [Heading(_("Indikatorer"), 3), TableBlock(indicator_table(goal, views, year))]
    for view in views:
        if view.years:
            result += indicator_chart(view)
    return result


def _value(indicator: Indicator, value) -> str:
    if value is None:
        return ""
    return f"{format_number(value, indicator.decimals)} {indicator.unit}".strip()


def indicator_table(goal: Goal, views: list[IndicatorOverview], year: int) -> Table:
    """Each indicator's latest value for the whole area, its status, and its target for the
    plan's year."""
    region = goal.federation.region_name
    table = Table(
        f"indikatorer-{goal.code}",
        _("Indikatorer för %(goal)s") % {"goal": goal},
        [
            Column("indikator", _("Indikator")),
            # Each indicator has its own unit and decimals: the text says which, as on the page.
            Column("senaste_utfall", _("Senaste utfall för %(region)s") % {"region": region}),
            Column("ar", _("År")),
            Column("malvarde", _("Målvärde %(year)s") % {"year": year}),
            Column("status", _("Status")),
        ],
    )
    missing = []
    for view in views:
        indicator = view.indicator
        latest = view.latest
        table.add(
            indicator.name,
            _value(indicator, latest.value) if latest else _("inget utfall ännu"),
            str(latest.year) if latest else "",
            _value(indicator, view.targets.get(year)),
            view.assessment.status.label,
        )
        if latest is None:
            missing.append(indicator)
    if missing and len(missing) == len(views):
        table.notes.append(
            _("Inget utfall är hämtat eller inläst ännu för målets indikatorer.")
            if goal.indicators.exclude(source_kind=Indicator.SourceKind.SURVEY).exists()
            else _("Inga enkätsvar är inlästa ännu för målets indikatorer.")
        )
    return table


def indicator_chart(view: IndicatorOverview) -> list[Block]:
    indicator = view.indicator
    columns = [Column("omrade", _("Område"))] + [
        Column(str(year), str(year), Kind.DECIMAL, indicator.decimals) for year in view.years
    ]
    table = Table(
        f"indikator-{indicator.code}",
        _("%(name)s (%(unit)s) per år och område")
        % {"name": indicator.name, "unit": indicator.unit},
        columns,
        source="; ".join(view.sources),
    )
    for row in view.rows:
        if row.is_region or any(v is not None for v in row.values):
            table.add(row.area, *row.values, emphasis=row.is_region)
    if view.targets:
        table.add(_("Målvärde"), *view.target_row)
    if not table.rows:
        return []
    summary = " ".join(
        [
            _("Önskad riktning: %(direction)s.") % {"direction": indicator.get_direction_display()},
            _("Status: %(status)s.") % {"status": view.assessment.status.label},
            view.assessment.explanation,
        ]
    )
    return [Chart(str(view.chart), indicator.name, summary, table)]
