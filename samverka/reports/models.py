"""The reports' own data: the plan's chapter texts that no other model holds (per period and
revision), and the files of the plan as adopted.

The rest of "Budget och verksamhetsplan" is built from the data (`reports.plan`); the texts are
what the office writes: the introduction, the present situation, each unit's budget text for the
year, and so on.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samverka.audit.models import AuditedModel
from samverka.orgs.models import PeriodContent, PlanningPeriod, Unit


class PlanText(PeriodContent):
    """One chapter text of a period's plan, frozen with the period when it is adopted.

    A unit's budget text has the section UNIT and the unit; every other section has no unit.
    The text is plain: a blank line between paragraphs, lines beginning with "•" or "–" make a
    bulleted list (`reports.texts.blocks`).
    """

    class Section(models.TextChoices):
        # The values are the sections' addresses in URLs.
        INTRODUCTION = "inledning", _("Inledning")
        MISSION = "uppdrag", _("Förbundets uppdrag")
        ORGANISATION = "organisation", _("Organisation")
        SITUATION = "nulage", _("Nuläge och förutsättningar")
        GOALS = "mal", pgettext_lazy("section", "Mål")
        BUDGET = "driftbudget", _("Driftbudget")
        UNIT = "enhet", _("Enhetens budget")
        PROJECTS = "projekt", _("Projekt och ansökningar")
        PRIORITIES = "prioriterade-omraden", _("Prioriterade områden")

    period = models.ForeignKey(
        PlanningPeriod,
        on_delete=models.PROTECT,
        related_name="plan_texts",
        verbose_name=_("period"),
    )
    section = models.CharField(_("avsnitt"), max_length=30, choices=Section.choices)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_texts",
        verbose_name=_("enhet"),
    )
    text = models.TextField(_("text"), blank=True)
    source = models.CharField(_("källa"), max_length=300, blank=True)

    history_key = ("period", "section", "unit")

    class Meta:
        verbose_name = _("plantext")
        verbose_name_plural = _("plantexter")
        ordering = ["period", "section", "unit__sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "section"],
                condition=models.Q(unit__isnull=True),
                name="reports_plantext_once_per_section",
            ),
            models.UniqueConstraint(
                fields=["period", "section", "unit"],
                condition=models.Q(unit__isnull=False),
                name="reports_plantext_once_per_unit",
            ),
            models.CheckConstraint(
                condition=(models.Q(section="enhet") & models.Q(unit__isnull=False))
                | (~models.Q(section="enhet") & models.Q(unit__isnull=True)),
                name="reports_plantext_unit_iff_unit_section",
                violation_error_message=_(
                    "En enhets budgettext har en enhet; övriga avsnitt har ingen."
                ),
            ),
        ]

    def __str__(self) -> str:
        where = f" {self.unit}" if self.unit_id else ""
        return f"{self.period.year} {self.get_section_display()}{where}"

    def clean(self) -> None:
        if self.section == self.Section.UNIT and self.unit_id is None:
            raise ValidationError({"unit": _("Ange enheten för en enhets budgettext.")})
        if self.section != self.Section.UNIT and self.unit_id is not None:
            raise ValidationError({"unit": _("Bara en enhets budgettext har en enhet.")})


class PlanTextSnapshot(models.Model):
    """The texts as adopted in one revision of a period (written on adoption, like the budget's
    `BudgetSnapshot`), so that a revision can be compared with what was adopted before."""

    period = models.ForeignKey(
        PlanningPeriod, on_delete=models.CASCADE, related_name="plan_text_snapshots"
    )
    revision = models.PositiveSmallIntegerField(_("revidering"))
    taken_at = models.DateTimeField(_("tidpunkt"), auto_now_add=True)
    # [{"section": …, "unit": unit code or "", "text": …}]
    texts = models.JSONField(_("texter"), default=list)

    class Meta:
        verbose_name = _("version av plantexterna")
        verbose_name_plural = _("versioner av plantexterna")
        ordering = ["period", "revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "revision"], name="reports_plantextsnapshot_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.period.year} rev. {self.revision}"


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
