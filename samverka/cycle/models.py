"""The yearly budget process: a year started from the one before, each unit's submission of
its budget and texts, the controller's comments, approvals and the consolidation.

Submissions, comments and the consolidation belong to the period (`PeriodContent`): they freeze
with it when the board adopts the year.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samverka.audit.models import AuditedModel
from samverka.orgs.models import PeriodContent, PlanningPeriod, Unit


class YearStart(AuditedModel):
    """How a period was started: from which year, by whom, and what was copied (counts)."""

    period = models.OneToOneField(
        PlanningPeriod, on_delete=models.CASCADE, related_name="year_start", verbose_name=_("år")
    )
    based_on = models.ForeignKey(
        PlanningPeriod,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("startad från"),
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("startad av"),
    )
    started_at = models.DateTimeField(_("startad"), auto_now_add=True)
    # {"budget_lines": 27, "priority_areas": 6, …}, as shown on the confirmation page.
    counts = models.JSONField(_("kopierat"), default=dict)

    class Meta:
        verbose_name = _("start av budgetår")
        verbose_name_plural = _("starter av budgetår")

    def __str__(self) -> str:
        return f"{self.period.year} ← {self.based_on.year}"


class UnitSubmission(PeriodContent):
    """A unit's budget and texts for the year, as its unit head hands them to the controller.

    utkast → inlämnad → godkänd, or inlämnad → återsänd (with a comment) → inlämnad → …
    """

    class Status(models.TextChoices):
        DRAFT = "utkast", _("utkast")
        SUBMITTED = "inlamnad", _("inlämnad")
        RETURNED = "atersand", _("återsänd")
        APPROVED = "godkand", _("godkänd")

    # Who may still change the unit's lines and text: the unit head only in these.
    OPEN_TO_UNIT = (Status.DRAFT, Status.RETURNED)

    period = models.ForeignKey(
        PlanningPeriod,
        on_delete=models.PROTECT,
        related_name="unit_submissions",
        verbose_name=_("år"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="submissions", verbose_name=_("enhet")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("inlämnad av"),
    )
    submitted_at = models.DateTimeField(_("inlämnad"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granskad av"),
    )
    reviewed_at = models.DateTimeField(_("granskad"), null=True, blank=True)

    history_key = ("period", "unit")

    class Meta:
        verbose_name = _("enhetens inlämning")
        verbose_name_plural = _("enheternas inlämningar")
        ordering = ["period", "unit__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["period", "unit"], name="cycle_submission_once")
        ]

    def __str__(self) -> str:
        return f"{self.period.year} {self.unit}"

    @property
    def open_to_unit(self) -> bool:
        return self.status in self.OPEN_TO_UNIT


class ReviewComment(PeriodContent):
    """A comment on a unit's submission, by the controller or the unit head."""

    submission = models.ForeignKey(
        UnitSubmission, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("av"),
    )
    text = models.TextField(_("kommentar"))
    # The transition the comment came with ("atersand" when sent back), or empty.
    with_status = models.CharField(
        _("vid"), max_length=10, choices=UnitSubmission.Status.choices, blank=True
    )
    created_at = models.DateTimeField(_("skriven"), auto_now_add=True)

    class Meta:
        verbose_name = _("granskningskommentar")
        verbose_name_plural = _("granskningskommentarer")
        ordering = ["submission", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.submission}: {self.text[:40]}"

    def _locking_period(self) -> PlanningPeriod:
        return self.submission.period


class Consolidation(PeriodContent):
    """The controller's consolidation of a year whose units are all approved: the budget
    validation's result at that moment. The year is then ready for the board's adoption."""

    period = models.OneToOneField(
        PlanningPeriod,
        on_delete=models.PROTECT,
        related_name="consolidation",
        verbose_name=_("år"),
    )
    consolidated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("sammanställd av"),
    )
    consolidated_at = models.DateTimeField(_("sammanställd"), auto_now=True)
    errors = models.PositiveIntegerField(_("fel"), default=0)
    warnings = models.PositiveIntegerField(_("varningar"), default=0)
    # [{"code", "severity", "message"}] as the validation found them.
    findings = models.JSONField(_("fynd"), default=list)

    class Meta:
        verbose_name = _("sammanställning")
        verbose_name_plural = _("sammanställningar")

    def __str__(self) -> str:
        return f"{self.period.year}"
