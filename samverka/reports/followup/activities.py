"""The chapter "Prioriterade områden och aktiviteter": every activity's status and judgement from
the latest closed follow-up round whose reporting deadline is on or before the report's date.

Only a closed round counts: its answers are frozen, so the report says what the owners
reported and nothing that is still being edited. An open round's answers (which also update
`Activity.status` as they are given) are left out, and the report names the open round.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from samverka.lib.tabular import Column, Kind, Table
from samverka.plan.models import Activity, ActivityReport, FollowUpRound, PriorityArea
from samverka.reports.document import Callout, Heading, Paragraph, TableBlock
from samverka.reports.followup.common import Scope

Judgement = ActivityReport.Judgement


@dataclass
class ActivityStatus:
    activity: Activity
    report: ActivityReport | None

    @property
    def judgement(self) -> str:
        return self.report.judgement if self.report else ""


@dataclass
class AreaStatus:
    area: PriorityArea
    activities: list[ActivityStatus] = field(default_factory=list)

    def counts(self) -> Counter:
        return Counter(a.judgement for a in self.activities)


@dataclass
class Activities:
    round: FollowUpRound | None  # the closed round the statuses come from
    open_rounds: list[FollowUpRound]
    areas: list[AreaStatus]

    @property
    def all(self) -> list[ActivityStatus]:
        return [a for area in self.areas for a in area.activities]

    def counts(self) -> Counter:
        return Counter(a.judgement for a in self.all)

    def with_judgement(self, *judgements: str) -> list[ActivityStatus]:
        return [a for a in self.all if a.judgement in judgements]

    def of_unit(self, unit) -> list[ActivityStatus]:
        return [a for a in self.all if unit is not None and a.activity.unit_id == unit.pk]


def closed_round(scope: Scope) -> FollowUpRound | None:
    return (
        FollowUpRound.objects.filter(
            period=scope.period, status=FollowUpRound.Status.CLOSED, deadline__lte=scope.on
        )
        .order_by("-deadline", "-closed_at", "-id")
        .first()
    )


def gather(scope: Scope) -> Activities:
    round_ = closed_round(scope)
    reports = {}
    if round_ is not None:
        reports = {
            r.activity_id: r
            for r in ActivityReport.objects.filter(round=round_).select_related("activity")
        }
    open_rounds = list(
        FollowUpRound.objects.filter(period=scope.period, status=FollowUpRound.Status.OPEN)
    )
    areas = []
    for area in PriorityArea.objects.filter(period=scope.period).prefetch_related(
        "activities__unit", "activities__owner"
    ):
        areas.append(
            AreaStatus(area, [ActivityStatus(a, reports.get(a.pk)) for a in area.activities.all()])
        )
    return Activities(round_, open_rounds, areas)


def count_text(activities: Activities) -> str:
    """ "12 enligt plan, 3 med risk för avvikelse, 1 avviker från plan, 8 utan rapport"."""
    c = activities.counts()
    parts = [
        (Judgement.ON_TRACK, _("%(n)s enligt plan")),
        (Judgement.AT_RISK, _("%(n)s med risk för avvikelse")),
        (Judgement.OFF_TRACK, _("%(n)s avviker från plan")),
        ("", _("%(n)s utan rapport")),
    ]
    return ", ".join(text % {"n": c[key]} for key, text in parts if c[key])


def round_text(round_: FollowUpRound) -> str:
    """ "”Uppföljning augusti 2026” (sista dag för rapportering 2026-08-25, stängd 2026-09-02)"."""
    if round_.closed_at:
        template = _("”%(round)s” (sista dag för rapportering %(deadline)s, stängd %(closed)s)")
    else:
        template = _("”%(round)s” (sista dag för rapportering %(deadline)s)")
    return template % {
        "round": round_.title,
        "deadline": round_.deadline.isoformat(),
        "closed": round_.closed_at.date().isoformat() if round_.closed_at else "",
    }


def responsible(activity: Activity) -> str:
    parts = [activity.responsible_label, activity.unit.name if activity.unit else ""]
    return ", ".join(p for p in parts if p)


def activity_table(
    key: str, title: str, items: list[ActivityStatus], *, with_status: bool = True
) -> Table:
    """The activities with the closed round's answers; without a round, only who is
    responsible (a column of "ingen rapport" would say nothing)."""
    columns = [Column("aktivitet", _("Aktivitet")), Column("ansvarig", _("Ansvarig"))]
    if with_status:
        columns += [
            Column("status", _("Status")),
            Column("bedomning", _("Bedömning")),
            Column("kommentar", _("Kommentar")),
        ]
    table = Table(key, title, columns)
    for item in items:
        values = [item.activity.title, responsible(item.activity)]
        report = item.report
        if with_status:
            values += [
                report.get_status_display() if report else "",
                report.get_judgement_display() if report else _("ingen rapport"),
                report.comment.strip() if report else "",
            ]
        table.add(*values)
    return table


def _overview_table(scope: Scope, activities: Activities) -> Table:
    table = Table(
        f"aktiviteter-{scope.on.isoformat()}",
        _("Aktiviteternas bedömning per prioriterat område"),
        [
            Column("omrade", _("Prioriterat område")),
            Column("aktiviteter", _("Aktiviteter"), Kind.INTEGER),
            Column("enligt_plan", _("Enligt plan"), Kind.INTEGER),
            Column("risk", _("Risk för avvikelse"), Kind.INTEGER),
            Column("avviker", _("Avviker från plan"), Kind.INTEGER),
            Column("ingen_rapport", _("Ingen rapport"), Kind.INTEGER),
        ],
        source=_("Uppföljningsomgången %(round)s.") % {"round": round_text(activities.round)}
        if activities.round
        else "",
    )
    for area in activities.areas:
        c = area.counts()
        table.add(
            area.area.title,
            len(area.activities),
            c[Judgement.ON_TRACK],
            c[Judgement.AT_RISK],
            c[Judgement.OFF_TRACK],
            c[""],
        )
    c = activities.counts()
    table.add(
        _("Summa"),
        len(activities.all),
        c[Judgement.ON_TRACK],
        c[Judgement.AT_RISK],
        c[Judgement.OFF_TRACK],
        c[""],
        emphasis=True,
    )
    return table


def blocks(scope: Scope, activities: Activities) -> list:
    out: list = [Heading(_("Prioriterade områden och aktiviteter"))]
    if not activities.areas:
        out.append(
            Paragraph(
                _("Inga prioriterade områden är registrerade för %(year)s.") % {"year": scope.year}
            )
        )
        return out
    round_ = activities.round
    if round_ is None:
        out.append(
            Callout(
                _(
                    "Ingen uppföljningsomgång med sista rapportdag senast %(date)s är stängd, så "
                    "aktiviteterna redovisas utan status."
                )
                % {"date": scope.on.isoformat()},
                "warning",
                _("Ingen stängd uppföljning"),
            )
        )
    else:
        reported = len(activities.all) - activities.counts()[""]
        out.append(
            Paragraph(
                _(
                    "Status och bedömning enligt ägarnas rapporter i uppföljningsomgången "
                    "%(round)s. %(reported)s av %(total)s aktiviteter är rapporterade."
                )
                % {
                    "round": round_text(round_),
                    "reported": reported,
                    "total": len(activities.all),
                },
                "lead",
            )
        )
    for open_round in activities.open_rounds:
        out.append(
            Paragraph(
                _("Omgången %(round)s är öppen; dess svar redovisas när den har stängts.")
                % {"round": round_text(open_round)},
                "note",
            )
        )
    if round_ is not None:
        out.append(TableBlock(_overview_table(scope, activities)))
    for area in activities.areas:
        out.append(Heading(area.area.title, 2))
        if not area.activities:
            out.append(Paragraph(_("Området har inga aktiviteter.")))
            continue
        table = activity_table(
            f"aktiviteter-{area.area.code}-{scope.on.isoformat()}",
            _("Aktiviteter: %(area)s") % {"area": area.area.title},
            area.activities,
            with_status=round_ is not None,
        )
        out.append(TableBlock(table, caption_visible=False))
    return out
