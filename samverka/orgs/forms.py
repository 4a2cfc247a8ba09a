from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.core.forms import VersionedModelForm
from samverka.orgs.models import GoverningBody, Unit


class UnitForm(VersionedModelForm):
    class Meta:
        model = Unit
        fields = ["name", "manager_name", "description"]


class AdoptionForm(forms.Form):
    """The board decision that adopts a period (or its revision)."""

    body = forms.ModelChoiceField(
        queryset=GoverningBody.objects.filter(is_decision_making=True),
        label=_("Beslutande organ"),
    )
    date = forms.DateField(label=_("Beslutsdatum"), widget=forms.DateInput(attrs={"type": "date"}))
    number = forms.CharField(label=_("Paragraf"), max_length=40, required=False)
    title = forms.CharField(label=_("Rubrik"), max_length=300)

    def __init__(self, *args, open_errors=(), **kwargs):
        super().__init__(*args, **kwargs)
        if open_errors:
            self.fields["errors_acknowledged"] = forms.BooleanField(
                label=_("Jag känner till felen och vill anta ändå"),
                required=True,
                error_messages={
                    "required": _(
                        "Budgeten har %(n)s öppna fel (listade ovan). Kryssa i att du känner "
                        "till dem för att anta perioden ändå."
                    )
                    % {"n": len(open_errors)}
                },
            )
