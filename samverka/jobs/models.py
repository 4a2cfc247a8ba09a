"""What a user sees of a piece of long work: what it is, who started it, how far it has come,
and where its result is.

`Job` is a plain model, not an AuditedModel, on purpose: it is operational state, not a domain
fact. Its progress is written many times a minute, and an audit entry per step would bury the
log; what the work changes (the imported batch, the fetch run, the stored document) is logged
by the workflow that changes it, with the user who started the job as the actor.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_code() -> str:
    return secrets.token_urlsafe(16)


class Job(models.Model):
    class Kind(models.TextChoices):
        KOLADA = "kolada", _("Hämtning från Kolada")
        SCB = "scb", _("Hämtning av folkmängd från SCB")
        SIE_IMPORT = "sie_import", _("Inläsning av SIE-fil")
        DOCUMENT = "document", _("Dokument")

    class Status(models.TextChoices):
        QUEUED = "queued", _("i kö")
        RUNNING = "running", _("pågår")
        DONE = "done", _("klart")
        FAILED = "failed", _("misslyckades")

    # The address of the job's page: random, since a job is no domain object with a code.
    code = models.CharField(_("kod"), max_length=30, unique=True, default=new_code)
    kind = models.CharField(_("slag"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("rubrik"), max_length=300)
    arguments = models.JSONField(_("argument"), default=dict, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jobs",
        verbose_name=_("startat av"),
    )
    created = models.DateTimeField(_("skapat"), default=timezone.now, db_index=True)
    started_at = models.DateTimeField(_("startade"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klart"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    done = models.PositiveBigIntegerField(_("klart av"), default=0)
    total = models.PositiveBigIntegerField(_("totalt"), default=0)
    step = models.CharField(_("steg"), max_length=200, blank=True)
    result_url = models.CharField(_("resultatets adress"), max_length=500, blank=True)
    result_label = models.CharField(_("resultat"), max_length=300, blank=True)
    # A built document, in Django's default storage; served only through jobs:download.
    result_file = models.CharField(_("fil"), max_length=500, blank=True)
    result_file_name = models.CharField(_("filnamn"), max_length=255, blank=True)
    message = models.TextField(_("meddelande"), blank=True)
    task_id = models.CharField(_("köns id"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("bakgrundsjobb")
        verbose_name_plural = _("bakgrundsjobb")
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("jobs:detail", args=[self.code])

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.total:
            return 0
        return min(100, int(100 * self.done / self.total))

    def can_be_seen_by(self, user, can) -> bool:
        return user.is_authenticated and (self.started_by_id == user.pk or can.is_controller)
