"""Goals, indicators and their measurements, the open-data mappings and the members' survey."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from samverka.audit.models import AuditedModel
from samverka.lib.money import format_as_written
from samverka.orgs.models import Federation, Member, PeriodContent, PlanningPeriod, slug_code


class Strategy(AuditedModel):
    """A politically adopted strategy or assignment that steers the federation's work."""

    class Kind(models.TextChoices):
        STRATEGY = "strategy", _("strategi")
        ASSIGNMENT = "assignment", _("uppdrag")

    federation = models.ForeignKey(Federation, on_delete=models.PROTECT, related_name="strategies")
    code = models.SlugField(_("kod"), unique=True, validators=[slug_code])
    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("slag"), max_length=20, choices=Kind.choices)
    source = models.CharField(_("källa"), max_length=300, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("strategi eller uppdrag")
        verbose_name_plural = _("strategier och uppdrag")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Goal(AuditedModel):
    """One of the board's overall goals, with why it matters and the effects it should have."""

    federation = models.ForeignKey(Federation, on_delete=models.PROTECT, related_name="goals")
    number = models.PositiveSmallIntegerField(_("nummer"))
    code = models.SlugField(_("kod"), unique=True, validators=[slug_code])
    name = models.CharField(_("namn"), max_length=200)
    statement = models.TextField(_("målformulering"), blank=True)
    why = models.TextField(_("varför är detta område viktigt?"), blank=True)
    effects = models.TextField(_("konkreta effekter som ska uppnås"), blank=True)
    strategies = models.ManyToManyField(
        Strategy, blank=True, related_name="goals", verbose_name=_("styrande strategier")
    )
    source = models.CharField(_("källa"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["federation", "number"], name="goals_goal_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"Mål {self.number} – {self.name}"

    def why_points(self) -> list[str]:
        return [p for p in self.why.split("\n\n") if p.strip()]

    def effect_points(self) -> list[str]:
        return [p for p in self.effects.split("\n\n") if p.strip()]


class Indicator(AuditedModel):
    """A measured quantity that shows progress towards a goal."""

    class Direction(models.TextChoices):
        INCREASE = "increase", _("ökande")
        DECREASE = "decrease", _("minskande")

    class SourceKind(models.TextChoices):
        KOLADA = "kolada", _("Kolada (nyckeltal)")
        SCB = "scb", _("SCB (statistikdatabasen)")
        SURVEY = "survey", _("medlemsenkäten")
        MANUAL = "manual", _("inmatas för hand")

    class Aggregation(models.TextChoices):
        SUM = "sum", _("summa av medlemmarnas värden")
        WEIGHTED_MEAN = "weighted_mean", _("medelvärde vägt med folkmängd")
        SOURCE = "source", _("källans eget värde för förbundets område")
        RESPONDENTS = "respondents", _("andel av alla svarande")

    # How the federation's value is formed, in a sentence shown next to the value.
    AGGREGATION_EXPLANATIONS = {
        Aggregation.SUM: _(
            "Summan av medlemmarnas värden. Visas bara när alla medlemmar har ett värde."
        ),
        Aggregation.WEIGHTED_MEAN: _(
            "Medelvärdet av medlemmarnas värden, vägt med varje medlems folkmängd."
        ),
        Aggregation.SOURCE: _("Källans eget värde för hela förbundet, inte beräknat här."),
        Aggregation.RESPONDENTS: _(
            "Andelen av alla svarande i enkäten: alla som uppger det, delat med alla svarande "
            "i medlemskommunerna. Inte ett medelvärde av kommunernas andelar."
        ),
    }

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="indicators")
    code = models.SlugField(_("kod"), unique=True, validators=[slug_code])
    name = models.CharField(_("namn"), max_length=300)
    unit = models.CharField(_("enhet"), max_length=40, help_text=_("T.ex. antal, index, MWh, %."))
    decimals = models.PositiveSmallIntegerField(_("decimaler som visas"), default=0)
    direction = models.CharField(
        _("önskad riktning"), max_length=10, choices=Direction.choices, default=Direction.INCREASE
    )
    source_kind = models.CharField(_("källa"), max_length=10, choices=SourceKind.choices)
    aggregation = models.CharField(
        _("värde för förbundets område"), max_length=20, choices=Aggregation.choices
    )
    baseline_year = models.PositiveSmallIntegerField(_("basår"), null=True, blank=True)
    tolerance_percent = models.DecimalField(
        _("tolerans (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("2.00"),
        help_text=_(
            "Hur långt från jämförelsevärdet utfallet får ligga och ändå vara i riskzonen."
        ),
    )
    description = models.TextField(_("beskrivning"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        ordering = ["goal__number", "sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "name"], name="goals_indicator_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.aggregation:
            self.aggregation = self.default_aggregation(self.source_kind)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if (
            self.aggregation == self.Aggregation.RESPONDENTS
            and self.source_kind != self.SourceKind.SURVEY
        ):
            raise ValidationError(
                {"aggregation": _("Andel av alla svarande finns bara för enkätindikatorer.")}
            )

    @classmethod
    def default_aggregation(cls, source_kind: str) -> str:
        """A survey of the members' officials is not a sample of inhabitants: its value is the
        share of all respondents, not a mean weighted by population."""
        if source_kind == cls.SourceKind.SURVEY:
            return cls.Aggregation.RESPONDENTS
        return cls.Aggregation.WEIGHTED_MEAN

    @property
    def aggregation_explanation(self) -> str:
        return str(self.AGGREGATION_EXPLANATIONS.get(self.aggregation, ""))


class KoladaMapping(AuditedModel):
    """Which Kolada KPI an indicator is read from. Data an administrator corrects.

    A fetch compares the KPI's title in Kolada with `expected_title` and stores nothing for the
    indicator when they differ, so that a wrong id never fills the indicator with wrong values.
    """

    class Certainty(models.TextChoices):
        CONFIRMED = "confirmed", _("bekräftad")
        CORROBORATED = "corroborated", _("styrkt")
        UNCONFIRMED = "unconfirmed", _("obekräftad")
        UNKNOWN = "unknown", _("okänd – id saknas")

    indicator = models.OneToOneField(
        Indicator, on_delete=models.CASCADE, related_name="kolada", verbose_name=_("indikator")
    )
    kpi_id = models.CharField(
        _("KPI-id"), max_length=20, blank=True, help_text=_("T.ex. N01951. Tomt: hämtas inte.")
    )
    expected_title = models.CharField(_("förväntad titel i Kolada"), max_length=300, blank=True)
    certainty = models.CharField(
        _("säkerhet"), max_length=15, choices=Certainty.choices, default=Certainty.UNCONFIRMED
    )
    region_area_id = models.CharField(
        _("område för förbundets värde"),
        max_length=20,
        blank=True,
        help_text=_("Kolada-id för förbundets område när indikatorn använder källans eget värde."),
    )
    note = models.TextField(_("anmärkning"), blank=True)

    class Meta:
        verbose_name = _("koppling till Kolada")
        verbose_name_plural = _("kopplingar till Kolada")
        ordering = ["indicator__goal__number", "indicator__sort_order"]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.kpi_id or '–'}"

    @property
    def is_fetchable(self) -> bool:
        return bool(self.kpi_id.strip())


class ScbMapping(AuditedModel):
    """Which SCB table an indicator is read from (PxWeb v1 path or v2 table id)."""

    class Api(models.TextChoices):
        V1 = "v1", _("PxWeb API v1")
        V2 = "v2", _("PxWeb API v2")

    indicator = models.OneToOneField(
        Indicator, on_delete=models.CASCADE, related_name="scb", verbose_name=_("indikator")
    )
    api = models.CharField(_("API"), max_length=2, choices=Api.choices, default=Api.V1)
    table = models.CharField(
        _("tabell"), max_length=200, help_text=_("v1: sökväg, t.ex. EN/EN0203/EN0203A/ProdbrEl.")
    )
    contents_code = models.CharField(_("ContentsCode"), max_length=40)
    selection = models.JSONField(
        _("övriga val"), default=dict, blank=True, help_text=_('T.ex. {"ProdTyp": ["TOT"]}.')
    )
    certainty = models.CharField(
        _("säkerhet"),
        max_length=15,
        choices=KoladaMapping.Certainty.choices,
        default=KoladaMapping.Certainty.UNCONFIRMED,
    )
    note = models.TextField(_("anmärkning"), blank=True)

    class Meta:
        verbose_name = _("koppling till SCB")
        verbose_name_plural = _("kopplingar till SCB")

    def __str__(self) -> str:
        return f"{self.indicator}: {self.table}"


class TargetValue(AuditedModel):
    """A target value of an indicator for one year, entered by a user (the plan states none)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("år"))
    value = models.DecimalField(_("målvärde"), max_digits=18, decimal_places=4)
    note = models.CharField(_("anmärkning"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("målvärde")
        verbose_name_plural = _("målvärden")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="goals_target_one_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.value}"


class Measurement(AuditedModel):
    """The value of an indicator for one year and one area: a member, or the whole area (none)."""

    class Origin(models.TextChoices):
        KOLADA = "kolada", _("Kolada")
        SCB = "scb", _("SCB")
        SURVEY = "survey", _("medlemsenkäten")
        MANUAL = "manual", _("inmatad för hand")
        COMPUTED = "computed", _("beräknad")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    year = models.PositiveSmallIntegerField(_("år"))
    member = models.ForeignKey(
        Member,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="measurements",
        verbose_name=_("kommun"),
        help_text=_("Tomt för förbundets område som helhet."),
    )
    value = models.DecimalField(_("värde"), max_digits=18, decimal_places=4)
    origin = models.CharField(_("ursprung"), max_length=10, choices=Origin.choices)
    source = models.CharField(_("källa"), max_length=300)
    fetched_at = models.DateTimeField(_("hämtad eller inmatad"))

    class Meta:
        verbose_name = _("mätvärde")
        verbose_name_plural = _("mätvärden")
        ordering = ["indicator", "year", "member__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "member"],
                condition=models.Q(member__isnull=False),
                name="goals_measurement_one_per_member",
            ),
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=models.Q(member__isnull=True),
                name="goals_measurement_one_for_region",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year} {self.area_name}: {self.value}"

    @property
    def area_name(self) -> str:
        return self.member.name if self.member_id else self.indicator.goal.federation.region_name


class FetchRun(models.Model):
    """One fetch from an open-data service or one survey import, with how it went.

    A log rather than domain data, so it is not an AuditedModel: the values it writes are.
    """

    class Service(models.TextChoices):
        KOLADA = "kolada", _("Kolada")
        SCB = "scb", _("SCB")
        SURVEY = "survey", _("medlemsenkäten")

    class Status(models.TextChoices):
        RUNNING = "running", _("pågår")
        OK = "ok", _("lyckades")
        PARTIAL = "partial", _("delvis – se meddelande")
        FAILED = "failed", _("misslyckades")

    service = models.CharField(_("tjänst"), max_length=10, choices=Service.choices)
    started_at = models.DateTimeField(_("start"))
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RUNNING
    )
    stored = models.PositiveIntegerField(_("sparade värden"), default=0)
    message = models.TextField(_("meddelande"), blank=True)

    class Meta:
        verbose_name = _("hämtning")
        verbose_name_plural = _("hämtningar")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_service_display()} {self.started_at:%Y-%m-%d %H:%M}: {self.status}"

    @classmethod
    def last_success(cls, service: str) -> "FetchRun | None":
        return (
            cls.objects.filter(service=service, status__in=[cls.Status.OK, cls.Status.PARTIAL])
            .order_by("-started_at", "-id")
            .first()
        )


def default_scale() -> list[str]:
    return [
        "Instämmer helt",
        "Instämmer till stor del",
        "Instämmer till viss del",
        "Instämmer inte alls",
        "Vet ej",
    ]


def default_counted() -> list[str]:
    return ["Instämmer helt", "Instämmer till stor del"]


def default_excluded() -> list[str]:
    return ["Vet ej"]


class SurveyQuestion(AuditedModel):
    """A question of the members' survey and which answers count as "uppger".

    share = answers in `counted_answers` / answers not in `excluded_answers`, in per cent.
    """

    indicator = models.OneToOneField(
        Indicator, on_delete=models.CASCADE, related_name="survey", verbose_name=_("indikator")
    )
    text = models.CharField(_("fråga i enkätfilen"), max_length=400, unique=True)
    answer_scale = models.JSONField(_("svarsalternativ"), default=default_scale)
    counted_answers = models.JSONField(_("svar som räknas som ”uppger”"), default=default_counted)
    excluded_answers = models.JSONField(
        _("svar som inte räknas med i underlaget"), default=default_excluded, blank=True
    )

    class Meta:
        verbose_name = _("enkätfråga")
        verbose_name_plural = _("enkätfrågor")
        ordering = ["indicator__sort_order"]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        scale = set(self.answer_scale or [])
        outside = [a for a in [*self.counted_answers, *self.excluded_answers] if a not in scale]
        if outside:
            raise ValidationError(
                _("Svaren %(answers)s finns inte bland svarsalternativen.")
                % {"answers": ", ".join(outside)}
            )
        if set(self.counted_answers) & set(self.excluded_answers):
            raise ValidationError(_("Ett svar kan inte både räknas och uteslutas."))


class SurveyResponse(AuditedModel):
    """One answer of one respondent to one question in the survey of a year."""

    year = models.PositiveSmallIntegerField(_("år"))
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="survey_responses", verbose_name=_("kommun")
    )
    respondent_role = models.CharField(_("respondentens roll"), max_length=200)
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="responses")
    answer = models.CharField(_("svar"), max_length=100)
    row_number = models.PositiveIntegerField(_("rad i filen"))

    class Meta:
        verbose_name = _("enkätsvar")
        verbose_name_plural = _("enkätsvar")
        ordering = ["year", "row_number"]

    def __str__(self) -> str:
        return f"{self.year} {self.member} {self.question_id}: {self.answer}"


class FinancialTarget(PeriodContent):
    """One of the federation's financial targets for a planning period, as printed.

    `measure` says what the budget computes for it (budget.targets). The result target may be
    stated as a rule, a share of the year's member fees (`fee_share`, with its own comparison:
    "minst en procent av medlemsavgifterna"), as a fixed amount (`target_value` in kr), or as
    both, as the first federation's plan prints it: then the rule is measured and an amount
    that differs from it is reported, never corrected."""

    class Comparison(models.TextChoices):
        AT_LEAST = "at_least", _("minst")
        ABOVE = "above", _("större än")

    class Measure(models.TextChoices):
        RESULT = "result", _("Resultat")
        SOLIDITY = "solidity", _("Soliditet")
        QUICK_RATIO = "quick_ratio", _("Kassalikviditet")

    # The measures in URLs, by their Swedish names.
    SLUGS = {"resultat": "result", "soliditet": "solidity", "kassalikviditet": "quick_ratio"}

    period = models.ForeignKey(
        PlanningPeriod, on_delete=models.PROTECT, related_name="financial_targets"
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    code = models.SlugField(_("kod"), validators=[slug_code])
    measure = models.CharField(
        _("nyckeltal"),
        max_length=20,
        choices=Measure.choices,
        blank=True,
        help_text=_("Det som budgeten räknar fram och prövar mot målet."),
    )
    name = models.CharField(_("namn"), max_length=100)
    text = models.TextField(_("mål"))
    explanation = models.TextField(_("målvärde enligt planen"), blank=True)
    comparison = models.CharField(_("jämförelse"), max_length=10, choices=Comparison.choices)
    target_value = models.DecimalField(
        _("målvärde"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("enhet"), max_length=10, help_text=_("kr eller %"))
    fee_share = models.DecimalField(
        _("andel av medlemsavgifterna (%)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Resultatmålet som andel av årets budgeterade medlemsavgifter."),
    )
    fee_share_comparison = models.CharField(
        _("jämförelse för andelen"),
        max_length=10,
        choices=Comparison.choices,
        default=Comparison.AT_LEAST,
    )
    source = models.CharField(_("källa"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("finansiellt mål")
        verbose_name_plural = _("finansiella mål")
        ordering = ["period", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "code"], name="goals_financialtarget_unique_code"
            ),
            models.UniqueConstraint(
                fields=["period", "measure"],
                condition=~models.Q(measure=""),
                name="goals_financialtarget_unique_measure",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period.year}: {self.name}"

    @property
    def slug(self) -> str:
        return next((s for s, m in self.SLUGS.items() if m == self.measure), self.code)

    @property
    def fee_share_text(self) -> str:
        return format_as_written(self.fee_share) if self.fee_share is not None else ""

    @property
    def is_share_of_fees(self) -> bool:
        return self.measure == self.Measure.RESULT and self.fee_share is not None

    @property
    def rule_comparison(self) -> str:
        """The comparison the budget is measured by: the share's, when the rule is a share."""
        return self.fee_share_comparison if self.is_share_of_fees else self.comparison

    def meets(self, value: Decimal, threshold: Decimal) -> bool:
        if self.rule_comparison == self.Comparison.ABOVE:
            return value > threshold
        return value >= threshold

    def clean(self) -> None:
        errors = {}
        if self.measure == self.Measure.RESULT:
            if self.fee_share is None and self.target_value is None:
                errors["fee_share"] = _(
                    "Ange resultatmålet som andel av medlemsavgifterna, som belopp i kronor "
                    "eller båda."
                )
            if self.fee_share is not None and not 0 < self.fee_share <= 100:
                errors["fee_share"] = _("Andelen ska vara större än 0 och högst 100 %.")
        elif self.measure:
            if self.target_value is None:
                errors["target_value"] = _("Ange målvärdet i procent.")
            elif not 0 <= self.target_value <= 10000:
                errors["target_value"] = _("Målvärdet ska vara mellan 0 och 10 000 %.")
            if self.fee_share is not None:
                errors["fee_share"] = _("Bara resultatmålet kan vara en andel av avgifterna.")
        if errors:
            raise ValidationError(errors)


def year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)
