"""Formal decisions of the federation's bodies. Domain records, beside (not in) the audit log."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from samverka.audit.models import AuditedModel


class Decision(AuditedModel):
    """A decision of a body. `scheduled` marks one the sources say is planned but not yet taken."""

    class Status(models.TextChoices):
        DECIDED = "decided", _("fattat")
        SCHEDULED = "scheduled", _("planerat")

    code = models.SlugField(
        _("kod"),
        max_length=80,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Stabil referens för inlästa beslut."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DECIDED
    )
    federation = models.ForeignKey(
        "orgs.Federation", on_delete=models.PROTECT, related_name="decisions"
    )
    body = models.ForeignKey(
        "orgs.GoverningBody",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("organ"),
    )
    number = models.CharField(_("paragraf/nummer"), max_length=40, blank=True)
    date = models.DateField(_("datum"))
    title = models.CharField(_("rubrik"), max_length=300)
    text = models.TextField(_("beslutstext"), blank=True)
    source = models.CharField(_("källa"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")
        ordering = ["-date", "number"]

    def __str__(self) -> str:
        number = f" {self.number}" if self.number else ""
        body = f"{self.body} " if self.body else ""
        return f"{body}{self.date:%Y-%m-%d}{number}: {self.title}"
