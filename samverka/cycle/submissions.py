"""The units' submissions for a year and the controller's review, one function per transition.

Every transition checks who acts and the submission's state, claims the version the user saw
(optimistic locking: a concurrent transition is refused, not overwritten), is audit-logged as
a domain action, and refuses a wrong move with a Swedish `TransitionError`.

    utkast ──submit──▶ inlämnad ──approve──▶ godkänd
       ▲                  │  ▲                  │
       └── (återsänd) ◀─send_back───────────────┘
                            └──submit──┘

When every unit is approved the controller consolidates the year (`consolidate`): the budget
validation runs and its result is recorded; the board's adoption is the existing workflow.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.accounts.permissions import Capabilities
from samverka.audit.context import acting_as
from samverka.audit.models import ConcurrentEditError
from samverka.audit.recording import log
from samverka.budget import validation
from samverka.cycle.models import Consolidation, ReviewComment, UnitSubmission
from samverka.lib.findings import Severity
from samverka.orgs.models import PlanningPeriod, Unit

Status = UnitSubmission.Status


class TransitionError(ValidationError):
    """A transition that this user may not make, or not in the submission's state."""


def for_period(period: PlanningPeriod) -> list[UnitSubmission]:
    """Every unit's submission for the year; units without one yet are shown as a draft."""
    stored = {
        s.unit_id: s
        for s in UnitSubmission.objects.filter(period=period).select_related(
            "unit", "submitted_by", "reviewed_by"
        )
    }
    return [
        stored.get(unit.pk) or UnitSubmission(period=period, unit=unit)
        for unit in Unit.objects.filter(federation=period.federation)
    ]


def for_unit(period: PlanningPeriod, unit: Unit) -> UnitSubmission:
    """The unit's submission for the year (unsaved, as a draft, when there is none yet)."""
    return UnitSubmission.objects.filter(period=period, unit=unit).first() or UnitSubmission(
        period=period, unit=unit
    )


def line_lock_reason(can: Capabilities, period: PlanningPeriod, unit: Unit) -> str | None:
    """Registered with the budget: a unit head may not change lines handed in for review."""
    if can.is_controller:
        return None
    submission = UnitSubmission.objects.filter(period=period, unit=unit).first()
    if submission is None or submission.open_to_unit:
        return None
    return _(
        "Budgeten för %(unit)s %(year)s är %(status)s och kan inte ändras av enheten nu; "
        "ekonomen kan skicka tillbaka den."
    ) % {"unit": unit.name, "year": period.year, "status": submission.get_status_display()}


def unit_may_edit(can: Capabilities, submission: UnitSubmission) -> bool:
    """The unit's texts and lines: the controller while the year is open, the unit head while
    the submission is a draft or sent back."""
    if submission.period.is_locked or not can.can_edit_unit(submission.unit):
        return False
    return can.is_controller or submission.open_to_unit


def _refuse(message: str) -> None:
    raise TransitionError(message)


def _check_open(period: PlanningPeriod) -> None:
    # Asked of the database: the caller's period may have been adopted since it was read.
    if PlanningPeriod.objects.filter(pk=period.pk, status__in=PlanningPeriod.LOCKED).exists():
        _refuse(
            _("Budgetåret %(year)s är antaget; inlämningarna kan inte ändras.")
            % {"year": period.year}
        )


def _claim(submission: UnitSubmission, expected_version: int) -> UnitSubmission:
    """The stored submission, locked, if the user saw its current version; a new one if none
    is stored and the user saw none."""
    stored = (
        UnitSubmission.objects.select_for_update()
        .filter(period=submission.period, unit=submission.unit)
        .first()
    )
    current = stored.version if stored else UnitSubmission.UNSAVED_VERSION
    if current != expected_version:
        _refuse(_stale(submission))
    return stored or UnitSubmission(period=submission.period, unit=submission.unit)


def _stale(submission: UnitSubmission) -> str:
    return _(
        "Någon annan har ändrat inlämningen för %(unit)s under tiden. Läs in sidan "
        "igen och se vad som gäller nu."
    ) % {"unit": submission.unit.name}


def _save(submission: UnitSubmission, user, expected_version: int) -> UnitSubmission:
    """Save claiming the version the user saw; a create that lost a race is refused too."""
    try:
        with acting_as(user):
            submission.save(expected_version=expected_version)
    except ConcurrentEditError:
        _refuse(_stale(submission))
    return submission


@transaction.atomic
def submit(submission: UnitSubmission, user, expected_version: int) -> UnitSubmission:
    """The unit head hands the unit's budget and texts to the controller ("Lämna in")."""
    can = Capabilities(user)
    if not can.can_edit_unit(submission.unit):
        _refuse(
            _("Bara enhetens chef eller en ekonom kan lämna in budgeten för %(unit)s.")
            % {"unit": submission.unit.name}
        )
    _check_open(submission.period)
    submission = _claim(submission, expected_version)
    if submission.status not in UnitSubmission.OPEN_TO_UNIT:
        _refuse(
            _("Budgeten för %(unit)s är redan %(status)s.")
            % {"unit": submission.unit.name, "status": submission.get_status_display()}
        )
    submission.status = Status.SUBMITTED
    submission.submitted_by, submission.submitted_at = user, timezone.now()
    _save(submission, user, expected_version)
    with acting_as(user):
        log(submission, "cycle.submission.submitted", {"status": submission.get_status_display()})
    return submission


def _check_controller(user, submission: UnitSubmission, what: str) -> None:
    if not Capabilities(user).is_controller:
        _refuse(_("Bara en ekonom kan %(what)s.") % {"what": what})
    _check_open(submission.period)


@transaction.atomic
def send_back(
    submission: UnitSubmission, user, comment: str, expected_version: int
) -> UnitSubmission:
    """The controller returns the unit's budget with a comment ("Skicka tillbaka")."""
    _check_controller(user, submission, _("skicka tillbaka en enhets budget"))
    comment = (comment or "").strip()
    if not comment:
        _refuse(_("Skriv en kommentar som säger vad enheten ska ändra."))
    submission = _claim(submission, expected_version)
    if submission.status not in (Status.SUBMITTED, Status.APPROVED):
        _refuse(
            _("Budgeten för %(unit)s är %(status)s; bara en inlämnad budget kan skickas tillbaka.")
            % {"unit": submission.unit.name, "status": submission.get_status_display()}
        )
    submission.status = Status.RETURNED
    submission.reviewed_by, submission.reviewed_at = user, timezone.now()
    _save(submission, user, expected_version)
    with acting_as(user):
        log(
            submission,
            "cycle.submission.returned",
            {"status": submission.get_status_display(), "comment": comment},
        )
    with acting_as(user):
        ReviewComment.objects.create(
            submission=submission, author=user, text=comment, with_status=Status.RETURNED
        )
        # A year consolidated before is no longer: one of its units is open again.
        Consolidation.objects.filter(period=submission.period).delete()
    return submission


@transaction.atomic
def approve(submission: UnitSubmission, user, expected_version: int) -> UnitSubmission:
    """The controller accepts the unit's budget and texts ("Godkänn")."""
    _check_controller(user, submission, _("godkänna en enhets budget"))
    submission = _claim(submission, expected_version)
    if submission.status != Status.SUBMITTED:
        _refuse(
            _("Budgeten för %(unit)s är %(status)s; bara en inlämnad budget kan godkännas.")
            % {"unit": submission.unit.name, "status": submission.get_status_display()}
        )
    submission.status = Status.APPROVED
    submission.reviewed_by, submission.reviewed_at = user, timezone.now()
    _save(submission, user, expected_version)
    with acting_as(user):
        log(submission, "cycle.submission.approved", {"status": submission.get_status_display()})
    return submission


@transaction.atomic
def add_comment(submission: UnitSubmission, user, text: str) -> ReviewComment:
    """A comment on the unit's submission, by the controller or the unit's head."""
    if not Capabilities(user).can_edit_unit(submission.unit):
        _refuse(_("Bara enhetens chef eller en ekonom kan kommentera enhetens budget."))
    _check_open(submission.period)
    text = (text or "").strip()
    if not text:
        _refuse(_("Kommentaren är tom."))
    with acting_as(user):
        if submission.pk is None:
            submission = _claim(submission, UnitSubmission.UNSAVED_VERSION)
            _save(submission, user, UnitSubmission.UNSAVED_VERSION)
        return ReviewComment.objects.create(submission=submission, author=user, text=text)


def not_approved(period: PlanningPeriod) -> list[UnitSubmission]:
    return [s for s in for_period(period) if s.status != Status.APPROVED]


@transaction.atomic
def consolidate(period: PlanningPeriod, user) -> Consolidation:
    """The controller puts the approved units together ("Sammanställ"): the budget validation
    runs for the year and its findings are recorded; the year is then ready for adoption."""
    if not Capabilities(user).is_controller:
        _refuse(_("Bara en ekonom kan sammanställa budgeten."))
    _check_open(period)
    PlanningPeriod.objects.select_for_update().filter(pk=period.pk).first()
    waiting = not_approved(period)
    if waiting:
        _refuse(
            _("Alla enheter är inte godkända än: %(units)s.")
            % {"units": ", ".join(f"{s.unit.name} ({s.get_status_display()})" for s in waiting)}
        )
    findings = validation.run(period)
    data = [{"code": f.code, "severity": str(f.severity), "message": f.message} for f in findings]
    errors = sum(1 for f in findings if f.severity == Severity.ERROR)
    warnings = sum(1 for f in findings if f.severity == Severity.WARNING)
    with acting_as(user):
        consolidation = Consolidation.objects.filter(period=period).first() or Consolidation(
            period=period
        )
        consolidation.consolidated_by = user
        consolidation.errors, consolidation.warnings, consolidation.findings = (
            errors,
            warnings,
            data,
        )
        consolidation.save()
        log(period, "cycle.year.consolidated", {"errors": errors, "warnings": warnings})
    return consolidation
