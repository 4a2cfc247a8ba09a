import datetime

from django import forms
from django.utils import timezone
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


class FollowUpForm(forms.Form):
    """The date of a follow-up report; the button pressed says the format (GET, no state)."""

    datum = forms.DateField(
        label=gettext_lazy("Uppföljning per"),
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "invalid": gettext_lazy("Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-31."),
            "required": gettext_lazy("Ange ett datum för uppföljningen."),
        },
    )
    # Set by the button pressed ("Hämta PDF", "Hämta Word"); Enter in the date field means PDF.
    format = forms.ChoiceField(choices=[("pdf", "PDF"), ("docx", "DOCX")], required=False)

    def __init__(self, *args, year: int, **kwargs) -> None:
        # Several periods' forms on one page: the ids carry the year.
        super().__init__(*args, auto_id=f"id_%s_{year}", **kwargs)
        self.year = year

    def clean_format(self) -> str:
        return self.cleaned_data.get("format") or "pdf"


def default_date(year: int, today: datetime.date | None = None) -> datetime.date:
    """Today, within the period: its last day once it is over, its first before it starts."""
    today = today or timezone.localdate()
    return max(datetime.date(year, 1, 1), min(today, datetime.date(year, 12, 31)))
