"""API tokens: a user's keys for scripts and other systems, stored only as a hash."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.audit.models import AuditedModel


class ApiToken(AuditedModel):
    """A secret that lets a script act as its user through the API, with exactly the user's
    capabilities. Only the SHA-256 of the secret is stored; the secret is shown once, when the
    token is created (see `samverka.api.tokens`)."""

    PREFIX_LENGTH = 8

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("användare"),
    )
    name = models.CharField(
        _("namn"), max_length=100, help_text=_("Vad nyckeln används till, t.ex. ”Rapportskript”.")
    )
    prefix = models.CharField(_("början"), max_length=PREFIX_LENGTH, unique=True, editable=False)
    hash = models.CharField(_("kontrollsumma"), max_length=64, unique=True, editable=False)
    created = models.DateTimeField(_("skapad"), default=timezone.now, editable=False)
    last_used = models.DateTimeField(_("senast använd"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("återkallad"), null=True, blank=True, editable=False)

    # The hash is no secret, but it has no place in the history either; use is not a change.
    audit_ignore = ("version", "hash", "last_used")
    history_key = ("prefix",)

    class Meta:
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")
        # Active tokens first on SQLite and PostgreSQL alike (they sort NULL differently).
        ordering = [models.F("revoked_at").desc(nulls_first=True), "-created", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
