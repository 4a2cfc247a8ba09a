from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.core.forms import VersionedModelForm
from samverka.goals.models import (
    FinancialTarget,
    Indicator,
    KoladaMapping,
    Measurement,
    TargetValue,
)
from samverka.lib.money import AmountError, parse_amount


class SwedishDecimalField(forms.CharField):
    """A number written the Swedish way: 1 234,5 (a point is accepted too)."""

    def to_python(self, value) -> Decimal | None:
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return parse_amount(value)
        except AmountError as exc:
            raise forms.ValidationError(
                _("”%(value)s” är inte ett tal. Skriv t.ex. 1 234,5.") % {"value": value}
            ) from exc

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            text = format(value.normalize(), "f") if value == value.to_integral() else str(value)
            return text.rstrip("0").rstrip(".").replace(".", ",") if "." in text else text
        return value


class IndicatorForm(VersionedModelForm):
    tolerance_percent = SwedishDecimalField(
        label=_("Tolerans (%)"),
        help_text=Indicator._meta.get_field("tolerance_percent").help_text,
    )

    class Meta:
        model = Indicator
        fields = [
            "unit",
            "decimals",
            "direction",
            "source_kind",
            "aggregation",
            "baseline_year",
            "tolerance_percent",
            "description",
        ]


class KoladaMappingForm(VersionedModelForm):
    class Meta:
        model = KoladaMapping
        fields = ["kpi_id", "expected_title", "certainty", "region_area_id", "note"]


class TargetValueForm(VersionedModelForm):
    value = SwedishDecimalField(label=_("Målvärde"))

    class Meta:
        model = TargetValue
        fields = ["value", "note"]


class MeasurementForm(VersionedModelForm):
    value = SwedishDecimalField(label=_("Värde"))

    class Meta:
        model = Measurement
        fields = ["value", "source"]
        help_texts = {"source": _("Var värdet kommer ifrån, t.ex. årsredovisning 2024 s. 12.")}


class SurveyImportForm(forms.Form):
    year = forms.IntegerField(label=_("Enkätens år"), min_value=2000, max_value=2100)
    file = forms.FileField(
        label=_("Fil med svar (CSV eller XLSX)"),
        help_text=_("Kolumner: Kommun, Roll, Fråga, Svar. En rad per svar."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Filen måste vara CSV eller XLSX."))
        return upload


class TargetYearForm(forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)


class FinancialTargetForm(VersionedModelForm):
    """One of a period's financial targets, as the plan states it. The measure and its unit
    come from the page (kr for the result, % for soliditet and kassalikviditet)."""

    fee_share = SwedishDecimalField(
        label=_("Andel av medlemsavgifterna (%)"),
        required=False,
        help_text=_(
            "Regeln, t.ex. 1 för ”minst en procent av medlemsavgifterna”. Mäts mot varje års "
            "budgeterade medlemsavgifter, också planåren."
        ),
    )
    target_value = SwedishDecimalField(label=_("Målvärde (%)"), required=False)

    class Meta:
        model = FinancialTarget
        fields = [
            "name",
            "text",
            "fee_share_comparison",
            "fee_share",
            "comparison",
            "target_value",
            "explanation",
            "source",
        ]
        labels = {
            "text": _("Målet som planen skriver det"),
            "explanation": _("Målvärdet som planen förklarar det"),
        }
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "explanation": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.measure == FinancialTarget.Measure.RESULT:
            self.fields["target_value"].label = _("Målvärde i kronor")
            self.fields["target_value"].help_text = _(
                "Beloppet som planen skriver ut, t.ex. 136 310. Tomt när planen bara anger "
                "andelen. Står båda, mäts resultatet mot andelen och ett belopp som inte "
                "stämmer med den visas som en avvikelse."
            )
            self.fields["comparison"].label = _("Jämförelse för beloppet")
            self.fields["fee_share_comparison"].label = _("Jämförelse för andelen")
        else:
            del self.fields["fee_share"]
            del self.fields["fee_share_comparison"]
            self.fields["target_value"].required = True
            self.fields["target_value"].help_text = _("T.ex. 7 för ”större än 7 %”.")
