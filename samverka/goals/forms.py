from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.core.forms import VersionedModelForm
from samverka.goals.models import Indicator, KoladaMapping, Measurement, TargetValue
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
