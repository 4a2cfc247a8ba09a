"""Actuals: what was booked, imported from SIE files, and the follow-up against the budget.

Sign convention. Budget lines store revenue positive and costs negative, as printed. SIE
amounts are debit-positive: costs positive, revenue negative. `Actual.amount` is stored in the
budget's convention (`budget_sign`), so budget and actual can be compared directly.

Actuals, comments and forecasts are not `PeriodContent`: they arrive during the year, after
the budget has been adopted, and must not freeze with it.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from samverka.audit.models import AuditedModel
from samverka.budget.models import LineKind
from samverka.core.fields import money_field
from samverka.orgs.models import Federation, PlanningPeriod, Unit

account_prefix = RegexValidator(
    r"^\d{1,6}$", _("Ett kontonummer eller en början av ett (siffror).")
)
PREFIX_WIDTH = 6  # wide enough for the longest account numbers in use (5-6 digit sub-accounts)


def budget_sign(sie_amount: Decimal) -> Decimal:
    """SIE (debit +, so costs + and revenue −) to the budget's convention (revenue +, costs −)."""
    return -sie_amount


class AccountRange(AuditedModel):
    """Accounts whose number starts with `first` … `last` (prefixes) belong to `line_kind`.

    Ranges may nest: the narrowest range containing an account wins, so "50–56 personnel"
    inside "40–79 other costs" takes the personnel accounts.
    """

    federation = models.ForeignKey(
        Federation, on_delete=models.CASCADE, related_name="account_ranges"
    )
    first = models.CharField(_("från konto"), max_length=PREFIX_WIDTH, validators=[account_prefix])
    last = models.CharField(_("till konto"), max_length=PREFIX_WIDTH, validators=[account_prefix])
    line_kind = models.CharField(_("budgetradens slag"), max_length=30, choices=LineKind.choices)
    note = models.CharField(_("anmärkning"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("kontointervall")
        verbose_name_plural = _("kontointervall")
        ordering = ["first", "last"]
        constraints = [
            models.UniqueConstraint(
                fields=["federation", "first", "last"], name="ledger_range_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.first}–{self.last}: {self.get_line_kind_display()}"

    @property
    def low(self) -> int:
        return int(self.first.ljust(PREFIX_WIDTH, "0"))

    @property
    def high(self) -> int:
        return int(self.last.ljust(PREFIX_WIDTH, "9"))

    def contains(self, account: str) -> bool:
        return self.low <= int(account[:PREFIX_WIDTH].ljust(PREFIX_WIDTH, "0")) <= self.high

    def clean(self) -> None:
        if self.first and self.last and self.low > self.high:
            raise ValidationError({"last": _("Intervallet slutar före det börjar.")})


class CostCentreMapping(AuditedModel):
    """An object of a dimension in the accounts (a cost centre, "Kostnadsställe") → a unit."""

    federation = models.ForeignKey(
        Federation, on_delete=models.CASCADE, related_name="cost_centre_mappings"
    )
    dimension = models.CharField(
        _("dimension"), max_length=10, help_text=_("SIE-dimensionens nummer, t.ex. 1.")
    )
    object_code = models.CharField(_("objekt"), max_length=60)
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="cost_centres", verbose_name=_("enhet")
    )
    note = models.CharField(_("anmärkning"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("kostnadsställe")
        verbose_name_plural = _("kostnadsställen")
        ordering = ["dimension", "object_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["federation", "dimension", "object_code"], name="ledger_costcentre_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dimension}:{self.object_code} → {self.unit}"


class ImportBatch(AuditedModel):
    """One SIE file imported into a period: what it was, what was decided, what was found."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("gällande")
        REPLACED = "replaced", _("ersatt")

    period = models.ForeignKey(
        PlanningPeriod, on_delete=models.PROTECT, related_name="import_batches"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    file_name = models.CharField(_("filnamn"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    # How the batch is addressed in URLs: the start of its hash, unique (the same file
    # imported again after a replacement gets a suffix), so a lookup never matches two.
    code = models.CharField(_("kod"), max_length=24, unique=True)
    size = models.PositiveBigIntegerField(_("storlek (byte)"), default=0)
    program = models.CharField(_("program"), max_length=200, blank=True)
    sie_type = models.CharField(_("SIE-typ"), max_length=4, blank=True)
    encoding = models.CharField(_("teckenkodning"), max_length=20, blank=True)
    encoding_reason = models.CharField(_("skäl för teckenkodningen"), max_length=500, blank=True)
    company_name = models.CharField(_("företag"), max_length=200, blank=True)
    through_month = models.PositiveSmallIntegerField(
        _("bokfört till och med månad"), null=True, blank=True
    )
    # {"VER": n, "TRANS": n, "actual_rows": n, "outside_period_rows": n, "balance_accounts": n}
    counts = models.JSONField(_("antal"), default=dict)
    # [{"code", "severity", "line", "message"}] from the reader, plus the import's own
    findings = models.JSONField(_("iakttagelser"), default=list)
    checks_passed = models.JSONField(_("kontroller utan anmärkning"), default=list)
    # {"imported", "unmapped", "outside_period", "balance"}: kronor as text, budget sign
    totals = models.JSONField(_("summor"), default=dict)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("inläst av"),
    )
    imported_at = models.DateTimeField(_("inläst"), auto_now_add=True)
    # The batch's actuals are also stored summed per unit, line kind and month (`ActualSum`),
    # written in the same transaction as its rows; False for a batch whose rows were written
    # some other way, whose sums are then read from the rows.
    sums_stored = models.BooleanField(_("summor sparade"), default=False, editable=False)

    class Meta:
        verbose_name = _("inläsning")
        verbose_name_plural = _("inläsningar")
        ordering = ["-imported_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["period"],
                condition=models.Q(status="active"),
                name="ledger_one_active_batch_per_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.period.year}: {self.file_name}"

    def save(self, *args, **kwargs) -> None:
        if not self.code:
            self.code = self.free_code(self.sha256)
        super().save(*args, **kwargs)

    @staticmethod
    def free_code(sha256: str) -> str:
        """The first 12 hex digits of the hash, with "-2", "-3", … when already taken."""
        base = sha256[:12]
        taken = set(
            ImportBatch.objects.filter(code__startswith=base).values_list("code", flat=True)
        )
        code, n = base, 1
        while code in taken:
            n += 1
            code = f"{base}-{n}"
        return code


class Actual(AuditedModel):
    """Booked amount per unit, line kind, account, cost-centre object and month.

    `unit` is empty when the row's cost centre is not mapped (or it has none), `line_kind`
    when its account is in no range: such rows are the "unmapped" bucket, kept and shown.
    Rows are written in bulk by the import; the audit log records the import as one entry.
    """

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="actuals")
    period = models.ForeignKey(PlanningPeriod, on_delete=models.PROTECT, related_name="actuals")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="actuals"
    )
    line_kind = models.CharField(
        _("slag"), max_length=30, choices=LineKind.choices, null=True, blank=True
    )
    account = models.CharField(_("konto"), max_length=20)
    dimension = models.CharField(_("dimension"), max_length=10, blank=True)
    object_code = models.CharField(_("objekt"), max_length=60, blank=True)
    month = models.PositiveSmallIntegerField(
        _("månad"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    amount = money_field(_("belopp (kr, intäkter +, kostnader −)"))

    class Meta:
        verbose_name = _("utfall")
        verbose_name_plural = _("utfall")
        indexes = [
            models.Index(fields=["period", "unit", "line_kind", "month"], name="ledger_actual_idx")
        ]

    def __str__(self) -> str:
        return f"{self.period.year}-{self.month:02d} {self.account}: {self.amount}"


class ActualSum(models.Model):
    """A batch's actuals summed per unit, line kind and month: what the follow-up reads.

    A year's actuals are some 200 000 rows at ten times the example federation and the follow-up
    pages want only these sums (a few thousand), so the import writes them with the rows, in the
    same transaction, and a remap writes them again (`ledger.sums`). An import's rows never change
    otherwise. Not an `AuditedModel`: derived figures, recorded by the import's one audit entry like
    the rows they sum. Removed with the batch's rows.
    """

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="sums")
    period = models.ForeignKey(PlanningPeriod, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    line_kind = models.CharField(
        _("slag"), max_length=30, choices=LineKind.choices, null=True, blank=True
    )
    month = models.PositiveSmallIntegerField(
        _("månad"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    amount = money_field(_("belopp (kr, intäkter +, kostnader −)"))

    class Meta:
        verbose_name = _("summa av utfall")
        verbose_name_plural = _("summor av utfall")
        indexes = [models.Index(fields=["period", "unit"], name="ledger_actualsum_idx")]

    def __str__(self) -> str:
        return f"{self.period_id} {self.unit_id} {self.line_kind} {self.month:02d}: {self.amount}"


class VarianceComment(AuditedModel):
    """The controller's or unit manager's comment on a variance of one line kind and month."""

    period = models.ForeignKey(
        PlanningPeriod, on_delete=models.PROTECT, related_name="variance_comments"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="variance_comments")
    line_kind = models.CharField(_("slag"), max_length=30, choices=LineKind.choices)
    month = models.PositiveSmallIntegerField(
        _("månad"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    text = models.TextField(_("kommentar"))

    class Meta:
        verbose_name = _("kommentar till avvikelse")
        verbose_name_plural = _("kommentarer till avvikelser")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "unit", "line_kind", "month"], name="ledger_comment_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.period.year}-{self.month:02d} {self.unit}: {self.get_line_kind_display()}"


class ManualForecast(AuditedModel):
    """A forecast for the whole year set by hand, instead of actual so far + remaining budget."""

    period = models.ForeignKey(PlanningPeriod, on_delete=models.PROTECT, related_name="forecasts")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="forecasts")
    line_kind = models.CharField(_("slag"), max_length=30, choices=LineKind.choices)
    amount = money_field(_("prognos för helåret (kr, intäkter +, kostnader −)"))
    note = models.TextField(_("motivering"), blank=True)

    class Meta:
        verbose_name = _("manuell prognos")
        verbose_name_plural = _("manuella prognoser")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "unit", "line_kind"], name="ledger_forecast_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.period.year} {self.unit}: {self.get_line_kind_display()}"
