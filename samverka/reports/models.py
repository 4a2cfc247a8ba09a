"""The texts of the plan document that no other model holds, per period and revision.

The rest of "Budget och verksamhetsplan" is built from the data (`reports.plan`); these are the
chapter texts the office writes: the introduction, the present situation, each unit's budget
text for the year, and so on.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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
