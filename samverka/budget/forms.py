from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.budget.computations import personnel_cost_from_salaries
from samverka.budget.models import (
    Assumptions,
    BalanceSheet,
    BudgetLine,
    FeeAllocation,
    LineKind,
)
from samverka.core.forms import VersionedModelForm
from samverka.lib.money import AmountError, format_number, parse_amount


class AmountField(forms.Field):
    """Kronor as people write them: "-6 011 000", "1 234,50"; cleaned to Decimal."""

    widget = forms.TextInput

    def prepare_value(self, value):
        if isinstance(value, Decimal | int):
            return format_number(value, 2 if Decimal(value) % 1 else 0)
        return value

    def to_python(self, value):
        if value in self.empty_values or not str(value).strip():
            return None
        try:
            return parse_amount(value)
        except AmountError as exc:
            raise forms.ValidationError(str(exc)) from exc


class BudgetLineForm(VersionedModelForm):
    amount = AmountField(
        label=_("Belopp (kr)"),
        required=False,
        help_text=_("Kostnader anges negativa, t.ex. -6 011 000."),
    )
    salaries = AmountField(
        label=_("Lönesumma (kr)"),
        required=False,
        help_text=_("Endast personal: anges lönesumman beräknas kostnaden med PO-pålägget."),
    )

    class Meta:
        model = BudgetLine
        fields = ["code", "label", "kind", "amount", "salaries", "source"]

    def __init__(self, *args, payroll_overhead_rate: Decimal | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.payroll_overhead_rate = payroll_overhead_rate
        if self.instance.pk:
            self.fields["code"].disabled = True

    def clean(self):
        data = super().clean()
        salaries, amount = data.get("salaries"), data.get("amount")
        if salaries is not None:
            if data.get("kind") != LineKind.PERSONNEL:
                self.add_error("salaries", _("Lönesumma kan bara anges för personalrader."))
            elif self.payroll_overhead_rate is None:
                self.add_error("salaries", _("PO-pålägget för året saknas."))
            elif salaries < 0:
                self.add_error("salaries", _("Lönesumman anges positiv."))
            else:
                data["amount"] = personnel_cost_from_salaries(salaries, self.payroll_overhead_rate)
        elif amount is None:
            self.add_error("amount", _("Ange belopp eller lönesumma."))
        return data

    def save(self, commit: bool = True):
        self.instance.amount = self.cleaned_data["amount"]
        return super().save(commit)


class AssumptionsForm(VersionedModelForm):
    class Meta:
        model = Assumptions
        fields = ["payroll_overhead_rate", "overhead_rate", "overhead_basis", "source"]


class FeeAllocationForm(VersionedModelForm):
    amount = AmountField(label=_("Andel av medlemsavgiften (kr)"))

    class Meta:
        model = FeeAllocation
        fields = ["amount"]


class BalanceSheetForm(VersionedModelForm):
    equity = AmountField(label=_("Eget kapital (kr)"))
    total_assets = AmountField(label=_("Summa tillgångar (kr)"))
    current_assets = AmountField(label=_("Omsättningstillgångar (kr)"))
    current_liabilities = AmountField(label=_("Kortfristiga skulder (kr)"))

    class Meta:
        model = BalanceSheet
        fields = [
            "as_of",
            "equity",
            "total_assets",
            "current_assets",
            "current_liabilities",
            "source",
        ]
        widgets = {"as_of": forms.DateInput(attrs={"type": "date"})}

    def clean(self):
        data = super().clean()
        for name in ("total_assets", "current_assets", "current_liabilities"):
            if data.get(name) is not None and data[name] < 0:
                self.add_error(name, _("Beloppet kan inte vara negativt."))
        return data


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excelfil (.xlsx) enligt mallen"))
