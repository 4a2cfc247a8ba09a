"""An upload waiting for the user's confirmation (e.g. "replace the period's actuals?")."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PendingUpload(models.Model):
    """The bytes of an uploaded file between two requests, in the database.

    The content is a BinaryField rather than a file through Django's storage API: the
    database is the one store every app server already shares (no media volume or object
    store to configure), the row and its content come and go in one transaction, and a
    backup of the database is complete. Uploads are bounded (samverka.imports.limits) and
    live at most a day, so the rows stay few and small. Not an AuditedModel on purpose: the
    audit log must not copy file contents; the import that finishes the upload is logged.
    """

    class Kind(models.TextChoices):
        SIE = "sie", _("SIE-fil")

    code = models.CharField(_("kod"), max_length=43, unique=True)
    kind = models.CharField(_("slag"), max_length=20, choices=Kind.choices)
    file_name = models.CharField(_("filnamn"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("storlek (byte)"))
    content = models.BinaryField(_("innehåll"))
    # What the first request learnt, e.g. {"year": 2026, "replaces": "gammal.se"}.
    summary = models.JSONField(_("sammanfattning"), default=dict, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uppladdad av"),
    )
    created = models.DateTimeField(_("uppladdad"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("väntande uppladdning")
        verbose_name_plural = _("väntande uppladdningar")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.file_name}"
