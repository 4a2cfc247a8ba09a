from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.api.models import ApiToken


class TokenForm(forms.Form):
    """A new token needs only a name; its secret is made by `tokens.create`."""

    name = forms.CharField(
        label=_("Namn på nyckeln"),
        max_length=ApiToken._meta.get_field("name").max_length,
        help_text=_(
            "Vad nyckeln ska användas till, t.ex. ”Rapportskript” eller ”Ekonomisystemet”."
        ),
    )
