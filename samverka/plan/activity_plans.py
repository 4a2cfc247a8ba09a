"""The programme's yearly activity plan: adoption by the board, revision, comparison.

An adopted version never changes. A revision copies it into a new draft whose activities keep
the same `key`, so that two versions can be compared activity by activity, field by field.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from samverka.audit.recording import log
from samverka.decisions.models import Decision
from samverka.plan.models import ActivityPlan, PlanActivity, PlanVersionLockedError, Programme

Status = ActivityPlan.Status


def _set_status(plan: ActivityPlan, **changes) -> None:
    for name, value in changes.items():
        setattr(plan, name, value)
    plan._transition = True
    try:
        plan.save()
    finally:
        plan._transition = False


@transaction.atomic
def create_plan(programme: Programme, year: int) -> ActivityPlan:
    """Start the first (empty, draft) version of a year's plan."""
    if ActivityPlan.objects.filter(programme=programme, year=year).exists():
        raise PlanVersionLockedError(
            _("Det finns redan en aktivitetsplan för %(year)s; revidera den i stället.")
            % {"year": year}
        )
    return ActivityPlan.objects.create(programme=programme, year=year, number=1)


@transaction.atomic
def adopt(plan: ActivityPlan, decision: Decision) -> ActivityPlan:
    """The board adopts a draft version; the version adopted before it is superseded."""
    plan = ActivityPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != Status.DRAFT:
        raise PlanVersionLockedError(
            _("Version %(number)s är redan %(status)s.")
            % {"number": plan.number, "status": plan.get_status_display()}
        )
    for older in ActivityPlan.objects.filter(
        programme=plan.programme, year=plan.year, status=Status.ADOPTED
    ):
        _set_status(older, status=Status.SUPERSEDED)
    _set_status(plan, status=Status.ADOPTED, decision=decision)
    decision.link(
        plan,
        _("Tids- och aktivitetsplan %(year)s, version %(number)s")
        % {"year": plan.year, "number": plan.number},
    )
    log(plan, "plan.activity_plan.adopted", {"decision": str(decision)})
    return plan


def copy_activities(
    source: ActivityPlan,
    draft: ActivityPlan,
    move: Callable[[datetime.date | None], datetime.date | None] = lambda day: day,
) -> None:
    """Copy `source`'s activities into `draft`, each keeping its key (which the diff between
    versions follows); `move` shifts their dates (a plan started for the next year)."""
    for activity in source.activities.all():
        PlanActivity.objects.create(
            plan=draft,
            key=activity.key,
            focus_area=activity.focus_area,
            title=activity.title,
            description=activity.description,
            responsible=activity.responsible,
            start=move(activity.start),
            end=move(activity.end),
            sort_order=activity.sort_order,
        )


@transaction.atomic
def revise(plan: ActivityPlan) -> ActivityPlan:
    """Make a new draft version from an adopted one; the adopted version stays as it is."""
    plan.refresh_from_db()
    if plan.status != Status.ADOPTED:
        raise PlanVersionLockedError(_("Bara en fastställd version kan revideras."))
    if ActivityPlan.objects.filter(
        programme=plan.programme, year=plan.year, status=Status.DRAFT
    ).exists():
        raise PlanVersionLockedError(
            _("Det finns redan ett utkast till ny version för %(year)s.") % {"year": plan.year}
        )
    latest = (
        ActivityPlan.objects.filter(programme=plan.programme, year=plan.year)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    draft = ActivityPlan.objects.create(
        programme=plan.programme, year=plan.year, number=latest + 1, based_on=plan
    )
    copy_activities(plan, draft)
    log(draft, "plan.activity_plan.revision_opened", {"based_on": str(plan)})
    return draft


@dataclass
class FieldChange:
    field: str
    label: str
    before: object
    after: object


@dataclass
class ActivityChange:
    before: PlanActivity
    after: PlanActivity
    changes: list[FieldChange] = field(default_factory=list)


@dataclass
class PlanDiff:
    old: ActivityPlan
    new: ActivityPlan
    added: list[PlanActivity]
    removed: list[PlanActivity]
    changed: list[ActivityChange]

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def diff(old: ActivityPlan, new: ActivityPlan) -> PlanDiff:
    """What changed from `old` to `new`: added, removed and changed activities."""
    related = ("focus_area",)
    before = {a.key: a for a in old.activities.select_related(*related)}
    after = {a.key: a for a in new.activities.select_related(*related)}
    changed = []
    for key in after.keys() & before.keys():
        changes = []
        for name in PlanActivity.DIFF_FIELDS:
            b, a = getattr(before[key], name), getattr(after[key], name)
            if b != a:
                label = str(PlanActivity._meta.get_field(name).verbose_name)
                changes.append(FieldChange(name, label, b, a))
        if changes:
            changed.append(ActivityChange(before[key], after[key], changes))

    def order(activity: PlanActivity):
        return (activity.focus_area.sort_order, activity.sort_order, activity.title)

    return PlanDiff(
        old=old,
        new=new,
        added=sorted((after[k] for k in after.keys() - before.keys()), key=order),
        removed=sorted((before[k] for k in before.keys() - after.keys()), key=order),
        changed=sorted(changed, key=lambda c: order(c.after)),
    )
