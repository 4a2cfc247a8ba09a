from django.db import models
from django.utils.translation import gettext_lazy as _

from samverka.audit.models import AuditedModel


class Format(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", _("Word (DOCX)")
    HTML = "html", "HTML"


def _stored_path(version: "DocumentVersion", filename: str) -> str:
    return f"reports/{version.period.federation.code}/{version.period.year}/{filename}"


class DocumentVersion(AuditedModel):
    """The plan as the board adopted it: one file per format and revision, stored when the
    period is adopted (see `reports.versions`) and kept when a later revision is adopted."""

    period = models.ForeignKey(
        "orgs.PlanningPeriod", on_delete=models.PROTECT, related_name="document_versions"
    )
    revision = models.PositiveSmallIntegerField(_("revidering"))
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    file = models.FileField(_("fil"), upload_to=_stored_path, max_length=300)
    filename = models.CharField(_("filnamn"), max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("storlek (byte)"))
    decision = models.ForeignKey(
        "decisions.Decision",
        on_delete=models.PROTECT,
        related_name="document_versions",
        verbose_name=_("beslut"),
    )
    created = models.DateTimeField(_("skapad"), auto_now_add=True)

    # The file's storage name says nothing the file name, size and SHA-256 do not.
    audit_ignore = ("version", "file")

    class Meta:
        verbose_name = _("lagrad dokumentversion")
        verbose_name_plural = _("lagrade dokumentversioner")
        ordering = ["period", "-revision", "format"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "revision", "format"], name="reports_version_one_per_format"
            )
        ]

    def __str__(self) -> str:
        return self.filename
