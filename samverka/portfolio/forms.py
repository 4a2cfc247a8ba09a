from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from samverka.core.forms import VersionedModelForm
from samverka.lib.money import AmountError, parse_amount
from samverka.portfolio import freezing
from samverka.portfolio.models import Financing, Funder, Project, ProjectYear
from samverka.portfolio.period import PeriodError, format_period, parse_period

# Path segments of the portfolio's own pages, which a project code may not take.
RESERVED_CODES = {"ar", "ansokningar", "finansiering", "slutar-snart", "avstamning", "ny"}


class PeriodField(forms.CharField):
    """A project period as people paste it: "240301-270301" or "2024-03-01–2027-03-01"."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return parse_period(value)
        except PeriodError as exc:
            raise ValidationError(exc.message, code="period") from exc

    def prepare_value(self, value):
        if isinstance(value, tuple):
            return format_period(*value)
        return value


class AmountField(forms.CharField):
    """Kronor as written in Swedish documents ("1 234 000", "1 234,50")."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return parse_amount(value)
        except AmountError as exc:
            raise ValidationError(
                _("”%(text)s” är inte ett belopp") % {"text": value}, code="amount"
            ) from exc


class ProjectForm(VersionedModelForm):
    period = PeriodField(
        label=_("Period"),
        required=False,
        help_text=_("T.ex. 240301-270301 eller 2024-03-01–2027-03-01. Båda datumen ingår."),
    )
    total_budget = AmountField(
        label=_("Total budget (kr)"),
        required=False,
        help_text=_("Hela periodens kostnader. Fördelas över månaderna där årsbelopp saknas."),
    )

    class Meta:
        model = Project
        fields = [
            "name",
            "code",
            "status",
            "owning_unit",
            "thematic_unit",
            "decisions",
            "funders",
            "budgeted_before_answer",
            "answer_expected_by",
            "description",
            "note",
        ]
        widgets = {"answer_expected_by": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, can_manage: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].initial = format_period(self.instance.start, self.instance.end)
        self.fields["total_budget"].initial = self.instance.total_budget
        self.fields["funders"].queryset = Funder.objects.all()
        if can_manage:
            self.fields["managers"] = forms.ModelMultipleChoiceField(
                queryset=Project._meta.get_field("managers").related_model.objects.order_by(
                    "username"
                ),
                required=False,
                label=_("Projektledare"),
                initial=list(self.instance.managers.all()) if self.instance.pk else [],
            )
        if self.instance.pk:
            self.fields["code"].disabled = True
        self.order_fields(["name", "code", "status", "period", "total_budget"])

    def clean_code(self):
        code = self.cleaned_data["code"]
        if code in RESERVED_CODES:
            raise ValidationError(
                _("Koden ”%(code)s” är upptagen av en sida i portföljen; välj en annan."),
                params={"code": code},
            )
        return code

    def clean(self):
        cleaned = super().clean()
        period = cleaned.get("period")
        self.instance.start, self.instance.end = period if period else (None, None)
        self.instance.total_budget = cleaned.get("total_budget")
        if self.instance.pk:
            stored = Project.objects.get(pk=self.instance.pk)
            reason = freezing.refusal(stored, self.instance)
            if reason:
                self.add_error(
                    "total_budget" if "period" not in self.changed_data else "period", reason
                )
        return cleaned

    def _save_m2m(self):
        super()._save_m2m()
        if "managers" in self.fields:
            self.instance.managers.set(self.cleaned_data["managers"])


class ProjectYearForm(VersionedModelForm):
    budget = AmountField(label=_("Budget (kostnader), kr"), required=False)
    personnel_costs = AmountField(label=_("Varav personalkostnader, kr"), required=False)
    overhead = AmountField(label=_("Varav OH-kostnader, kr"), required=False)

    class Meta:
        model = ProjectYear
        fields = ["budget", "personnel_costs", "overhead", "source"]


class FinancingForm(VersionedModelForm):
    amount = AmountField(label=_("Belopp, kr"))

    class Meta:
        model = Financing
        fields = ["kind", "funder", "amount", "source"]

    def clean(self):
        cleaned = super().clean()
        # project and year are not form fields, so the model's unique constraints are not
        # checked by the form: check the same rule here.
        self.instance.amount = cleaned.get("amount")
        kind, funder = cleaned.get("kind"), cleaned.get("funder")
        others = Financing.objects.filter(
            project=self.instance.project, year=self.instance.year
        ).exclude(pk=self.instance.pk)
        if kind == Financing.Kind.EXTERNAL and funder and others.filter(funder=funder).exists():
            self.add_error(
                "funder",
                _(
                    "Projektet har redan ett belopp från den anslagsgivaren det året; ändra det i "
                    "stället."
                ),
            )
        elif (
            kind
            and kind != Financing.Kind.EXTERNAL
            and others.filter(kind=kind, funder=None).exists()
        ):
            self.add_error(
                "kind",
                _("Projektet har redan ett belopp från den källan det året; ändra det i stället."),
            )
        return cleaned


class FilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alla"))] + Project.Status.choices
    )
    unit = forms.ChoiceField(label=_("Enhet"), required=False)
    funder = forms.ChoiceField(label=_("Anslagsgivare"), required=False)

    def __init__(self, *args, units=(), funders=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("Alla"))] + [(u.code, u.name) for u in units]
        self.fields["funder"].choices = [("", _("Alla"))] + [(f.code, f.name) for f in funders]

    def describe(self) -> str:
        """The chosen filters in words ("pågår, Projektenhet"), empty when none is chosen."""
        if not self.is_valid():
            return ""
        chosen = []
        for name in ("status", "unit", "funder"):
            value = self.cleaned_data.get(name)
            if value:
                chosen.append(str(dict(self.fields[name].choices).get(value, value)))
        return ", ".join(chosen)
