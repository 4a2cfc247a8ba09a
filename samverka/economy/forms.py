from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.budget.forms import AmountField
from samverka.core.forms import VersionedModelForm
from samverka.economy.models import PlanYearLine, Scenario, ScenarioAssumptions


class ScenarioForm(VersionedModelForm):
    class Meta:
        model = Scenario
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class AssumptionsForm(VersionedModelForm):
    class Meta:
        model = ScenarioAssumptions
        fields = [
            "fee_per_inhabitant",
            "fee_indexation",
            "payroll_overhead_rate",
            "overhead_rate",
            "wage_index",
            "price_index",
            "population_growth",
        ]


class PopulationForecastForm(forms.Form):
    """Inhabitants per member and plan year; an empty field uses the year's growth."""

    def __init__(self, *args, members, years, initial_values, **kwargs):
        super().__init__(*args, **kwargs)
        self.cells = []
        for member in members:
            row = []
            for year in years:
                name = f"pop_{member.municipality_code}_{year}"
                self.fields[name] = forms.IntegerField(
                    label=_("%(member)s %(year)s") % {"member": member.name, "year": year},
                    required=False,
                    min_value=0,
                    initial=initial_values.get((member.pk, year)),
                )
                row.append(self[name])
            self.cells.append((member, row))

    def values(self) -> dict[tuple[str, int], int | None]:
        result = {}
        for name, value in self.cleaned_data.items():
            _prefix, code, year = name.split("_")
            result[(code, int(year))] = value
        return result


class PlanYearLineForm(VersionedModelForm):
    # Swedish amounts as the budget pages take them: "−3 400 000", "-3400000".
    amount = AmountField(label=_("Belopp (kr)"))

    class Meta:
        model = PlanYearLine
        fields = ["year", "kind", "amount"]

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"] = forms.TypedChoiceField(
            label=_("År"), choices=[(y, y) for y in years], coerce=int
        )
