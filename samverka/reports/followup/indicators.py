"""The chapter "Mål och indikatorer": each goal's indicators with the latest value for the whole
area up to the report's year, the target and the status, by the goals app's own status rule
(`goals.overview.assessment_for`).

Indicator values are yearly statistics and survey shares, so "up to the report's date" is up
to its year: a report per 2026-08-31 uses values for 2026 and earlier.
"""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from samverka.goals.models import Goal, Indicator, Measurement, TargetValue
from samverka.goals.overview import assessment_for
from samverka.goals.status import Assessment, Status
from samverka.goals.tables import shown
from samverka.lib.tabular import Column, Kind, Table
from samverka.reports.document import Callout, Heading, Paragraph, TableBlock
from samverka.reports.followup.common import Scope


@dataclass
class IndicatorStatus:
    indicator: Indicator
    year: int | None
    value: Decimal | None
    target: Decimal | None
    assessment: Assessment


@dataclass
class GoalStatus:
    goal: Goal
    indicators: list[IndicatorStatus]


def gather(scope: Scope) -> list[GoalStatus]:
    goals = Goal.objects.filter(federation=scope.federation).prefetch_related("indicators")
    measurements: dict[int, dict[int, Decimal]] = {}
    for indicator_id, year, value in Measurement.objects.filter(
        indicator__goal__federation=scope.federation, member__isnull=True, year__lte=scope.year
    ).values_list("indicator_id", "year", "value"):
        measurements.setdefault(indicator_id, {})[year] = value
    targets: dict[int, dict[int, Decimal]] = {}
    for indicator_id, year, value in TargetValue.objects.filter(
        indicator__goal__federation=scope.federation
    ).values_list("indicator_id", "year", "value"):
        targets.setdefault(indicator_id, {})[year] = value
    result = []
    for goal in goals:
        statuses = []
        for indicator in goal.indicators.all():
            region = measurements.get(indicator.pk, {})
            its_targets = targets.get(indicator.pk, {})
            assessment, year = assessment_for(indicator, region, its_targets)
            statuses.append(
                IndicatorStatus(
                    indicator,
                    year,
                    region.get(year) if year else None,
                    its_targets.get(year) if year else None,
                    assessment,
                )
            )
        result.append(GoalStatus(goal, statuses))
    return result


def counts(goals: list[GoalStatus]) -> Counter:
    return Counter(i.assessment.status for g in goals for i in g.indicators)


def count_text(goals: list[GoalStatus]) -> str:
    """ "3 i fas, 1 risk, 2 ur fas, 10 okända" (only the statuses that occur)."""
    c = counts(goals)
    parts = [
        (Status.ON_TRACK, _("%(n)s i fas")),
        (Status.AT_RISK, _("%(n)s med risk")),
        (Status.OFF_TRACK, _("%(n)s ur fas")),
        (Status.UNKNOWN, _("%(n)s utan bedömning")),
    ]
    return ", ".join(text % {"n": c[status]} for status, text in parts if c[status])


def _table(scope: Scope, goal_status: GoalStatus) -> Table:
    goal = goal_status.goal
    table = Table(
        f"indikatorer-mal-{goal.number}-{scope.on.isoformat()}",
        _("Mål %(number)s: indikatorer") % {"number": goal.number},
        [
            Column("indikator", _("Indikator")),
            Column("ar", _("År")),  # text, so that a year never prints as "2 024"
            # Numbers in the indicator's own precision: a count beside a share in per cent.
            Column("varde", _("Värde"), Kind.DECIMAL, decimals=None),
            Column("enhet", _("Enhet")),
            Column("malvarde", _("Målvärde"), Kind.DECIMAL, decimals=None),
            Column("status", _("Status")),
        ],
        source=_("Värden för hela %(area)s till och med %(year)s.")
        % {"area": scope.federation.region_name, "year": scope.year},
    )
    for item in goal_status.indicators:
        table.add(
            item.indicator.name,
            item.year,
            shown(item.value, item.indicator),
            item.indicator.unit,
            shown(item.target, item.indicator),
            item.assessment.status.label,
        )
        if item.value is not None:  # without a value every explanation says just that
            table.notes.append(f"{item.indicator.name}: {item.assessment.explanation}")
    return table


def blocks(scope: Scope, goals: list[GoalStatus]) -> list:
    out: list = [Heading(_("Mål och indikatorer"))]
    if not goals:
        out.append(Paragraph(_("Inga mål är registrerade.")))
        return out
    out.append(
        Paragraph(
            _(
                "Varje indikators senaste värde för hela %(area)s till och med %(year)s jämförs "
                "med målvärdet för samma år, eller med basårets värde när målvärde saknas. I fas: "
                "värdet når jämförelsevärdet; risk: det ligger högst toleransen från; ur fas: "
                "längre från än så."
            )
            % {"area": scope.federation.region_name, "year": scope.year}
        )
    )
    if not any(i.value is not None for g in goals for i in g.indicators):
        out.append(
            Callout(
                _(
                    "Inga indikatorvärden för hela %(area)s finns ännu: de hämtas från Kolada och "
                    "SCB eller läses in från medlemsenkäten. Statusen är därför okänd."
                )
                % {"area": scope.federation.region_name},
                "warning",
            )
        )
    for goal_status in goals:
        goal = goal_status.goal
        out.append(
            Heading(_("Mål %(number)s: %(name)s") % {"number": goal.number, "name": goal.name}, 2)
        )
        if goal.statement:
            out.append(Paragraph(goal.statement, "quote"))
        if goal_status.indicators:
            out.append(TableBlock(_table(scope, goal_status), caption_visible=False))
        else:
            out.append(Paragraph(_("Målet har inga indikatorer.")))
    return out
