"""What attachments belong to, who may attach to it, and where it is shown.

Minutes (protokoll) belong to the meeting: a board keeps one set of minutes per meeting, and
each decision taken there shows them. A decision takes its own attachments (a minutes extract,
the matter's documents); a project its application(s), its funder's decision(s) and other
documents, each with the diarienummer it carries – the federation's or the funder's, which
differ between documents of one project, so the number belongs to the document.

Attaching follows the rules for editing the object: decisions and meetings are recorded by
controllers (`decisions.views.can_record_meetings`), a project is edited by controllers and
its own project managers (`Capabilities.can_edit_project`).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from samverka.accounts.permissions import Capabilities
from samverka.attachments.models import Attachment
from samverka.decisions.models import Decision, Meeting
from samverka.decisions.views import can_record_meetings
from samverka.portfolio.models import Project

Kind = Attachment.Kind


@dataclass(frozen=True)
class Target:
    key: str  # the URL segment and the name of the upload URL: attachments:upload_<key>
    model: type[models.Model]
    kinds: tuple[str, ...]  # the kinds offered, the first one preselected
    may_attach: Callable[[Capabilities, models.Model], bool]
    url_args: Callable[[models.Model], list]


def _meeting_args(meeting: Meeting) -> list:
    return [meeting.body.code, f"{meeting.date:%Y-%m-%d}"]


TARGETS = (
    Target(
        "decision",
        Decision,
        (Kind.OTHER, Kind.MINUTES),
        lambda can, _decision: can_record_meetings(can),
        lambda decision: [decision.ref],
    ),
    Target(
        "meeting",
        Meeting,
        (Kind.MINUTES, Kind.OTHER),
        lambda can, _meeting: can_record_meetings(can),
        _meeting_args,
    ),
    Target(
        "project",
        Project,
        (Kind.APPLICATION, Kind.FUNDER_DECISION, Kind.OTHER),
        lambda can, project: can.can_edit_project(project),
        lambda project: [project.code],
    ),
)
BY_KEY = {t.key: t for t in TARGETS}
MODELS = tuple(t.model for t in TARGETS)


def target_of(obj: models.Model) -> Target:
    for target in TARGETS:
        if isinstance(obj, target.model):
            return target
    raise TypeError(f"{type(obj).__name__} takes no attachments")


def resolve(key: str, **kwargs) -> models.Model:
    """The object an upload URL names, or 404."""
    if key == "decision":
        decision = Decision.by_ref(kwargs["ref"])
        if decision is None:
            raise Http404
        return decision
    if key == "meeting":
        try:
            day = datetime.date.fromisoformat(kwargs["date"])
        except ValueError as exc:
            raise Http404 from exc
        return get_object_or_404(
            Meeting.objects.select_related("body"), body__code=kwargs["body"], date=day
        )
    if key == "project":
        return get_object_or_404(Project, code=kwargs["code"])
    raise Http404


def may_attach(can: Capabilities, obj: models.Model) -> bool:
    return target_of(obj).may_attach(can, obj)


def upload_url(obj: models.Model) -> str:
    target = target_of(obj)
    return reverse(f"attachments:upload_{target.key}", args=target.url_args(obj))


def page_url(obj: models.Model) -> str:
    """The page that shows the object's attachments."""
    if isinstance(obj, Meeting):
        return reverse("decisions:meeting", args=_meeting_args(obj))
    if isinstance(obj, Project):
        return reverse("portfolio:project", args=[obj.code])
    return obj.get_absolute_url()


def kind_choices(obj: models.Model) -> list[tuple[str, str]]:
    labels = dict(Kind.choices)
    return [(kind, labels[kind]) for kind in target_of(obj).kinds]
