from samverka.core.forms import VersionedModelForm
from samverka.notifications.models import Preference

FIELDS = ["round_opened", "round_closing", "obligation_due", "obligation_missed", "document_built"]


class PreferenceForm(VersionedModelForm):
    class Meta:
        model = Preference
        fields = FIELDS
