import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class DocumentJobForm(forms.Form):
    """A document built in the background: which, in what format, and the follow-up's date."""

    document = forms.ChoiceField(
        label=gettext_lazy("Dokument"),
        choices=[
            ("plan", gettext_lazy("Budget och verksamhetsplan")),
            ("followup", gettext_lazy("Uppföljningsrapport")),
        ],
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Format"), choices=[("pdf", "PDF"), ("docx", "Word (DOCX)")]
    )
    on = forms.DateField(
        label=gettext_lazy("Uppföljning per"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("Gäller uppföljningsrapporten."),
        error_messages={
            "invalid": gettext_lazy("Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-31.")
        },
    )

    def __init__(self, *args, year: int, **kwargs) -> None:
        super().__init__(*args, auto_id=f"id_job_%s_{year}", **kwargs)
        self.year = year
        if not self.is_bound:
            today = timezone.localdate()
            self.initial.setdefault(
                "on", max(datetime.date(year, 1, 1), min(today, datetime.date(year, 12, 31)))
            )

    def clean(self):
        data = super().clean()
        if data.get("document") == "followup":
            on = data.get("on")
            if on is None and "on" not in self.errors:
                self.add_error("on", _("Ange ett datum för uppföljningen."))
            elif on is not None and on < datetime.date(self.year, 1, 1):
                self.add_error(
                    "on",
                    _("Uppföljningen av %(year)s kan göras från %(year)s-01-01.")
                    % {"year": self.year},
                )
        return data


class KoladaJobForm(forms.Form):
    first_year = forms.IntegerField(label=gettext_lazy("Från år"), min_value=1990, max_value=2100)
    last_year = forms.IntegerField(label=gettext_lazy("Till år"), min_value=1990, max_value=2100)

    def clean(self):
        data = super().clean()
        first, last = data.get("first_year"), data.get("last_year")
        if first and last and first > last:
            self.add_error("last_year", _("Till år kan inte vara före från år."))
        return data
