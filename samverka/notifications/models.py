from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.audit.models import AuditedModel


class Kind(models.TextChoices):
    ROUND_OPENED = "round_opened", _("En uppföljningsomgång har öppnats")
    ROUND_CLOSING = "round_closing", _("En uppföljningsomgång stänger snart")
    OBLIGATION_DUE = "obligation_due", _("En rapportering till ett organ ska snart göras")
    OBLIGATION_MISSED = "obligation_missed", _("En rapportering till ett organ har missats")
    DOCUMENT_BUILT = "document_built", _("Ett dokument jag beställt är klart")


class Preference(AuditedModel):
    """Which e-mails a user wants; every kind is on until the user turns it off."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
        verbose_name=_("användare"),
    )
    round_opened = models.BooleanField(Kind.ROUND_OPENED.label, default=True)
    round_closing = models.BooleanField(Kind.ROUND_CLOSING.label, default=True)
    obligation_due = models.BooleanField(Kind.OBLIGATION_DUE.label, default=True)
    obligation_missed = models.BooleanField(Kind.OBLIGATION_MISSED.label, default=True)
    document_built = models.BooleanField(Kind.DOCUMENT_BUILT.label, default=True)

    class Meta:
        verbose_name = _("aviseringsval")
        verbose_name_plural = _("aviseringsval")

    def __str__(self) -> str:
        return f"{self.user.get_username()}: aviseringar"

    def wants(self, kind: str) -> bool:
        return bool(getattr(self, kind))


class Notification(models.Model):
    """An e-mail to one user, recorded before it is sent, so that no reminder goes twice.

    Not an AuditedModel: it is the record of what was sent (the daily command's memory), and
    the event it tells of is logged where it happened.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("mottagare"),
    )
    kind = models.CharField(_("slag"), max_length=30, choices=Kind.choices)
    # What the e-mail is about, e.g. "round:uppfoljning-aug-2026" or "obligation:kod:2026-05-01".
    key = models.CharField(_("nyckel"), max_length=200)
    to = models.EmailField(_("adress"))
    subject = models.CharField(_("ämne"), max_length=300)
    body = models.TextField(_("text"))
    created = models.DateTimeField(_("skapad"), default=timezone.now)
    sent_at = models.DateTimeField(_("skickad"), null=True, blank=True)

    class Meta:
        verbose_name = _("avisering")
        verbose_name_plural = _("aviseringar")
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "key"], name="notifications_notification_once"
            )
        ]

    def __str__(self) -> str:
        return self.subject
