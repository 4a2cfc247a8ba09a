from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from samverka.core.forms import VersionedModelForm
from samverka.lib.money import AmountError, parse_amount
from samverka.orgs.models import GoverningBody
from samverka.plan import links
from samverka.plan.models import (
    Activity,
    ActivityReport,
    CoFinancing,
    FocusArea,
    PlanActivity,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AmountField(forms.DecimalField):
    """An amount as people write it in Swedish: "2 680 000", "1 234,50"."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_amount(value)
        except AmountError as exc:
            raise forms.ValidationError(
                _("”%(text)s” är inte ett belopp") % {"text": value}
            ) from exc


class ActivityForm(VersionedModelForm):
    class Meta:
        model = Activity
        fields = ["title", "description", "unit", "owner", "owner_name", "start", "end", "status"]
        widgets = {"start": DATE, "end": DATE}

    def __init__(self, *args, can_assign_owner: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = get_user_model().objects.order_by("username")
        self.fields["owner"].label_from_instance = lambda u: u.get_full_name() or u.get_username()
        if not can_assign_owner:
            del self.fields["owner"]


class ActivityStatusForm(VersionedModelForm):
    """After adoption only the follow-up status of an activity may change."""

    class Meta:
        model = Activity
        fields = ["status"]


class ActivityLinkForm(forms.Form):
    target = forms.ChoiceField(label=_("Koppla till"))
    label = forms.CharField(label=_("Benämning (valfri)"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", "---------"), *links.choices()]

    def clean_target(self):
        target = links.resolve(self.cleaned_data["target"])
        if target is None:
            raise forms.ValidationError(_("Välj ett objekt som går att koppla."))
        return target


class RoundForm(forms.Form):
    title = forms.CharField(
        label=_("Rubrik"), max_length=200, help_text=_("T.ex. Uppföljning augusti 2026.")
    )
    deadline = forms.DateField(label=_("Sista dag för rapportering"), widget=DATE)


class ReportForm(VersionedModelForm):
    """An owner's report in a round; saved by `followup.submit_report`, which claims the
    version the owner saw, so two owners reporting at once cannot overwrite each other."""

    class Meta:
        model = ActivityReport
        fields = ["status_date", "status", "judgement", "comment"]
        widgets = {"status_date": DATE, "comment": forms.Textarea(attrs={"rows": 4})}
        labels = {
            "status_date": _("Status per datum"),
            "status": _("Status"),
            "judgement": _("Bedömning"),
            "comment": _("Kommentar"),
        }


class PlanActivityForm(VersionedModelForm):
    class Meta:
        model = PlanActivity
        fields = ["focus_area", "title", "description", "responsible", "start", "end"]
        widgets = {"start": DATE, "end": DATE, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus_area"].queryset = FocusArea.objects.filter(programme=programme)


class PlanAdoptionForm(forms.Form):
    """The board decision that adopts a version of the activity plan."""

    body = forms.ModelChoiceField(
        queryset=GoverningBody.objects.filter(is_decision_making=True),
        label=_("Beslutande organ"),
    )
    date = forms.DateField(label=_("Beslutsdatum"), widget=DATE)
    number = forms.CharField(label=_("Paragraf"), max_length=40, required=False)
    title = forms.CharField(label=_("Rubrik"), max_length=300)
    reference_number = forms.CharField(label=_("Diarienummer"), max_length=60, required=False)


class CoFinancingForm(VersionedModelForm):
    amount = AmountField(label=_("Belopp (kr)"), max_digits=14, decimal_places=2)

    class Meta:
        model = CoFinancing
        fields = ["year", "member", "funder", "initiative", "amount", "grant", "source"]

    def __init__(self, *args, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grant"].queryset = programme.grants.all() if programme else None
