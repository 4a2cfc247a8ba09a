"""Prioriterade områden {year}: each area's why and implementation plan, and its activities."""

from django.utils.translation import gettext as _

from samverka.lib.tabular import Column, Kind, Table
from samverka.plan.models import Activity, PriorityArea
from samverka.reports.document import Block, Heading, TableBlock
from samverka.reports.models import PlanText
from samverka.reports.plan.common import Plan, capfirst, without_empty_columns
from samverka.reports.texts import blocks


def chapter(plan: Plan) -> list[Block]:
    title = _("Prioriterade områden %(year)s") % {"year": plan.year}
    result: list[Block] = [Heading(title, 1, "prioriterade-omraden")]
    result += plan.text(PlanText.Section.PRIORITIES)
    areas = PriorityArea.objects.filter(period=plan.period).prefetch_related(
        "activities__unit", "activities__owner", "activities__links"
    )
    for area in areas:
        result.append(Heading(area.title, 2, f"omrade-{area.code}"))
        if area.why.strip():
            result += [Heading(_("Varför är detta område viktigt?"), 3), *blocks(area.why)]
        if area.implementation_plan.strip():
            result += [
                Heading(_("Plan för genomförande %(year)s") % {"year": plan.year}, 3),
                *blocks(area.implementation_plan),
            ]
        activities = list(area.activities.all())
        if activities:
            result.append(TableBlock(activity_table(area, activities)))
    return result


def activity_table(area: PriorityArea, activities: list[Activity]) -> Table:
    table = Table(
        f"aktiviteter-{area.period.year}-{area.code}",
        _("Aktiviteter: %(area)s") % {"area": area.title},
        [
            Column("aktivitet", _("Aktivitet")),
            Column("enhet", _("Ansvarig enhet")),
            Column("ansvarig", _("Ansvarig")),
            Column("start", _("Start"), Kind.DATE),
            Column("slut", _("Slut"), Kind.DATE),
            Column("kopplingar", _("Kopplad till")),
            Column("status", _("Status")),
        ],
    )
    for activity in activities:
        table.add(
            activity.title,
            activity.unit.name if activity.unit_id else "",
            activity.responsible_label,
            activity.start,
            activity.end,
            "; ".join(str(link) for link in activity.links.all()),
            capfirst(activity.get_status_display()),
        )
    return without_empty_columns(table, keep={"aktivitet", "status"})
