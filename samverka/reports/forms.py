import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FollowUpForm(forms.Form):
    """The date of a follow-up report; the button pressed says the format (GET, no state)."""

    datum = forms.DateField(
        label=_("Uppföljning per"),
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-31."),
            "required": _("Ange ett datum för uppföljningen."),
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
