"""Moving a planning period through its life: adoption, revision, adoption of the revision."""

from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import gettext as _

from samverka.audit.recording import log
from samverka.decisions.models import Decision
from samverka.orgs.models import PeriodLockedError, PlanningPeriod

Status = PlanningPeriod.Status

# Sent inside the transaction of the transition, so that apps can snapshot what was adopted
# (budget versions, plan versions) or fail the adoption. Arguments: period, decision / revision.
period_adopted = Signal()
revision_opened = Signal()


def _transition(period: PlanningPeriod, allowed: tuple[str, ...], **changes) -> None:
    period.refresh_from_db()
    if period.status not in allowed:
        raise PeriodLockedError(
            _("Perioden %(year)s har status %(status)s; det går inte nu.")
            % {"year": period.year, "status": period.get_status_display()}
        )
    for name, value in changes.items():
        setattr(period, name, value)
    period._transition = True
    try:
        period.save()
    finally:
        period._transition = False


@transaction.atomic
def adopt(period: PlanningPeriod, decision: Decision) -> PlanningPeriod:
    """The board adopts the period (or its open revision); from now on it is read-only."""
    revising = period.status == Status.REVISION
    _transition(
        period,
        (Status.DRAFT, Status.REVISION),
        status=Status.REVISED if revising else Status.ADOPTED,
        decision=decision,
        adopted_on=decision.date,
    )
    action = "orgs.period.revised" if revising else "orgs.period.adopted"
    log(period, action, {"decision": str(decision), "revision": period.revision})
    period_adopted.send(sender=PlanningPeriod, period=period, decision=decision)
    return period


@transaction.atomic
def open_revision(period: PlanningPeriod) -> PlanningPeriod:
    """Open an adopted period for changes; it stays open until a new decision adopts it."""
    _transition(
        period,
        (Status.ADOPTED, Status.REVISED),
        status=Status.REVISION,
        revision=period.revision + 1,
    )
    log(period, "orgs.period.revision_opened", {"revision": period.revision})
    revision_opened.send(sender=PlanningPeriod, period=period, revision=period.revision)
    return period
