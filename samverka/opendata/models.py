"""What was published as open data: one publication per adoption, its data sets as bytes.

The data sets are written once, when the period is adopted, and never again: projects and
decisions keep changing after an adoption, so a data set built on request would drift from what
was adopted. A revision adopted later is a new publication beside the old one.
"""

import hashlib

from django.db import models
from django.utils.translation import gettext_lazy as _

from samverka.audit.models import AuditedModel
from samverka.orgs.models import OpenDataLicence


class PublishedError(Exception):
    """A publication and its data sets are written once and never changed or deleted."""


class WriteOnce(AuditedModel):
    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise PublishedError(f"{type(self).__name__} {self.pk} is published and never changes")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PublishedError(f"{type(self).__name__} {self.pk} is published and never deleted")


class Publication(WriteOnce):
    """The open data of one adopted version of a period: v1 as first adopted, v2 for the first
    revision published afterwards, and so on."""

    period = models.ForeignKey(
        "orgs.PlanningPeriod", on_delete=models.PROTECT, related_name="publications"
    )
    revision = models.PositiveSmallIntegerField(
        _("version"), help_text=_("1 för den först publicerade versionen av året.")
    )
    period_revision = models.PositiveSmallIntegerField(_("periodens revidering"))
    decision = models.ForeignKey(
        "decisions.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="publications",
        verbose_name=_("antagandebeslut"),
    )
    # As they read when published: the data sets quote them, and they stay as quoted.
    decision_label = models.CharField(_("beslut"), max_length=400, blank=True)
    adopted_on = models.DateField(_("antagen"), null=True, blank=True)
    licence = models.CharField(_("licens"), max_length=100, choices=OpenDataLicence.choices)
    publisher = models.CharField(_("utgivare"), max_length=200)
    published_at = models.DateTimeField(_("publicerad"))

    class Meta:
        verbose_name = _("publicering av öppna data")
        verbose_name_plural = _("publiceringar av öppna data")
        ordering = ["-period__year", "-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "revision"], name="opendata_publication_one_per_revision"
            )
        ]

    def __str__(self) -> str:
        return f"{self.period.year} v{self.revision}"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class PublishedDataset(WriteOnce):
    """One data set of a publication, as JSON and as CSV, exactly as served."""

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="datasets")
    key = models.SlugField(_("nyckel"), max_length=60)
    title = models.CharField(_("titel"), max_length=300)
    rows = models.PositiveIntegerField(_("rader"))
    json_text = models.TextField()
    json_sha256 = models.CharField(max_length=64)
    csv_text = models.TextField()
    csv_sha256 = models.CharField(max_length=64)

    # The texts are in the publication; the log keeps their fingerprints.
    audit_ignore = ("version", "json_text", "csv_text")

    class Meta:
        verbose_name = _("publicerad datamängd")
        verbose_name_plural = _("publicerade datamängder")
        ordering = ["publication", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "key"], name="opendata_dataset_one_per_publication"
            )
        ]

    def __str__(self) -> str:
        return f"{self.publication} {self.key}"

    def body(self, fmt: str) -> bytes:
        return (self.json_text if fmt == "json" else self.csv_text).encode("utf-8")

    def etag(self, fmt: str) -> str:
        return self.json_sha256 if fmt == "json" else self.csv_sha256
