"""The federation and its organisation: members, units, planning periods, bodies and networks."""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from samverka.audit.models import AuditedModel

slug_code = RegexValidator(r"^[a-z0-9-]+$", _("Endast a–z, siffror och bindestreck."))


class OpenDataLicence(models.TextChoices):
    """The licences the open data may carry, by the URI that DCAT catalogues use for them."""

    CC0 = "http://creativecommons.org/publicdomain/zero/1.0/", _("CC0 1.0 (fri användning)")
    CC_BY = "http://creativecommons.org/licenses/by/4.0/", _("CC BY 4.0 (ange källan)")


class Federation(AuditedModel):
    """The federation this installation serves: there is exactly one per database.

    Find it with `orgs.federation.current()`, never as "the first one".
    """

    name = models.CharField(_("namn"), max_length=200)
    short_name = models.CharField(
        _("kortnamn"),
        max_length=100,
        blank=True,
        help_text=_(
            "Namnet på området som helhet, som det visas bredvid medlemskommunerna. "
            "Tomt: förbundets namn."
        ),
    )
    code = models.SlugField(_("kod"), unique=True, validators=[slug_code])
    organisation_number = models.CharField(_("organisationsnummer"), max_length=20, blank=True)
    purpose = models.TextField(_("ändamål (§ 3 förbundsordningen)"), blank=True)
    description = models.TextField(_("beskrivning"), blank=True)
    # Always True: with the unique constraint below it lets the database refuse a second
    # federation, on SQLite and PostgreSQL alike.
    singleton = models.BooleanField(default=True, editable=False)
    # The accessibility statement (lag 2018:1937) must say where to report a barrier.
    contact_email = models.EmailField(
        _("e-post för synpunkter och tillgänglighetsbrister"), blank=True
    )
    # Each publication of open data records the licence in force when it was published.
    open_data_licence = models.CharField(
        _("licens för öppna data"),
        max_length=100,
        choices=OpenDataLicence.choices,
        default=OpenDataLicence.CC0,
    )

    class Meta:
        verbose_name = _("förbund")
        verbose_name_plural = _("förbund")
        constraints = [
            models.UniqueConstraint(
                fields=["singleton"],
                name="orgs_federation_one_per_installation",
                violation_error_message=_(
                    "Det finns redan ett förbund i den här installationen: "
                    "en installation har ett enda förbund."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(singleton=True), name="orgs_federation_singleton_is_true"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def region_name(self) -> str:
        """The area as a whole, beside its members (e.g. in indicator tables)."""
        return self.short_name or self.name


class Affiliation(AuditedModel):
    """An organisation the federation belongs to or owns a share of (VästKom, owned companies)."""

    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("medlem i förening")
        COMPANY = "company", _("delägt bolag")

    federation = models.ForeignKey(
        Federation, on_delete=models.CASCADE, related_name="affiliations"
    )
    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("slag"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("beskrivning"), blank=True)

    class Meta:
        verbose_name = _("anknuten organisation")
        verbose_name_plural = _("anknutna organisationer")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["federation", "name"], name="orgs_affiliation_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Member(AuditedModel):
    """A member municipality, identified by its official four-digit municipality code."""

    federation = models.ForeignKey(Federation, on_delete=models.PROTECT, related_name="members")
    name = models.CharField(_("namn"), max_length=100)
    municipality_code = models.CharField(
        _("kommunkod"),
        max_length=4,
        unique=True,
        validators=[RegexValidator(r"^\d{4}$", _("Kommunkoden är fyra siffror."))],
    )

    class Meta:
        verbose_name = _("medlemskommun")
        verbose_name_plural = _("medlemskommuner")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def population_on(self, year: int) -> "Population | None":
        """The latest population figure with a reference date in `year` or earlier."""
        prefetched = getattr(self, "_prefetched_objects_cache", {}).get("populations")
        if prefetched is not None:  # Member.objects.prefetch_related("populations")
            earlier = [p for p in prefetched if p.reference_date.year <= year]
            return max(earlier, key=lambda p: p.reference_date, default=None)
        return (
            self.populations.filter(reference_date__year__lte=year)
            .order_by("-reference_date")
            .first()
        )


class Population(AuditedModel):
    """Inhabitants of a member on a reference date, with where the figure comes from."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="populations")
    reference_date = models.DateField(_("referensdatum"))
    inhabitants = models.PositiveIntegerField(_("invånare"))
    source = models.CharField(_("källa"), max_length=300)
    fetched_at = models.DateTimeField(_("hämtad"), null=True, blank=True)

    class Meta:
        verbose_name = _("folkmängd")
        verbose_name_plural = _("folkmängd")
        ordering = ["member__name", "-reference_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "reference_date"], name="orgs_population_one_per_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.reference_date}: {self.inhabitants}"

    @classmethod
    def latest_by_member(cls) -> dict[int, "Population"]:
        """Each member's newest figure (by member pk), in one query: a member list reads one
        row per member, not every year of every member."""
        newest = (
            cls.objects.filter(member=models.OuterRef("member"))
            .order_by("-reference_date")
            .values("pk")[:1]
        )
        return {p.member_id: p for p in cls.objects.filter(pk=models.Subquery(newest)).order_by()}


class Unit(AuditedModel):
    """An organisational unit with a budget of its own (enhet)."""

    class Kind(models.TextChoices):
        OFFICE = "office", _("förbundskansli")
        DEVELOPMENT_AREA = "development_area", _("utvecklingsområde")
        PROJECT_UNIT = "project_unit", _("projektenhet")
        PROGRAMME = "programme", _("uppdrag")

    federation = models.ForeignKey(Federation, on_delete=models.PROTECT, related_name="units")
    code = models.SlugField(_("kod"), unique=True, validators=[slug_code])
    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("slag"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("beskrivning"), blank=True)
    manager_name = models.CharField(_("chef"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("enhet")
        verbose_name_plural = _("enheter")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def carries_overhead(self) -> bool:
        """The office bears the overhead costs and receives the overhead income of the others."""
        return self.kind == self.Kind.OFFICE


class PeriodLockedError(ValidationError):
    """An adopted period is read-only: its contents change only through a revision."""


class PlanningPeriod(AuditedModel):
    """A planning year. Adopted by a board decision, after which it is read-only.

    draft → adopted → revision (open for changes again) → revised → revision → …
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("utkast")
        ADOPTED = "adopted", _("antagen")
        REVISION = "revision", _("under revidering")
        REVISED = "revised", _("reviderad")

    LOCKED = (Status.ADOPTED, Status.REVISED)

    federation = models.ForeignKey(Federation, on_delete=models.PROTECT, related_name="periods")
    year = models.PositiveSmallIntegerField(_("år"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    revision = models.PositiveSmallIntegerField(
        _("revidering"), default=0, help_text=_("0 för den ursprungliga versionen.")
    )
    decision = models.ForeignKey(
        "decisions.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adopted_periods",
        verbose_name=_("senaste antagandebeslut"),
    )
    adopted_on = models.DateField(_("antagen"), null=True, blank=True)
    note = models.TextField(_("anmärkning"), blank=True)

    class Meta:
        verbose_name = _("planeringsperiod")
        verbose_name_plural = _("planeringsperioder")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["federation", "year"], name="orgs_period_one_per_year")
        ]

    def __str__(self) -> str:
        return str(self.year)

    @property
    def is_locked(self) -> bool:
        return self.status in self.LOCKED

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, 1, 1)

    @property
    def end(self) -> datetime.date:
        return datetime.date(self.year, 12, 31)

    def save(self, *args, **kwargs) -> None:
        # A locked period's fields (note, dates, …) stay as adopted; only the transitions
        # below, which set _transition, may write to it.
        if not self._state.adding and not getattr(self, "_transition", False):
            stored = type(self)._base_manager.filter(pk=self.pk).values("status").first()
            if stored and stored["status"] in self.LOCKED:
                raise PeriodLockedError(
                    _("Perioden %(year)s är antagen och kan inte ändras.") % {"year": self.year}
                )
        super().save(*args, **kwargs)

    def check_editable(self) -> None:
        """Raise PeriodLockedError when the period's contents may not change now."""
        if self.is_locked:
            raise PeriodLockedError(
                _("Perioden %(year)s är %(status)s och kan inte ändras. Öppna en revidering.")
                % {"year": self.year, "status": self.get_status_display()}
            )


class PeriodContent(AuditedModel):
    """Base of everything that belongs to a planning period and is frozen when it is adopted."""

    class Meta:
        abstract = True

    def _locking_period(self) -> PlanningPeriod:
        return self.period  # type: ignore[attr-defined]

    def save(self, *args, **kwargs) -> None:
        self._locking_period().check_editable()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._locking_period().check_editable()
        return super().delete(*args, **kwargs)


class GoverningBody(AuditedModel):
    """A body of the federation's governance: the board and the groups around it."""

    class Kind(models.TextChoices):
        BOARD = "board", _("direktion")
        # A federation with a förbundsfullmäktige has a förbundsstyrelse beside it
        # (kommunallagen 9 kap.); one with a direktion has the direktion only.
        ASSEMBLY = "assembly", _("förbundsfullmäktige")
        EXECUTIVE_BOARD = "executive_board", _("förbundsstyrelse")
        PRESIDIUM = "presidium", _("presidium")
        POLITICAL_REFERENCE_GROUP = "political_reference_group", _("politisk referensgrupp")
        DIRECTORS_GROUP = "directors_group", _("kommundirektörsgrupp")
        STEERING_GROUP = "steering_group", _("styrgrupp")
        MANAGEMENT_GROUP = "management_group", _("ledningsgrupp")

    federation = models.ForeignKey(Federation, on_delete=models.PROTECT, related_name="bodies")
    code = models.SlugField(_("kod"), unique=True, validators=[slug_code])
    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("slag"), max_length=30, choices=Kind.choices)
    mandate = models.TextField(_("uppdrag och mandat"), blank=True)
    is_decision_making = models.BooleanField(_("beslutande"), default=False)
    prepares_for = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="prepared_by",
        verbose_name=_("bereder ärenden till"),
    )
    intended_size = models.PositiveSmallIntegerField(
        _("antal platser enligt beslut"), null=True, blank=True
    )
    source = models.CharField(_("källa"), max_length=300, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("organ")
        verbose_name_plural = _("organ")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Seat(AuditedModel):
    """A place in a body, usually one per member municipality; the holder may be unknown."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("ordförande")
        VICE_CHAIR = "vice_chair", _("vice ordförande")
        CONVENER = "convener", _("sammankallande")
        ORDINARY = "ordinary", _("ordinarie ledamot")
        SUBSTITUTE = "substitute", _("ersättare")
        MEMBER = "member", _("deltagare")

    body = models.ForeignKey(GoverningBody, on_delete=models.CASCADE, related_name="seats")
    member = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seats",
        verbose_name=_("kommun"),
    )
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)
    qualification = models.CharField(
        _("vem platsen tillfaller"),
        max_length=200,
        blank=True,
        help_text=_("T.ex. kommunstyrelsens ordförande."),
    )
    holder_name = models.CharField(_("innehavare"), max_length=200, blank=True)
    term_start = models.DateField(_("mandatperiodens början"), null=True, blank=True)
    term_end = models.DateField(_("mandatperiodens slut"), null=True, blank=True)
    # The address of a seat in URLs: a seat has no natural code (several may lack a member).
    key = models.UUIDField(_("nyckel"), default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("plats")
        verbose_name_plural = _("platser")
        ordering = ["body", "role", "member__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "member", "role"],
                condition=models.Q(member__isnull=False),
                name="orgs_seat_one_role_per_member",
            )
        ]

    def __str__(self) -> str:
        where = f" ({self.member})" if self.member else ""
        return f"{self.body}: {self.get_role_display()}{where}"


class Position(AuditedModel):
    """A named office-holder role in the federation (förbundsdirektör, programme head, …)."""

    federation = models.ForeignKey(Federation, on_delete=models.PROTECT, related_name="positions")
    code = models.SlugField(_("kod"), unique=True, validators=[slug_code])
    title = models.CharField(_("titel"), max_length=200)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("enhet")
    )
    holder_name = models.CharField(_("innehavare"), max_length=200, blank=True)
    responsibilities = models.TextField(_("ansvar"), blank=True)
    source = models.CharField(_("källa"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("befattning")
        verbose_name_plural = _("befattningar")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Network(AuditedModel):
    """A network the federation administers, with its role, mandate and task."""

    class Kind(models.TextChoices):
        POLITICAL = "political", _("politiskt nätverk")
        MANAGEMENT = "management", _("chefsnätverk")
        SPECIALIST = "specialist", _("specialistnätverk")

    federation = models.ForeignKey(Federation, on_delete=models.PROTECT, related_name="networks")
    code = models.SlugField(_("kod"), unique=True, validators=[slug_code])
    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("slag"), max_length=20, choices=Kind.choices)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="networks",
        verbose_name=_("ansvarig enhet"),
    )
    role = models.TextField(_("roll"), blank=True)
    mandate = models.TextField(_("mandat"), blank=True)
    task = models.TextField(_("uppgift"), blank=True)
    source = models.CharField(_("källa"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("nätverk")
        verbose_name_plural = _("nätverk")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name
