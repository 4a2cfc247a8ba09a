"""The operating budget: lines per unit and year, stated figures, fee model, overhead, balance.

A budget table is either a unit's table or the federation's total table (unit = None). Every
figure is kept as entered or printed; computed values live in `computations.py` and the checks
that compare the two in `validation.py`.
"""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from samverka.audit.models import AuditedModel
from samverka.core.fields import money_field
from samverka.orgs.models import PeriodContent, PlanningPeriod, Unit, slug_code

from . import loading


def rate_field(verbose_name, **kwargs) -> models.DecimalField:
    """A percentage as printed, e.g. 42.65 for 42,65 %."""
    return models.DecimalField(verbose_name, max_digits=7, decimal_places=4, **kwargs)


class Section(models.TextChoices):
    REVENUE = "revenue", _("intäkter")
    COSTS = "costs", _("kostnader")


class LineKind(models.TextChoices):
    """What a budget line is. The ledger maps accounts to these; the order is the table's."""

    MEMBER_FEES = "member_fees", _("medlemsavgifter")
    PROJECT_FUNDS = "project_funds", _("projektmedel")
    STATE_GRANTS = "state_grants", _("statsbidrag")
    DRUM = "drum", _("delregionala utvecklingsmedel (DRUM)")
    INVOICED_SERVICES = "invoiced_services", _("fakturerade tjänster")
    OTHER_REVENUE = "other_revenue", _("övriga intäkter")
    REVENUE_AS_PRINTED = "revenue_as_printed", _("intäkter, ej uppdelade (som tryckt)")
    OVERHEAD_INCOME_DEDUCTED = "overhead_income_deducted", _("varav OH-intäkt (avdrag)")
    PERSONNEL = "personnel", _("personal")
    OTHER_COSTS = "other_costs", _("övriga kostnader")
    OVERHEAD_COSTS = "overhead_costs", _("OH-kostnader")
    OVERHEAD_INCOME = "overhead_income", _("OH-intäkt")

    @classmethod
    def section_of(cls, kind: str) -> str:
        return Section.REVENUE if kind in REVENUE_KINDS else Section.COSTS


REVENUE_KINDS = frozenset(
    {
        LineKind.MEMBER_FEES,
        LineKind.PROJECT_FUNDS,
        LineKind.STATE_GRANTS,
        LineKind.DRUM,
        LineKind.INVOICED_SERVICES,
        LineKind.OTHER_REVENUE,
        LineKind.REVENUE_AS_PRINTED,
        LineKind.OVERHEAD_INCOME_DEDUCTED,
    }
)
KIND_ORDER = {kind: n for n, kind in enumerate(LineKind.values)}


class BudgetContent(PeriodContent):
    """PeriodContent that the seed may write into an adopted period (figures as printed)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if loading.loading_source():
            AuditedModel.save(self, *args, **kwargs)
        else:
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if loading.loading_source():
            return AuditedModel.delete(self, *args, **kwargs)
        return super().delete(*args, **kwargs)


class BudgetLine(BudgetContent):
    """One line of a budget table. Costs are negative, revenue positive, as printed."""

    period = models.ForeignKey(
        PlanningPeriod, on_delete=models.PROTECT, related_name="budget_lines", verbose_name=_("år")
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("enhet"),
        help_text=_("Tom för förbundets totaltabell."),
    )
    code = models.SlugField(_("radkod"), max_length=60, validators=[slug_code])
    kind = models.CharField(_("slag"), max_length=30, choices=LineKind.choices)
    label = models.CharField(_("rubrik"), max_length=200)
    amount = money_field(_("belopp (kr)"))
    salaries = money_field(
        _("lönesumma (kr)"),
        null=True,
        blank=True,
        help_text=_("Anges lönesumman beräknas personalkostnaden med PO-pålägget."),
    )
    sort_order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    source = models.CharField(_("källa"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("budgetrad")
        verbose_name_plural = _("budgetrader")
        ordering = ["period", "unit__sort_order", "sort_order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "unit", "code"],
                condition=models.Q(unit__isnull=False),
                name="budget_line_unique_code_per_unit",
            ),
            models.UniqueConstraint(
                fields=["period", "code"],
                condition=models.Q(unit__isnull=True),
                name="budget_line_unique_code_in_total",
            ),
        ]
        indexes = [models.Index(fields=["period", "unit", "kind"], name="budget_line_sum_idx")]

    def __str__(self) -> str:
        return f"{self.period.year} {self.unit or _('Förbundet')}: {self.label}"

    @property
    def section(self) -> str:
        return LineKind.section_of(self.kind)


class StatedFigure(BudgetContent):
    """A subtotal, total or result as printed in the source, kept beside the computed value."""

    class Figure(models.TextChoices):
        TOTAL_REVENUE = "total_revenue", _("summa intäkter")
        TOTAL_COSTS = "total_costs", _("summa kostnader")
        RESULT = "result", _("resultat")

    period = models.ForeignKey(
        PlanningPeriod, on_delete=models.PROTECT, related_name="stated_figures"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="stated_figures"
    )
    figure = models.CharField(_("summa"), max_length=20, choices=Figure.choices)
    amount = money_field(_("belopp som tryckt (kr)"))
    source = models.CharField(_("källa"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("tryckt summa")
        verbose_name_plural = _("tryckta summor")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "unit", "figure"],
                condition=models.Q(unit__isnull=False),
                name="budget_stated_unique_per_unit",
            ),
            models.UniqueConstraint(
                fields=["period", "figure"],
                condition=models.Q(unit__isnull=True),
                name="budget_stated_unique_in_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period.year} {self.unit or _('Förbundet')}: {self.get_figure_display()}"


class Assumptions(BudgetContent):
    """The year's budget assumptions: payroll overhead (PO) and the overhead allocation key."""

    class OverheadBasis(models.TextChoices):
        PERSONNEL = "personnel", _("personalkostnader")
        PERSONNEL_AND_OTHER = "personnel_and_other", _("personal- och övriga kostnader")
        OTHER_COSTS = "other_costs", _("övriga kostnader")
        REVENUE_LESS_OVERHEAD = "revenue_less_overhead", _("intäkter minus OH-kostnad")

    period = models.OneToOneField(
        PlanningPeriod, on_delete=models.PROTECT, related_name="budget_assumptions"
    )
    payroll_overhead_rate = rate_field(
        _("PO-pålägg (%)"), null=True, blank=True, validators=[MinValueValidator(Decimal(0))]
    )
    overhead_rate = rate_field(
        _("fördelningsnyckel för overhead (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    overhead_basis = models.CharField(
        _("underlag för fördelningsnyckeln"),
        max_length=30,
        choices=OverheadBasis.choices,
        default=OverheadBasis.PERSONNEL,
        help_text=_(
            "Källan anger inte underlaget; personalkostnader passar de tryckta talen bäst."
        ),
    )
    source = models.CharField(_("källa"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("budgetförutsättningar")
        verbose_name_plural = _("budgetförutsättningar")

    def __str__(self) -> str:
        return f"{self.period.year}"


class FeeModel(BudgetContent):
    """The member fee: kronor per inhabitant, indexed from the previous year."""

    period = models.OneToOneField(
        PlanningPeriod, on_delete=models.PROTECT, related_name="fee_model"
    )
    rate_per_inhabitant = models.DecimalField(
        _("avgift per invånare (kr)"), max_digits=8, decimal_places=2
    )
    indexation = rate_field(_("indexuppräkning från föregående år (%)"), null=True, blank=True)
    population_reference_date = models.DateField(
        _("folkmängd per"),
        help_text=_("Planen anger inte referensdatum; det är en inställning."),
    )
    budgeted_income = money_field(_("budgeterade medlemsavgifter (kr)"))
    source = models.CharField(_("källa"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("avgiftsmodell")
        verbose_name_plural = _("avgiftsmodeller")

    def __str__(self) -> str:
        return f"{self.period.year}: {self.rate_per_inhabitant} kr/inv."


class FeeAllocation(BudgetContent):
    """The part of the member fee distributed to a unit (not printed in the plan)."""

    period = models.ForeignKey(PlanningPeriod, on_delete=models.PROTECT, related_name="fee_shares")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="fee_shares")
    amount = money_field(_("andel av medlemsavgiften (kr)"))

    class Meta:
        verbose_name = _("fördelning av medlemsavgift")
        verbose_name_plural = _("fördelning av medlemsavgifter")
        ordering = ["unit__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["period", "unit"], name="budget_fee_share_once")
        ]

    def __str__(self) -> str:
        return f"{self.period.year} {self.unit}"


class BalanceSheet(AuditedModel):
    """Balance sheet figures the controller enters for the financial targets (not frozen)."""

    period = models.OneToOneField(
        PlanningPeriod, on_delete=models.PROTECT, related_name="balance_sheet"
    )
    as_of = models.DateField(_("per datum"), null=True, blank=True)
    equity = money_field(_("eget kapital (kr)"))
    total_assets = money_field(_("summa tillgångar (kr)"), validators=[MinValueValidator(0)])
    current_assets = money_field(_("omsättningstillgångar (kr)"), validators=[MinValueValidator(0)])
    current_liabilities = money_field(
        _("kortfristiga skulder (kr)"), validators=[MinValueValidator(0)]
    )
    source = models.CharField(_("källa"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("balansräkning")
        verbose_name_plural = _("balansräkningar")

    def __str__(self) -> str:
        return f"{self.period.year}"


class BudgetSnapshot(models.Model):
    """The budget lines as adopted in one revision of a period (written on adoption)."""

    period = models.ForeignKey(
        PlanningPeriod, on_delete=models.CASCADE, related_name="budget_snapshots"
    )
    revision = models.PositiveSmallIntegerField(_("revidering"))
    taken_at = models.DateTimeField(_("tidpunkt"), auto_now_add=True)
    # [{"unit": code or "", "code": …, "label": …, "kind": …, "amount": "…"}]
    lines = models.JSONField(_("rader"), default=list)

    class Meta:
        verbose_name = _("budgetversion")
        verbose_name_plural = _("budgetversioner")
        ordering = ["period", "revision"]
        constraints = [
            models.UniqueConstraint(fields=["period", "revision"], name="budget_snapshot_once")
        ]

    def __str__(self) -> str:
        return f"{self.period.year} rev. {self.revision}"
