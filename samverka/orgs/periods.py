"""Moving a planning period through its life: adoption, revision, adoption of the revision."""

from collections.abc import Callable

from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samverka.audit.recording import log
from samverka.decisions.models import Decision
from samverka.lib.findings import Finding, Severity
from samverka.orgs.models import PeriodLockedError, PlanningPeriod

Status = PlanningPeriod.Status

# Sent inside the transaction of the transition, so that apps can snapshot what was adopted
# (budget versions, plan versions) or fail the adoption. Arguments: period, decision / revision.
period_adopted = Signal()
revision_opened = Signal()

# What is checked before a period is adopted: functions period → findings, registered by the
# apps that own the contents (the budget registers its validation engine). orgs does not
# import them, so the dependency stays one-way.
_adoption_checks: list[Callable[[PlanningPeriod], list[Finding]]] = []


def register_adoption_check(check: Callable[[PlanningPeriod], list[Finding]]) -> None:
    if check not in _adoption_checks:
        _adoption_checks.append(check)


def open_errors(period: PlanningPeriod) -> list[Finding]:
    """The findings of severity error that adopting the period now would adopt with it."""
    return [
        finding
        for check in _adoption_checks
        for finding in check(period)
        if finding.severity == Severity.ERROR
    ]


class OpenErrorsError(PeriodLockedError):
    """The period has open errors and the adopter has not said they know of them."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        super().__init__(
            ngettext(
                "Perioden antogs inte: budgeten har %(n)s öppet fel. Bekräfta att du känner "
                "till det för att anta ändå.",
                "Perioden antogs inte: budgeten har %(n)s öppna fel. Bekräfta att du känner "
                "till dem för att anta ändå.",
                len(findings),
            )
            % {"n": len(findings)}
        )


def _finding_data(finding: Finding) -> dict:
    return {"code": finding.code, "message": finding.message, "where": dict(finding.where)}


def _transition(period: PlanningPeriod, allowed: tuple[str, ...], **changes) -> None:
    # Lock the row first: of two adoptions at once, the second sees the first's status and is
    # refused instead of replacing its decision.
    PlanningPeriod.objects.select_for_update().filter(pk=period.pk).first()
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
def adopt(
    period: PlanningPeriod, decision: Decision, *, errors_acknowledged: bool = False
) -> PlanningPeriod:
    """The board adopts the period (or its open revision); from now on it is read-only.

    Open errors (see `open_errors`) stop the adoption unless the adopter acknowledges them;
    then they are recorded with it: listed in the log entry and in the decision's text.
    """
    errors = open_errors(period)
    if errors and not errors_acknowledged:
        raise OpenErrorsError(errors)
    revising = period.status == Status.REVISION
    _transition(
        period,
        (Status.DRAFT, Status.REVISION),
        status=Status.REVISED if revising else Status.ADOPTED,
        decision=decision,
        adopted_on=decision.date,
    )
    if errors:
        decision.text = "\n\n".join(filter(None, [decision.text, _known_errors_text(errors)]))
        decision.save()
    action = "orgs.period.revised" if revising else "orgs.period.adopted"
    log(
        period,
        action,
        {
            "decision": str(decision),
            "revision": period.revision,
            "open_errors": [_finding_data(f) for f in errors],
        },
    )
    period_adopted.send(sender=PlanningPeriod, period=period, decision=decision)
    return period


def _known_errors_text(errors: list[Finding]) -> str:
    heading = ngettext(
        "Antogs med vetskap om %(n)s öppet fel i budgeten:",
        "Antogs med vetskap om %(n)s öppna fel i budgeten:",
        len(errors),
    ) % {"n": len(errors)}
    return "\n".join([heading, *(f"– {f.message}" for f in errors)])


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
