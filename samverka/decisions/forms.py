from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.core.forms import VersionedModelForm
from samverka.decisions.models import AgendaItem, Decision, Meeting, ReportingObligation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MeetingForm(VersionedModelForm):
    class Meta:
        model = Meeting
        fields = ["body", "date", "title", "note"]
        widgets = {"date": DATE, "note": forms.Textarea(attrs={"rows": 2})}


class DecisionForm(VersionedModelForm):
    """What a controller corrects or completes on a decision: its diarienummer, status, paragraph,
    title and text. Body and date stay as registered: the decision's meeting follows them."""

    class Meta:
        model = Decision
        fields = ["reference_number", "status", "number", "title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}


class AgendaItemForm(VersionedModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "matter", "outcome", "decision", "fulfils"]
        widgets = {
            "outcome": forms.Textarea(attrs={"rows": 2}),
            "fulfils": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        meeting = self.instance.meeting
        self.fields["decision"].queryset = Decision.objects.filter(date=meeting.date)
        self.fields["fulfils"].queryset = ReportingObligation.objects.filter(body=meeting.body)
        self.fields["fulfils"].help_text = _("Kryssa i om punkten är den rapport som krävs.")


class TrackingForm(VersionedModelForm):
    class Meta:
        model = ReportingObligation
        fields = ["tracked_from"]
        widgets = {"tracked_from": DATE}
