"""The plan's data sets as `lib.tabular.Table`: what the plan page shows, the documents print and
the exports and open data serve. Built once here, below the views.

- `activities_table(period)`: the period's priority areas with their activities (responsible
  unit and person, dates, current status) and, for each activity, its answer in the latest
  closed follow-up round that has one (round, status, judgement, date, comment). An area
  without activities is a row of its own, so that no area is lost.
"""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from samverka.lib.tabular import Column, Kind, Table
from samverka.orgs.models import PlanningPeriod
from samverka.plan.models import Activity, ActivityReport, FollowUpRound, PriorityArea


def latest_closed_reports(period: PlanningPeriod) -> dict[int, ActivityReport]:
    """{activity id: its answer in the latest closed round of the period that has one}."""
    reports = (
        ActivityReport.objects.filter(
            round__period=period, round__status=FollowUpRound.Status.CLOSED
        )
        .select_related("round")
        .order_by("round__deadline", "round__closed_at", "round_id")
    )
    return {report.activity_id: report for report in reports}


def activities_table(period: PlanningPeriod) -> Table:
    areas = PriorityArea.objects.filter(period=period).prefetch_related(
        Prefetch("activities", Activity.objects.select_related("unit", "owner"))
    )
    table = Table(
        f"prioriterade-omraden-{period.year}",
        _("Prioriterade områden och aktiviteter %(year)s") % {"year": period.year},
        [
            Column("omrade", _("Prioriterat område")),
            Column("aktivitet_kod", _("Aktivitetens kod")),
            Column("aktivitet", _("Aktivitet")),
            Column("ansvarig_enhet", _("Ansvarig enhet")),
            Column("ansvarig", _("Ansvarig")),
            Column("start", _("Start"), Kind.DATE),
            Column("slut", _("Slut"), Kind.DATE),
            Column("status", _("Status")),
            Column("uppfoljning", _("Senaste stängda uppföljning")),
            Column("uppfoljd_status", _("Status i uppföljningen")),
            Column("bedomning", _("Bedömning")),
            Column("status_per", _("Status per"), Kind.DATE),
            Column("kommentar", _("Kommentar")),
        ],
        source=_("Budget och verksamhetsplan %(year)s; uppföljningsomgångarna")
        % {"year": period.year},
    )
    reports = latest_closed_reports(period)
    for area in areas:
        activities = list(area.activities.all())
        if not activities:
            table.add(area.title, *[None] * (len(table.columns) - 1))
        for activity in activities:
            report = reports.get(activity.pk)
            table.add(
                area.title,
                activity.code,
                activity.title,
                activity.unit.name if activity.unit else None,
                activity.responsible_label or None,
                activity.start,
                activity.end,
                activity.get_status_display(),
                report.round.title if report else None,
                report.get_status_display() if report else None,
                report.get_judgement_display() if report else None,
                report.status_date if report else None,
                report.comment if report else None,
            )
    return table
