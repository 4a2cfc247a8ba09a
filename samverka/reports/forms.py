from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.core.forms import VersionedModelForm
from samverka.reports.models import PlanText


class PlanTextForm(VersionedModelForm):
    class Meta:
        model = PlanText
        fields = ["text"]
        labels = {"text": _("Text")}
        help_texts = {
            "text": _(
                "Lämna en tom rad mellan stycken. Rader som börjar med en punkt (•) eller ett "
                "tankstreck (–) blir en punktlista. Tabeller, belopp och listor ur registren "
                "skriver Samverka ut själv."
            )
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 16})}

    def __init__(self, *args, locked: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if locked:
            self.fields["text"].disabled = True
