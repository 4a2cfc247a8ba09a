"""Formal decisions of the federation's bodies. Domain records, beside (not in) the audit log."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samverka.audit.models import AuditedModel


class Decision(AuditedModel):
    """A decision of a body. `scheduled` marks one the sources say is planned but not yet taken."""

    class Status(models.TextChoices):
        DECIDED = "decided", _("fattat")
        SCHEDULED = "scheduled", _("planerat")

    code = models.SlugField(
        _("kod"),
        max_length=80,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Stabil referens för inlästa beslut."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DECIDED
    )
    federation = models.ForeignKey(
        "orgs.Federation", on_delete=models.PROTECT, related_name="decisions"
    )
    body = models.ForeignKey(
        "orgs.GoverningBody",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("organ"),
    )
    number = models.CharField(_("paragraf/nummer"), max_length=40, blank=True)
    date = models.DateField(_("datum"))
    title = models.CharField(_("rubrik"), max_length=300)
    text = models.TextField(_("beslutstext"), blank=True)
    source = models.CharField(_("källa"), max_length=300, blank=True)
    reference_number = models.CharField(
        _("diarienummer"),
        max_length=60,
        blank=True,
        db_index=True,
        help_text=_("Ärendets nummer i diariet, t.ex. SKF 2025/123."),
    )
    meeting = models.ForeignKey(
        "decisions.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("sammanträde"),
    )

    class Meta:
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")
        ordering = ["-date", "number"]

    @property
    def ref(self) -> str:
        """The decision in URLs: its code, or for a decision without one its id (decisions
        registered on pages have no code, and nothing else about them is unique)."""
        return self.code or str(self.pk)

    def get_absolute_url(self) -> str:
        return reverse("decisions:decision", args=[self.ref])

    @classmethod
    def by_ref(cls, ref: str) -> "Decision | None":
        """The decision `ref` (from `Decision.ref`) addresses, or None. An id only addresses a
        decision without a code, so every decision has exactly one address."""
        found = cls.objects.filter(code=ref).first()
        if found is None and ref.isdigit():
            found = (
                cls.objects.filter(pk=int(ref))
                .filter(models.Q(code__isnull=True) | models.Q(code=""))
                .first()
            )
        return found

    def link(self, target, label: str = "") -> "DecisionLink":
        """Record that this decision decides `target` (idempotent)."""
        content_type = ContentType.objects.get_for_model(target)
        link, _created = DecisionLink.objects.get_or_create(
            decision=self,
            content_type=content_type,
            object_id=target.pk,
            defaults={"label": label or str(target)[:300]},
        )
        return link

    def __str__(self) -> str:
        number = f" {self.number}" if self.number else ""
        body = f"{self.body} " if self.body else ""
        return f"{body}{self.date:%Y-%m-%d}{number}: {self.title}"


class Meeting(AuditedModel):
    """A meeting (sammanträde) of one body on one day, with its agenda of matters."""

    body = models.ForeignKey(
        "orgs.GoverningBody",
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("organ"),
    )
    date = models.DateField(_("datum"))
    title = models.CharField(_("rubrik"), max_length=200, blank=True)
    note = models.TextField(_("anmärkning"), blank=True)
    source = models.CharField(_("källa"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("sammanträde")
        verbose_name_plural = _("sammanträden")
        ordering = ["-date", "body__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["body", "date"], name="decisions_meeting_one_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.body} {self.date:%Y-%m-%d}"


class Matter(AuditedModel):
    """A matter (ärende) that travels from the body that raised it towards the deciding body."""

    federation = models.ForeignKey(
        "orgs.Federation", on_delete=models.PROTECT, related_name="matters"
    )
    code = models.SlugField(_("kod"), max_length=80, unique=True)
    title = models.CharField(_("rubrik"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    origin = models.ForeignKey(
        "orgs.GoverningBody",
        on_delete=models.PROTECT,
        related_name="raised_matters",
        verbose_name=_("väcks i"),
    )
    source = models.CharField(_("källa"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("ärende")
        verbose_name_plural = _("ärenden")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def path(self) -> list:
        """The bodies the matter passes, from where it is raised to the first deciding body."""
        bodies = [self.origin]
        seen = {self.origin.pk}
        while not bodies[-1].is_decision_making and bodies[-1].prepares_for_id:
            nxt = bodies[-1].prepares_for
            if nxt.pk in seen:  # a misconfigured loop must not hang the page
                break
            seen.add(nxt.pk)
            bodies.append(nxt)
        return bodies


class ReportingObligation(AuditedModel):
    """A duty to report to a body: at every meeting, or at least every N months."""

    class Kind(models.TextChoices):
        EVERY_MEETING = "every_meeting", _("vid varje ordinarie sammanträde")
        INTERVAL = "interval", _("minst med visst intervall")

    code = models.SlugField(_("kod"), max_length=80, unique=True)
    title = models.CharField(_("rubrik"), max_length=300)
    reporter = models.CharField(_("rapporterar"), max_length=200)
    body = models.ForeignKey(
        "orgs.GoverningBody",
        on_delete=models.PROTECT,
        related_name="reporting_obligations",
        verbose_name=_("rapporteras till"),
    )
    kind = models.CharField(_("slag"), max_length=20, choices=Kind.choices)
    interval_months = models.PositiveSmallIntegerField(
        _("intervall (månader)"), null=True, blank=True
    )
    tracked_from = models.DateField(
        _("följs upp från"),
        null=True,
        blank=True,
        help_text=_(
            "Sammanträden före detta datum räknas inte. Tomt: uppföljningen har inte börjat."
        ),
    )
    source = models.CharField(_("källa"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("rapporteringsskyldighet")
        verbose_name_plural = _("rapporteringsskyldigheter")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.title


class AgendaItem(AuditedModel):
    """A matter on a meeting's agenda, with what happened to it there."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveSmallIntegerField(_("ordning på dagordningen"))
    matter = models.ForeignKey(
        Matter,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("ärende"),
    )
    title = models.CharField(_("rubrik"), max_length=300)
    outcome = models.TextField(_("behandling"), blank=True)
    decision = models.ForeignKey(
        Decision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("beslut"),
    )
    fulfils = models.ManyToManyField(
        ReportingObligation,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("uppfyller rapportering"),
    )

    class Meta:
        verbose_name = _("dagordningspunkt")
        verbose_name_plural = _("dagordningspunkter")
        ordering = ["meeting", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "order"], name="decisions_agendaitem_unique_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.title}"


class DecisionLink(AuditedModel):
    """What a decision decides: any object (a period, a plan version, a project, an application).

    Generic so that decisions need no migration dependency on the apps whose objects they decide.
    """

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="links")
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, verbose_name=_("objekttyp")
    )
    object_id = models.PositiveBigIntegerField(_("objekt-id"))
    target = GenericForeignKey("content_type", "object_id")
    label = models.CharField(_("benämning"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("beslutskoppling")
        verbose_name_plural = _("beslutskopplingar")
        ordering = ["decision", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "content_type", "object_id"],
                name="decisions_link_unique_target",
            )
        ]

    def __str__(self) -> str:
        return self.label or str(self.target)
