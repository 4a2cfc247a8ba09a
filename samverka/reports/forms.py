from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverka.audit.models import ConcurrentEditError
from samverka.core.forms import VersionedModelForm
from samverka.reports.models import PlanText


class PlanTextForm(VersionedModelForm):
    class Meta:
        model = PlanText
        fields = ["text"]
        labels = {"text": gettext_lazy("Text")}
        help_texts = {
            "text": gettext_lazy(
                "Lämna en tom rad mellan stycken. Rader som börjar med en punkt (•) eller ett "
                "tankstreck (–) blir en punktlista. Tabeller, belopp och listor ur registren "
                "skriver Samverka ut själv."
            )
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 16})}

    def __init__(self, *args, locked: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.newer_text: str | None = None
        if locked:
            self.fields["text"].disabled = True

    def report_conflict(self, exc: ConcurrentEditError) -> None:
        """A text is long: the other version is shown under the field (`newer_text`), not
        repeated in the error, and the user's own text stays in the field."""
        super().report_conflict(exc)
        if exc.current is not None and "text" in self.errors:
            self.newer_text = exc.current.text
            self.errors["text"] = self.error_class(
                [
                    _(
                        "Någon annan har sparat en annan text medan du skrev. Den visas under "
                        "fältet; din text står kvar i fältet. Spara igen för att ersätta den."
                    )
                ]
            )
