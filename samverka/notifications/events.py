"""Who is told what by e-mail: the events, their recipients and their Swedish texts.

    notify(Kind.DOCUMENT_BUILT, user, key="job:…", subject=…, body=…)

Each e-mail is first recorded as a `Notification` (unique per user, kind and key, so the same
reminder is never sent twice), then sent after the transaction commits: through the task
queue (`tasks.deliver`), which is the database queue in production and runs at once elsewhere.
A user who turned the kind off, is inactive or has no address gets nothing.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils.translation import gettext as _

from samverka.notifications.models import Kind, Notification, Preference

# A missed report older than this was missed before anyone could be told; the register shows it.
MISSED_LOOKBACK_DAYS = 30


def absolute(path: str) -> str:
    return f"{settings.SAMVERKA_BASE_URL}{path}"


def _footer() -> str:
    return "\n\n" + _(
        "Det här meddelandet skickades av Samverka. Du väljer vilka aviseringar du får på %(url)s"
    ) % {"url": absolute(reverse("notifications:preferences"))}


def notify(kind: str, user, *, key: str, subject: str, body: str) -> Notification | None:
    if not user.is_active or not user.email:
        return None
    preference = Preference.objects.filter(user=user).first()
    if preference is not None and not preference.wants(kind):
        return None
    if Notification.objects.filter(user=user, kind=kind, key=key).exists():
        return None
    try:
        with transaction.atomic():  # two runs at once: the constraint lets one through
            notification = Notification.objects.create(
                user=user,
                kind=kind,
                key=key[:200],
                to=user.email,
                subject=subject[:300],
                body=body + _footer(),
            )
    except IntegrityError:
        return None
    transaction.on_commit(lambda: _deliver([notification.pk]))
    return notification


def _deliver(ids: list[int]) -> None:
    from samverka.notifications.tasks import deliver

    deliver.enqueue(ids)


def _greeting(user) -> str:
    return _("Hej %(name)s,") % {"name": user.get_full_name() or user.get_username()}


# Follow-up rounds -------------------------------------------------------------------------


def activity_recipients(activities) -> dict:
    """user → their activities. An activity's owner is a user when one is set; otherwise the
    managers of its unit (RoleAssignment) answer for it. An activity with neither is skipped."""
    from samverka.accounts.models import Role, RoleAssignment

    managers: dict[int, list] = defaultdict(list)
    for assignment in RoleAssignment.objects.filter(role=Role.UNIT_MANAGER).select_related("user"):
        managers[assignment.unit_id].append(assignment.user)
    by_user: dict = {}
    for activity in activities:
        users = [activity.owner] if activity.owner_id else managers.get(activity.unit_id, [])
        for user in users:
            by_user.setdefault(user, []).append(activity)
    return by_user


def _activity_lines(activities) -> str:
    return "\n".join(f"• {a.title}" for a in activities)


def round_opened(round_) -> int:
    from samverka.plan import followup

    url = absolute(reverse("plan:round", args=[round_.code]))
    sent = 0
    for user, activities in activity_recipients(followup.activities_of(round_)).items():
        body = "\n\n".join(
            [
                _greeting(user),
                _(
                    "Uppföljningsomgången ”%(round)s” är öppen. Rapportera läget för dina "
                    "aktiviteter senast %(deadline)s:"
                )
                % {"round": round_.title, "deadline": round_.deadline.isoformat()},
                _activity_lines(activities),
                _("Rapportera här: %(url)s") % {"url": url},
            ]
        )
        subject = _("Uppföljningen ”%(round)s” är öppen – rapportera senast %(deadline)s") % {
            "round": round_.title,
            "deadline": round_.deadline.isoformat(),
        }
        if notify(Kind.ROUND_OPENED, user, key=f"round:{round_.code}", subject=subject, body=body):
            sent += 1
    return sent


def round_closing(round_) -> int:
    """To each owner who has not reported yet, once per round."""
    from samverka.plan import followup

    url = absolute(reverse("plan:round", args=[round_.code]))
    sent = 0
    for user, activities in activity_recipients(followup.missing(round_)).items():
        body = "\n\n".join(
            [
                _greeting(user),
                _(
                    "Uppföljningsomgången ”%(round)s” stänger %(deadline)s. Följande "
                    "aktiviteter saknar ännu din rapport:"
                )
                % {"round": round_.title, "deadline": round_.deadline.isoformat()},
                _activity_lines(activities),
                _("Rapportera här: %(url)s") % {"url": url},
            ]
        )
        subject = _("Påminnelse: rapportera i ”%(round)s” senast %(deadline)s") % {
            "round": round_.title,
            "deadline": round_.deadline.isoformat(),
        }
        key = f"round-closing:{round_.code}"
        if notify(Kind.ROUND_CLOSING, user, key=key, subject=subject, body=body):
            sent += 1
    return sent


def _on_round_saved(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw and instance.is_open:
        round_opened(instance)


def connect_signals() -> None:
    from samverka.plan.models import FollowUpRound

    post_save.connect(_on_round_saved, sender=FollowUpRound, dispatch_uid="notify_round_opened")


# Reporting obligations --------------------------------------------------------------------


def controllers() -> list:
    """The controllers; an installation without one tells its administrators."""
    from django.contrib.auth import get_user_model

    from samverka.accounts.models import Role

    users = get_user_model().objects.filter(is_active=True).distinct()
    found = list(users.filter(role_assignments__role=Role.CONTROLLER))
    return found or list(users.filter(role_assignments__role=Role.ADMIN))


def obligations(today: datetime.date) -> int:
    from samverka.decisions import obligations as schedule
    from samverka.decisions.models import ReportingObligation

    url = absolute(reverse("decisions:obligations"))
    people = controllers()
    sent = 0
    window = datetime.timedelta(days=settings.SAMVERKA_REMINDER_DAYS)
    lookback = today - datetime.timedelta(days=MISSED_LOOKBACK_DAYS)
    for obligation in ReportingObligation.objects.select_related("body"):
        for due in schedule.schedule(obligation, today):
            facts = {
                "title": obligation.title,
                "body": obligation.body.name,
                "due": due.due.isoformat(),
                "reporter": obligation.reporter,
            }
            if due.state == schedule.DueState.UPCOMING and due.due - today <= window:
                kind, key = Kind.OBLIGATION_DUE, f"obligation-due:{obligation.code}:{due.due}"
                subject = _("Rapportering senast %(due)s: %(title)s") % facts
                text = (
                    _("%(reporter)s ska rapportera ”%(title)s” till %(body)s senast %(due)s.")
                    % facts
                )
            elif due.state == schedule.DueState.MISSED and due.due >= lookback:
                kind, key = Kind.OBLIGATION_MISSED, f"obligation-missed:{obligation.code}:{due.due}"
                subject = _("Missad rapportering %(due)s: %(title)s") % facts
                text = (
                    _(
                        "Rapporteringen ”%(title)s” till %(body)s skulle ha gjorts senast %(due)s "
                        "(%(reporter)s), men inget sammanträde har den på dagordningen."
                    )
                    % facts
                )
            else:
                continue
            for user in people:
                body = "\n\n".join(
                    [
                        _greeting(user),
                        text,
                        _("Rapporteringsskyldigheterna: %(url)s") % {"url": url},
                    ]
                )
                if notify(kind, user, key=key, subject=subject, body=body):
                    sent += 1
    return sent


# Documents ----------------------------------------------------------------------------------


def document_built(job) -> Notification | None:
    if job.started_by is None:
        return None
    user = job.started_by
    body = "\n\n".join(
        [
            _greeting(user),
            _("Dokumentet ”%(title)s” är klart. Hämta det här: %(url)s")
            % {"title": job.title, "url": absolute(job.get_absolute_url())},
        ]
    )
    return notify(
        Kind.DOCUMENT_BUILT,
        user,
        key=f"job:{job.code}",
        subject=_("Dokumentet är klart: %(title)s") % {"title": job.title},
        body=body,
    )


def daily(today: datetime.date) -> int:
    """The reminders of `samverka notify`: rounds closing soon, obligations due or missed."""
    from samverka.plan.models import FollowUpRound

    sent = 0
    last = today + datetime.timedelta(days=settings.SAMVERKA_REMINDER_DAYS)
    for round_ in FollowUpRound.objects.filter(
        status=FollowUpRound.Status.OPEN, deadline__gte=today, deadline__lte=last
    ):
        sent += round_closing(round_)
    return sent + obligations(today)
