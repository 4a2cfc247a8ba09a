from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.core.forms import VersionedModelForm
from samverka.ledger.models import CostCentreMapping, ManualForecast, VarianceComment
from samverka.lib.money import AmountError, parse_amount


class UploadForm(forms.Form):
    file = forms.FileField(label=_("SIE-fil"), help_text=_("SIE typ 1–4, t.ex. export.se."))
    year = forms.IntegerField(
        label=_("År"),
        required=False,
        min_value=1900,
        max_value=2200,
        help_text=_("Lämna tomt för filens räkenskapsår."),
    )


class ConfirmReplaceForm(forms.Form):
    # The code of the PendingUpload that holds the file (samverka.imports.pending).
    upload = forms.RegexField(regex=r"^[A-Za-z0-9_-]{20,43}$", widget=forms.HiddenInput)
    year = forms.IntegerField(widget=forms.HiddenInput)


class VarianceCommentForm(VersionedModelForm):
    class Meta:
        model = VarianceComment
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}


class AmountField(forms.CharField):
    """An amount in Swedish notation ("−1 234 500", "12 000,50")."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return parse_amount(value)
        except AmountError as exc:
            raise forms.ValidationError(str(exc)) from exc


class ManualForecastForm(VersionedModelForm):
    amount = AmountField(
        label=_("Prognos för helåret (kr)"),
        help_text=_("Intäkter positiva, kostnader negativa, som i budgeten."),
    )

    class Meta:
        model = ManualForecast
        fields = ["amount", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class CostCentreForm(VersionedModelForm):
    """Map a cost centre to a unit. Posting an object that is mapped already (seen version 0)
    is a conflict showing its unit; saving again with the version shown remaps it."""

    class Meta:
        model = CostCentreMapping
        fields = ["dimension", "object_code", "unit"]

    def __init__(self, *args, federation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.federation = federation
        self.fields["unit"].queryset = federation.units.all()
