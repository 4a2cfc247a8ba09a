"""Files the board's work needs: a meeting's minutes, a decision's attachments, a project's
application and its funder's decision.

The file lives in Django's default storage (a folder by default, a shared one or an object
store when several app servers run), under a random name: the name the user gave it is kept
in `original_name` and only ever sent back in a Content-Disposition header.
"""

import secrets
import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.audit.models import AuditedModel


def storage_name(instance: "Attachment", filename: str) -> str:
    """`attachments/2026/<32 random hex digits>.pdf`: nothing of the user's file name but the
    extension, which `files.check` has already matched against the content."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"attachments/{timezone.now():%Y}/{secrets.token_hex(16)}.{extension}"


class Attachment(AuditedModel):
    class Kind(models.TextChoices):
        MINUTES = "minutes", _("protokoll")
        APPLICATION = "application", _("ansökan")
        FUNDER_DECISION = "funder_decision", _("beslut från finansiär")
        OTHER = "other", _("bilaga")

    # Addresses the attachment in URLs: it has no natural code, and a random one does not
    # tell how many files there are.
    code = models.UUIDField(_("kod"), default=uuid.uuid4, unique=True, editable=False)
    target_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, verbose_name=_("hör till (typ)")
    )
    target_id = models.PositiveBigIntegerField(_("hör till (id)"))
    target = GenericForeignKey("target_type", "target_id")
    kind = models.CharField(_("slag"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("rubrik"), max_length=300)
    reference_number = models.CharField(
        _("diarienummer"),
        max_length=60,
        blank=True,
        help_text=_("Handlingens diarienummer, förbundets eller finansiärens."),
    )
    file = models.FileField(_("fil"), upload_to=storage_name, max_length=200)
    original_name = models.CharField(_("filnamn"), max_length=255)
    content_type = models.CharField(_("filtyp"), max_length=120)
    size = models.PositiveBigIntegerField(_("storlek (byte)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("uppladdad av"),
    )
    uploaded_at = models.DateTimeField(_("uppladdad"), default=timezone.now)

    # The stored name is random and says nothing; the hash and the original name do.
    audit_ignore = ("version", "file")

    class Meta:
        verbose_name = _("bilaga")
        verbose_name_plural = _("bilagor")
        ordering = ["kind", "-uploaded_at", "id"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="attachments_target_idx")]

    def __str__(self) -> str:
        return f"{self.title} ({self.original_name})"

    @property
    def extension(self) -> str:
        return self.original_name.rsplit(".", 1)[-1].upper() if "." in self.original_name else ""


def attached_to(target, kinds: list[str] | tuple[str, ...] | None = None):
    """The attachments of `target` (None: none), optionally of some kinds only."""
    if target is None or target.pk is None:
        return Attachment.objects.none()
    found = Attachment.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=target.pk
    ).select_related("uploaded_by")
    return found.filter(kind__in=kinds) if kinds else found
