"""Follow-up rounds: open a round, collect every owner's report, close it, start the next.

A round starts from the previous one: an owner's form is prefilled with their answer in the
latest closed round of the same period. Closing a round freezes its answers.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.audit.recording import log
from samverka.orgs.models import PlanningPeriod
from samverka.plan.models import Activity, ActivityReport, FollowUpRound, RoundClosedError


def activities_of(round_: FollowUpRound):
    return Activity.objects.filter(priority_area__period=round_.period).select_related(
        "priority_area", "owner", "unit"
    )


@transaction.atomic
def open_round(
    period: PlanningPeriod, *, code: str, title: str, deadline: datetime.date
) -> FollowUpRound:
    """Open a round; it continues from the latest closed round of the period, if any."""
    previous = (
        FollowUpRound.objects.filter(period=period, status=FollowUpRound.Status.CLOSED)
        .order_by("-closed_at", "-id")
        .first()
    )
    round_ = FollowUpRound.objects.create(
        period=period, code=code, title=title, deadline=deadline, previous=previous
    )
    log(round_, "plan.round.opened", {"previous": str(previous) if previous else None})
    return round_


def previous_report(round_: FollowUpRound, activity: Activity) -> ActivityReport | None:
    if round_.previous_id is None:
        return None
    return ActivityReport.objects.filter(round_id=round_.previous_id, activity=activity).first()


def initial_report(round_: FollowUpRound, activity: Activity) -> dict:
    """What the report form starts from: this round's answer, else the previous round's."""
    current = ActivityReport.objects.filter(round=round_, activity=activity).first()
    source = current or previous_report(round_, activity)
    if source is None:
        return {"status": activity.status, "status_date": timezone.localdate()}
    return {
        "status": source.status,
        "judgement": source.judgement,
        "comment": source.comment,
        "status_date": source.status_date if current else timezone.localdate(),
    }


@transaction.atomic
def submit_report(
    round_: FollowUpRound,
    activity: Activity,
    user,
    *,
    status,
    judgement,
    comment,
    status_date,
    seen_version: int | None = None,
) -> ActivityReport:
    """Record (or replace) the activity's answer in an open round and update its status.

    With `seen_version` (0: the owner saw no answer yet) the save is refused with
    ConcurrentEditError when someone else answered or changed the answer meanwhile.
    """
    round_ = FollowUpRound.objects.select_for_update().get(pk=round_.pk)
    if not round_.is_open:
        raise RoundClosedError(
            _("Omgången %(round)s är stängd; svaren kan inte ändras.") % {"round": round_}
        )
    report = ActivityReport.objects.filter(round=round_, activity=activity).first()
    if report is None:
        report = ActivityReport(round=round_, activity=activity)
    report.status = status
    report.judgement = judgement
    report.comment = comment
    report.status_date = status_date
    report.reported_by = user if user is not None and user.pk else None
    report.full_clean(validate_constraints=False)
    report.save(expected_version=seen_version)
    if activity.status != status:
        activity.status = status
        activity.save()
    return report


def missing(round_: FollowUpRound) -> list[Activity]:
    """The activities without an answer in the round."""
    answered = set(round_.reports.values_list("activity_id", flat=True))
    return [a for a in activities_of(round_) if a.pk not in answered]


def missing_by_owner(round_: FollowUpRound) -> list[tuple[str, list[Activity]]]:
    """Who has not reported: owner label ("" when no owner is set) → their activities."""
    groups: dict[str, list[Activity]] = {}
    for activity in missing(round_):
        groups.setdefault(activity.responsible_label, []).append(activity)
    return sorted(groups.items(), key=lambda item: (item[0] == "", item[0]))


@transaction.atomic
def close_round(round_: FollowUpRound) -> FollowUpRound:
    round_ = FollowUpRound.objects.select_for_update().get(pk=round_.pk)
    if not round_.is_open:
        raise RoundClosedError(_("Omgången %(round)s är redan stängd.") % {"round": round_})
    round_.status = FollowUpRound.Status.CLOSED
    round_.closed_at = timezone.now()
    round_.save()
    log(
        round_,
        "plan.round.closed",
        {"reports": round_.reports.count(), "missing": len(missing(round_))},
    )
    return round_
