from django import forms
from django.utils.translation import gettext_lazy as _


class TransitionForm(forms.Form):
    """A button that moves a submission: carries the version the user saw."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class SendBackForm(TransitionForm):
    comment = forms.CharField(
        label=_("Kommentar till enheten"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Säg vad enheten ska ändra. Enhetens chef ser kommentaren på enhetens sida."),
        error_messages={"required": _("Skriv en kommentar som säger vad enheten ska ändra.")},
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Kommentar"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Kommentaren är tom.")},
    )
