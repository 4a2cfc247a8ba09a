"""Priority areas and activities of the plan, follow-up rounds, and the transition
programme with its yearly activity plans and funding."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from samverka.audit.models import AuditedModel
from samverka.core.fields import money_field
from samverka.orgs.models import PeriodContent, PlanningPeriod


class ActivityStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("ej påbörjad")
    ONGOING = "ongoing", _("pågår")
    DONE = "done", _("klar")
    DELAYED = "delayed", _("försenad")
    CANCELLED = "cancelled", _("avbruten")


class PriorityArea(PeriodContent):
    """A cross-unit area of focus for a year, with why it matters and the implementation plan."""

    period = models.ForeignKey(
        PlanningPeriod,
        on_delete=models.PROTECT,
        related_name="priority_areas",
        verbose_name=_("period"),
    )
    code = models.SlugField(_("kod"), max_length=80)
    title = models.CharField(_("rubrik"), max_length=300)
    why = models.TextField(_("varför är detta område viktigt?"), blank=True)
    implementation_plan = models.TextField(_("plan för genomförande"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    source = models.CharField(_("källa"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("prioriterat område")
        verbose_name_plural = _("prioriterade områden")
        ordering = ["period", "sort_order", "title"]
        constraints = [
            models.UniqueConstraint(fields=["period", "code"], name="plan_priorityarea_unique_code")
        ]

    def __str__(self) -> str:
        return self.title


class Activity(PeriodContent):
    """A concrete work item under a priority area, with an owner, dates and a status.

    The planned fields freeze with the period; the status is follow-up and may change after
    adoption (it is set by the owner's reports).
    """

    FOLLOW_UP_FIELDS = frozenset({"status"})

    priority_area = models.ForeignKey(
        PriorityArea,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("prioriterat område"),
    )
    code = models.SlugField(_("kod"), max_length=80, unique=True)
    title = models.CharField(_("rubrik"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    unit = models.ForeignKey(
        "orgs.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("ansvarig enhet"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_activities",
        verbose_name=_("aktivitetsägare (användare)"),
    )
    owner_name = models.CharField(_("ansvarig person"), max_length=200, blank=True)
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("slut"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ActivityStatus.choices,
        default=ActivityStatus.NOT_STARTED,
    )
    sort_order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    source = models.CharField(_("källa"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        ordering = ["priority_area__sort_order", "sort_order", "title"]

    def __str__(self) -> str:
        return self.title

    def _locking_period(self) -> PlanningPeriod:
        return self.priority_area.period

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("Slutdatum kan inte vara före startdatum.")})

    def _only_follow_up_changed(self) -> bool:
        if self._state.adding or self.pk is None:
            return False
        stored = type(self)._base_manager.filter(pk=self.pk).first()
        if stored is None:
            return False
        for field in self._meta.concrete_fields:
            if field.name in self.FOLLOW_UP_FIELDS or field.name == "version":
                continue
            if field.value_from_object(stored) != field.value_from_object(self):
                return False
        return True

    def save(self, *args, **kwargs) -> None:
        if self._only_follow_up_changed():
            AuditedModel.save(self, *args, **kwargs)
            return
        super().save(*args, **kwargs)

    @property
    def responsible_label(self) -> str:
        if self.owner_name:
            return self.owner_name
        if self.owner is not None:
            return self.owner.get_full_name() or self.owner.get_username()
        return ""


class ActivityLink(PeriodContent):
    """A link from an activity to a goal, an indicator, a project or any other registered object.

    Generic (content type + id) so that the plan needs no migration dependency on the apps that
    own the targets; `plan.links` lists the models that may be linked.
    """

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="links")
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, verbose_name=_("objekttyp")
    )
    object_id = models.PositiveBigIntegerField(_("objekt-id"))
    target = GenericForeignKey("content_type", "object_id")
    label = models.CharField(_("benämning"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("aktivitetskoppling")
        verbose_name_plural = _("aktivitetskopplingar")
        ordering = ["activity", "content_type", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "content_type", "object_id"],
                name="plan_activitylink_unique_target",
            )
        ]

    def __str__(self) -> str:
        return self.label or str(self.target)

    def _locking_period(self) -> PlanningPeriod:
        return self.activity.priority_area.period


class RoundClosedError(ValidationError):
    """A closed follow-up round's answers are frozen."""


class FollowUpRound(AuditedModel):
    """A follow-up round (e.g. "Uppföljning augusti 2026"): every activity owner reports."""

    class Status(models.TextChoices):
        OPEN = "open", _("öppen")
        CLOSED = "closed", _("stängd")

    period = models.ForeignKey(
        PlanningPeriod,
        on_delete=models.PROTECT,
        related_name="follow_up_rounds",
        verbose_name=_("period"),
    )
    code = models.SlugField(_("kod"), max_length=80, unique=True)
    title = models.CharField(_("rubrik"), max_length=200)
    deadline = models.DateField(_("sista dag för rapportering"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_rounds",
        verbose_name=_("föregående omgång"),
    )
    closed_at = models.DateTimeField(_("stängd"), null=True, blank=True)

    class Meta:
        verbose_name = _("uppföljningsomgång")
        verbose_name_plural = _("uppföljningsomgångar")
        ordering = ["-deadline", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class ActivityReport(AuditedModel):
    """One owner's answer for one activity in one round: a dated status, comment and judgement."""

    class Judgement(models.TextChoices):
        ON_TRACK = "on_track", _("enligt plan")
        AT_RISK = "at_risk", _("risk för avvikelse")
        OFF_TRACK = "off_track", _("avviker från plan")

    round = models.ForeignKey(
        FollowUpRound, on_delete=models.PROTECT, related_name="reports", verbose_name=_("omgång")
    )
    activity = models.ForeignKey(
        Activity, on_delete=models.PROTECT, related_name="reports", verbose_name=_("aktivitet")
    )
    status_date = models.DateField(_("status per datum"))
    status = models.CharField(_("status"), max_length=20, choices=ActivityStatus.choices)
    judgement = models.CharField(_("bedömning"), max_length=20, choices=Judgement.choices)
    comment = models.TextField(_("kommentar"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rapporterad av"),
    )

    class Meta:
        verbose_name = _("aktivitetsrapport")
        verbose_name_plural = _("aktivitetsrapporter")
        ordering = ["round", "activity__priority_area__sort_order", "activity__sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "activity"], name="plan_activityreport_one_per_round"
            )
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.activity}"

    def _check_round_open(self) -> None:
        current = FollowUpRound.objects.filter(pk=self.round_id).values("status").first()
        if current and current["status"] == FollowUpRound.Status.CLOSED:
            raise RoundClosedError(
                _("Omgången %(round)s är stängd; svaren kan inte ändras.") % {"round": self.round}
            )

    def save(self, *args, **kwargs) -> None:
        self._check_round_open()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._check_round_open()
        return super().delete(*args, **kwargs)


class Programme(AuditedModel):
    """A long-running political assignment (uppdrag), such as a regional transition programme."""

    federation = models.ForeignKey(
        "orgs.Federation", on_delete=models.PROTECT, related_name="programmes"
    )
    code = models.SlugField(_("kod"), max_length=80, unique=True)
    name = models.CharField(_("namn"), max_length=200)
    unit = models.ForeignKey(
        "orgs.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programmes",
        verbose_name=_("enhet"),
    )
    background = models.TextField(_("bakgrund och syfte"), blank=True)
    overall_goal = models.TextField(_("övergripande mål"), blank=True)
    time_frame = models.TextField(_("tid"), blank=True)
    staffing = models.TextField(_("personella resurser"), blank=True)
    other_resources = models.TextField(_("övriga resurser"), blank=True)
    financing = models.TextField(_("finansiering och kostnader"), blank=True)
    scope = models.TextField(_("omfattning och insatsområden"), blank=True)
    target_groups = models.TextField(_("målgrupper"), blank=True)
    boundaries = models.TextField(_("avgränsningar"), blank=True)
    activity_plan_rule = models.TextField(_("tids- och aktivitetsplan"), blank=True)
    implementation = models.TextField(_("implementering och vidare förvaltning"), blank=True)
    reporting = models.TextField(_("rapportering och uppföljning"), blank=True)
    source = models.CharField(_("källa"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("uppdrag")
        verbose_name_plural = _("uppdrag")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FocusArea(AuditedModel):
    """One of a programme's focus areas (insatsområden)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="focus_areas")
    code = models.SlugField(_("kod"), max_length=80)
    name = models.CharField(_("namn"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("insatsområde")
        verbose_name_plural = _("insatsområden")
        ordering = ["programme", "sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="plan_focusarea_unique_code")
        ]

    def __str__(self) -> str:
        return self.name


class ProgrammeRole(AuditedModel):
    """A role in the programme's organisation as the assignment document describes it."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="roles")
    code = models.SlugField(_("kod"), max_length=80)
    title = models.CharField(_("roll"), max_length=200)
    text = models.TextField(_("uppgift"), blank=True)
    body = models.ForeignKey(
        "orgs.GoverningBody",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organ"),
    )
    position = models.ForeignKey(
        "orgs.Position",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("befattning"),
    )
    sort_order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    source = models.CharField(_("källa"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("roll i uppdraget")
        verbose_name_plural = _("roller i uppdraget")
        ordering = ["programme", "sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="plan_role_unique_code")
        ]

    def __str__(self) -> str:
        return self.title


class PlanVersionLockedError(ValidationError):
    """An adopted activity plan version never changes; revise it to make a new version."""


class ActivityPlan(AuditedModel):
    """One version of a programme's yearly time and activity plan.

    draft → adopted (by a board decision; read-only from then on) → superseded (when a later
    version is adopted). A revision copies an adopted version into a new draft.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("utkast")
        ADOPTED = "adopted", _("fastställd")
        SUPERSEDED = "superseded", _("ersatt")

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="activity_plans"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    number = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    based_on = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("reviderar"),
    )
    decision = models.ForeignKey(
        "decisions.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fastställd genom"),
    )
    note = models.TextField(_("anmärkning"), blank=True)

    class Meta:
        verbose_name = _("tids- och aktivitetsplan")
        verbose_name_plural = _("tids- och aktivitetsplaner")
        ordering = ["programme", "-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "year", "number"], name="plan_activityplan_unique_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme} {self.year} v{self.number}"

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    def check_editable(self) -> None:
        if not self.is_editable:
            raise PlanVersionLockedError(
                _("Version %(number)s av aktivitetsplanen %(year)s är %(status)s och ändras inte.")
                % {"number": self.number, "year": self.year, "status": self.get_status_display()}
            )

    def save(self, *args, **kwargs) -> None:
        # Only the adoption workflow (which sets _transition) may touch a non-draft version.
        if not self._state.adding and not getattr(self, "_transition", False):
            stored = type(self)._base_manager.filter(pk=self.pk).values("status").first()
            if stored and stored["status"] != self.Status.DRAFT:
                raise PlanVersionLockedError(
                    _("Version %(number)s av aktivitetsplanen %(year)s ändras inte.")
                    % {"number": self.number, "year": self.year}
                )
        super().save(*args, **kwargs)


class PlanActivity(AuditedModel):
    """An activity in one version of a programme's activity plan, under one focus area.

    `key` stays the same when a revision copies the activity, so versions can be compared.
    """

    DIFF_FIELDS = ("focus_area", "title", "description", "responsible", "start", "end")

    plan = models.ForeignKey(ActivityPlan, on_delete=models.CASCADE, related_name="activities")
    key = models.UUIDField(_("nyckel"), default=uuid.uuid4, editable=False)
    focus_area = models.ForeignKey(
        FocusArea, on_delete=models.PROTECT, related_name="+", verbose_name=_("insatsområde")
    )
    title = models.CharField(_("rubrik"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    responsible = models.CharField(_("ansvarig"), max_length=200, blank=True)
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("slut"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("aktivitet i aktivitetsplanen")
        verbose_name_plural = _("aktiviteter i aktivitetsplanen")
        ordering = ["plan", "focus_area__sort_order", "sort_order", "title"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="plan_planactivity_unique_key")
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("Slutdatum kan inte vara före startdatum.")})

    def save(self, *args, **kwargs) -> None:
        ActivityPlan._base_manager.get(pk=self.plan_id).check_editable()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        ActivityPlan._base_manager.get(pk=self.plan_id).check_editable()
        return super().delete(*args, **kwargs)


class ProgrammeGrant(AuditedModel):
    """A funding decision for the programme: who grants how much for which years."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="grants")
    code = models.SlugField(_("kod"), max_length=80, unique=True)
    title = models.CharField(_("rubrik"), max_length=300)
    funder = models.CharField(_("finansiär"), max_length=200)
    amount = money_field(_("belopp (kr)"))
    first_year = models.PositiveSmallIntegerField(_("från år"), null=True, blank=True)
    last_year = models.PositiveSmallIntegerField(_("till och med år"), null=True, blank=True)
    decision = models.ForeignKey(
        "decisions.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beslut"),
    )
    date_note = models.CharField(_("om datum"), max_length=200, blank=True)
    source = models.CharField(_("källa"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("finansieringsbeslut")
        verbose_name_plural = _("finansieringsbeslut")
        ordering = ["programme", "first_year", "code"]

    def __str__(self) -> str:
        return self.title


class CoFinancing(AuditedModel):
    """The co-financing register: which municipality or funder contributes what, to which
    initiative, in which year."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="co_financing")
    year = models.PositiveSmallIntegerField(_("år"))
    member = models.ForeignKey(
        "orgs.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kommun"),
    )
    funder = models.CharField(
        _("finansiär"), max_length=200, blank=True, help_text=_("När bidraget inte är en kommuns.")
    )
    initiative = models.CharField(_("insats"), max_length=300)
    amount = money_field(_("belopp (kr)"))
    grant = models.ForeignKey(
        ProgrammeGrant,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("del av finansieringsbeslut"),
    )
    source = models.CharField(_("källa"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("medfinansiering")
        verbose_name_plural = _("medfinansieringsregister")
        ordering = ["programme", "year", "initiative", "id"]

    def __str__(self) -> str:
        return f"{self.contributor} {self.year}: {self.initiative}"

    def clean(self) -> None:
        if not self.member_id and not self.funder:
            raise ValidationError(_("Ange kommun eller finansiär."))

    @property
    def contributor(self) -> str:
        return str(self.member) if self.member_id else self.funder


class ProgrammeBudget(AuditedModel):
    """The programme's own budgeted revenue for a year, as printed (reconciled with funding)."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="budgets")
    year = models.PositiveSmallIntegerField(_("år"))
    revenue = money_field(_("budgeterade intäkter (kr)"))
    source = models.CharField(_("källa"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("uppdragets budget")
        verbose_name_plural = _("uppdragets budget")
        ordering = ["programme", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "year"], name="plan_programmebudget_one_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme} {self.year}"
