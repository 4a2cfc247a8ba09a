"""The economic plan: scenarios of assumptions for the two plan years after a budget year.

A scenario belongs to the budget year's planning period and is frozen with it on adoption
(`PeriodContent`). Its assumptions, population forecasts and figures entered by hand are the
only stored plan data: every projected figure is computed on request (`projection.py`).
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from samverka.budget.models import LineKind, rate_field
from samverka.core.fields import money_field
from samverka.orgs.models import Member, PeriodContent, PlanningPeriod, Unit, slug_code

PLAN_YEARS = 2  # the plan years after the budget year (kommunallagen 11 kap. 8 §: three in all)


def index_field(verbose_name, **kwargs) -> models.DecimalField:
    """A yearly change in per cent, e.g. 3 for 3 %; may be negative (a falling population)."""
    return rate_field(
        verbose_name,
        validators=[MinValueValidator(Decimal(-50)), MaxValueValidator(Decimal(100))],
        **kwargs,
    )


class Scenario(PeriodContent):
    """Named assumptions for the plan years; one of a period's scenarios is the proposal."""

    period = models.ForeignKey(
        PlanningPeriod, on_delete=models.PROTECT, related_name="scenarios", verbose_name=_("år")
    )
    code = models.SlugField(_("kod"), max_length=60, validators=[slug_code])
    name = models.CharField(_("namn"), max_length=120)
    description = models.TextField(_("beskrivning"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skapad av"),
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    is_proposal = models.BooleanField(_("förslag"), default=False)

    class Meta:
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarier")
        ordering = ["period", "-is_proposal", "created_at", "code"]
        constraints = [
            models.UniqueConstraint(fields=["period", "code"], name="economy_scenario_code_once"),
            models.UniqueConstraint(
                fields=["period"],
                condition=models.Q(is_proposal=True),
                name="economy_one_proposal_per_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period.year}: {self.name}"

    @property
    def creator_name(self) -> str:
        if self.created_by is None:
            return str(_("systemet"))
        return self.created_by.get_full_name() or self.created_by.get_username()

    @property
    def plan_years(self) -> list[int]:
        return [self.period.year + n for n in range(1, PLAN_YEARS + 1)]


class _ScenarioContent(PeriodContent):
    class Meta:
        abstract = True

    def _locking_period(self) -> PlanningPeriod:
        return self.scenario.period  # type: ignore[attr-defined]


class ScenarioAssumptions(_ScenarioContent):
    """What one plan year of a scenario assumes. Percentages as written: 3 for 3 %."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="assumptions")
    year = models.PositiveSmallIntegerField(_("år"))
    fee_per_inhabitant = models.DecimalField(
        _("avgift per invånare (kr)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Lämna tomt för att räkna upp föregående års avgift med indexet nedan."),
    )
    fee_indexation = index_field(_("indexuppräkning av avgiften (%)"), default=Decimal(0))
    payroll_overhead_rate = rate_field(
        _("PO-pålägg (%)"), validators=[MinValueValidator(Decimal(0))]
    )
    overhead_rate = rate_field(
        _("fördelningsnyckel för overhead (%)"), validators=[MinValueValidator(Decimal(0))]
    )
    wage_index = index_field(_("löneökning (%)"), default=Decimal(0))
    price_index = index_field(_("prisökning, övriga kostnader (%)"), default=Decimal(0))
    population_growth = index_field(
        _("befolkningsförändring (%)"),
        default=Decimal(0),
        help_text=_("Gäller de kommuner som saknar en egen befolkningsprognos för året."),
    )

    class Meta:
        verbose_name = _("antaganden för planår")
        verbose_name_plural = _("antaganden för planår")
        ordering = ["scenario", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["scenario", "year"], name="economy_assumptions_once_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scenario} {self.year}"


class PopulationForecast(_ScenarioContent):
    """A member's inhabitants in a plan year, as the scenario assumes."""

    scenario = models.ForeignKey(
        Scenario, on_delete=models.CASCADE, related_name="population_forecasts"
    )
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("år"))
    inhabitants = models.PositiveIntegerField(_("invånare"))

    class Meta:
        verbose_name = _("befolkningsprognos")
        verbose_name_plural = _("befolkningsprognoser")
        ordering = ["scenario", "year", "member__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["scenario", "member", "year"], name="economy_forecast_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scenario} {self.member} {self.year}"


class PlanYearLine(_ScenarioContent):
    """A plan-year figure entered by hand. It wins over the projection; a recompute never
    changes it (the page shows the projection beside it)."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="entered_lines")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("år"))
    kind = models.CharField(_("slag"), max_length=30, choices=LineKind.choices)
    amount = money_field(_("belopp (kr)"))
    entered = models.BooleanField(_("inmatad för hand"), default=True, editable=False)

    class Meta:
        verbose_name = _("inmatat planbelopp")
        verbose_name_plural = _("inmatade planbelopp")
        ordering = ["scenario", "year", "unit__sort_order", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["scenario", "unit", "year", "kind"], name="economy_plan_line_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scenario} {self.unit} {self.year} {self.get_kind_display()}"
