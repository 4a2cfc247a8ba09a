"""The project portfolio: externally funded projects, applications, funders and co-financing."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from samverka.audit.models import AuditedModel
from samverka.core.fields import money_field
from samverka.orgs.models import PeriodContent, PlanningPeriod, slug_code
from samverka.portfolio.period import Period
from samverka.portfolio.spreading import spread_by_year, spread_over_months

PROJECT_UNIT_CODE = "projektenhet"


class Funder(AuditedModel):
    """Who pays for projects from outside the federation (anslagsgivare)."""

    class Kind(models.TextChoices):
        EU = "eu", _("EU")
        STATE = "state", _("statlig myndighet")
        REGION = "region", _("region")
        OTHER = "other", _("annan")

    code = models.SlugField(_("kod"), unique=True, validators=[slug_code])
    name = models.CharField(_("namn"), max_length=100)
    full_name = models.CharField(_("fullständigt namn"), max_length=200, blank=True)
    kind = models.CharField(_("slag"), max_length=10, choices=Kind.choices)
    source = models.CharField(_("källa"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("anslagsgivare")
        verbose_name_plural = _("anslagsgivare")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Project(AuditedModel):
    """A project or an application for one, from idea to closure."""

    class Status(models.TextChoices):
        IDEA = "idea", _("idé")
        APPLICATION = "application", _("ansökan")
        GRANTED = "granted", _("beviljat")
        REJECTED = "rejected", _("avslag")
        RUNNING = "running", _("pågår")
        CLOSING = "closing", _("avslutas")
        CLOSED = "closed", _("avslutat")

    # Statuses whose projects carry money in the years they run.
    FUNDED = (Status.GRANTED, Status.RUNNING, Status.CLOSING, Status.CLOSED)
    OPEN = (Status.IDEA, Status.APPLICATION, Status.GRANTED, Status.RUNNING, Status.CLOSING)

    federation = models.ForeignKey(
        "orgs.Federation", on_delete=models.PROTECT, related_name="projects"
    )
    code = models.SlugField(_("kod"), max_length=80, unique=True, validators=[slug_code])
    name = models.CharField(_("namn"), max_length=200)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.IDEA
    )
    start = models.DateField(_("startdatum"), null=True, blank=True)
    end = models.DateField(_("slutdatum"), null=True, blank=True)
    owning_unit = models.ForeignKey(
        "orgs.Unit",
        on_delete=models.PROTECT,
        related_name="owned_projects",
        verbose_name=_("ägande enhet"),
    )
    thematic_unit = models.ForeignKey(
        "orgs.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="thematic_projects",
        verbose_name=_("tematisk enhet"),
        help_text=_("Enheten som identifierat behovet och tar över resultatet."),
    )
    decisions = models.ManyToManyField(
        "decisions.Decision", blank=True, related_name="projects", verbose_name=_("beslut")
    )
    funders = models.ManyToManyField(
        Funder, blank=True, related_name="projects", verbose_name=_("anslagsgivare")
    )
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="managed_projects",
        verbose_name=_("projektledare"),
    )
    total_budget = money_field(
        _("total budget"),
        null=True,
        blank=True,
        help_text=_("Hela periodens kostnader. Fördelas över månaderna där årsbelopp saknas."),
    )
    budgeted_before_answer = models.BooleanField(
        _("i budget innan besked"),
        default=False,
        help_text=_("Ansökan räknas med i budgeten fast anslagsgivarens besked inte kommit."),
    )
    answer_expected_by = models.DateField(_("besked väntas senast"), null=True, blank=True)
    description = models.TextField(_("beskrivning"), blank=True)
    note = models.TextField(_("anmärkning"), blank=True)
    source = models.CharField(_("källa"), max_length=300, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("projekt")
        verbose_name_plural = _("projekt")
        ordering = ["sort_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start__isnull=True)
                | models.Q(end__isnull=True)
                | models.Q(end__gte=models.F("start")),
                name="portfolio_project_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if (self.start is None) != (self.end is None):
            raise ValidationError(_("Ange både start- och slutdatum, eller inget av dem."))
        if self.start and self.end and self.end < self.start:
            raise ValidationError(_("Slutdatumet ligger före startdatumet."))

    @property
    def period(self) -> Period | None:
        if self.start is None or self.end is None:
            return None
        return Period(self.start, self.end)

    @property
    def counts_in_budget(self) -> bool:
        """Granted or running, or an application the budget already counts on."""
        return self.status in self.FUNDED or (
            self.status == self.Status.APPLICATION and self.budgeted_before_answer
        )

    def runs_in(self, year: int) -> bool:
        return self.period is not None and self.period.overlaps_year(year)

    def years(self) -> list[int]:
        if self.period is None:
            return []
        return list(range(self.start.year, self.end.year + 1))

    def budget_by_year(self) -> list["YearBudget"]:
        """Each year's budget: the stated yearly amount, else its share of the total.

        Where some years are stated and the total is known, what remains of the total after the
        stated years is spread over the months of the other years.
        """
        if self.period is None:
            return []
        stated = {y.year: y.budget for y in self.year_figures.all() if y.budget is not None}
        missing = {year for year in self.years() if year not in stated}
        spread: dict[int, Decimal] = {}
        if missing and self.total_budget is not None:
            remainder = self.total_budget - sum(stated.values(), Decimal(0))
            spread = spread_by_year(remainder, self.start, self.end, missing)
        result = []
        for year in self.years():
            if year in stated:
                result.append(YearBudget(year, stated[year], YearBudget.STATED))
            elif year in spread:
                result.append(YearBudget(year, spread[year], YearBudget.SPREAD))
            else:
                result.append(YearBudget(year, None, YearBudget.UNKNOWN))
        return result

    def budget_for(self, year: int) -> "YearBudget":
        for item in self.budget_by_year():
            if item.year == year:
                return item
        return YearBudget(year, Decimal(0), YearBudget.OUTSIDE)

    def monthly_spread(self):
        """The total spread over every month of the period (ignores stated yearly amounts)."""
        if self.period is None or self.total_budget is None:
            return []
        return spread_over_months(self.total_budget, self.start, self.end)


@dataclass(frozen=True)
class YearBudget:
    STATED = "stated"
    SPREAD = "spread"
    UNKNOWN = "unknown"
    OUTSIDE = "outside"

    year: int
    amount: Decimal | None
    basis: str

    @property
    def basis_label(self) -> str:
        return {
            self.STATED: _("angivet årsbelopp"),
            self.SPREAD: _("fördelat ur totalbudgeten, dag för dag"),
            self.UNKNOWN: _("okänt – varken årsbelopp eller totalbudget finns"),
            self.OUTSIDE: _("projektet pågår inte detta år"),
        }[self.basis]


class _YearContent(PeriodContent):
    """Figures for one project and calendar year, frozen with that year's planning period.

    A project runs over years that may have no planning period yet; those are editable.
    """

    class Meta:
        abstract = True

    def _locking_period(self) -> PlanningPeriod:
        federation_id = self.project.federation_id  # type: ignore[attr-defined]
        period = PlanningPeriod.objects.filter(
            federation_id=federation_id,
            year=self.year,  # type: ignore[attr-defined]
        ).first()
        return period or PlanningPeriod(year=self.year)  # type: ignore[attr-defined]


class ProjectYear(_YearContent):
    """A project's budget for one calendar year, with the personnel costs and overhead in it."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="year_figures")
    year = models.PositiveSmallIntegerField(_("år"))
    budget = money_field(_("budget (kostnader)"), null=True, blank=True)
    personnel_costs = money_field(_("personalkostnader"), null=True, blank=True)
    overhead = money_field(_("OH-kostnader"), null=True, blank=True)
    source = models.CharField(_("källa"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("projektår")
        verbose_name_plural = _("projektår")
        ordering = ["project", "year"]
        constraints = [
            models.UniqueConstraint(fields=["project", "year"], name="portfolio_projectyear_once")
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.year}"


class Financing(_YearContent):
    """Money for a project in one year from one source: own funds, DRUM, members or a funder."""

    class Kind(models.TextChoices):
        OWN = "own", _("egna medel")
        DRUM = "drum", _("DRUM")
        MEMBERS = "members", _("medfinansiering från medlemmarna")
        EXTERNAL = "external", _("extern anslagsgivare")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="financing")
    year = models.PositiveSmallIntegerField(_("år"))
    kind = models.CharField(_("slag"), max_length=10, choices=Kind.choices)
    funder = models.ForeignKey(
        Funder,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="financing",
        verbose_name=_("anslagsgivare"),
    )
    amount = money_field(_("belopp"))
    source = models.CharField(_("källa"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("finansiering")
        verbose_name_plural = _("finansiering")
        ordering = ["project", "year", "kind"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="external") & models.Q(funder__isnull=False))
                | (~models.Q(kind="external") & models.Q(funder__isnull=True)),
                name="portfolio_financing_funder_iff_external",
                violation_error_message=_(
                    "Anslagsgivare anges för extern finansiering och bara för den."
                ),
            ),
            models.UniqueConstraint(
                fields=["project", "year", "kind"],
                condition=models.Q(funder__isnull=True),
                name="portfolio_financing_own_source_once",
                violation_error_message=_(
                    "Projektet har redan ett belopp från den källan det året; ändra det i stället."
                ),
            ),
            models.UniqueConstraint(
                fields=["project", "year", "funder"],
                condition=models.Q(funder__isnull=False),
                name="portfolio_financing_funder_once",
                violation_error_message=_(
                    "Projektet har redan ett belopp från den anslagsgivaren det året; ändra det i "
                    "stället."
                ),
            ),
        ]

    @property
    def funder_code(self) -> str | None:
        return self.funder.code if self.funder_id else None

    @property
    def source_code(self) -> str:
        """How the row is addressed in URLs: the funder's code, or the kind."""
        return self.funder.code if self.funder_id else self.kind

    def __str__(self) -> str:
        who = self.funder or self.get_kind_display()
        return f"{self.project} {self.year}: {who}"

    def clean(self) -> None:
        if self.kind == self.Kind.EXTERNAL and self.funder_id is None:
            raise ValidationError({"funder": _("Ange anslagsgivaren för extern finansiering.")})
        if self.kind != self.Kind.EXTERNAL and self.funder_id is not None:
            raise ValidationError(
                {"funder": _("Anslagsgivare anges bara för extern finansiering.")}
            )
