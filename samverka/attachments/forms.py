from pathlib import PurePosixPath

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from samverka.attachments import files, targets
from samverka.attachments.models import Attachment
from samverka.core.forms import VersionedModelForm


class AttachmentForm(VersionedModelForm):
    """One file for one object: its kind, title and diarienummer. The file itself is checked
    here (type, content, size) and stored by `attaching.attach`, not by the model form."""

    file = forms.FileField(
        label=_("Fil"),
        required=False,  # a missing file gets its own message in clean_file
        widget=forms.FileInput(attrs={"accept": files.accept_attribute()}),
    )

    class Meta:
        model = Attachment
        fields = ["kind", "title", "reference_number"]

    field_order = ["file", "kind", "title", "reference_number"]

    def __init__(self, *args, target, too_large: list[str] | tuple[str, ...] = (), **kwargs):
        choices = targets.kind_choices(target)
        # The object's first kind is preselected: minutes for a meeting, an application for a
        # project.
        super().__init__(*args, instance=Attachment(target=target, kind=choices[0][0]), **kwargs)
        self.too_large = list(too_large)
        self.checked: files.Checked | None = None
        self.fields["kind"].choices = choices
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Tomt: filens namn.")
        self.fields["file"].help_text = _(
            "%(types)s, högst %(limit)s. Filen lagras under ett eget namn; originalnamnet "
            "följer med när den laddas ner."
        ) % {"types": files.allowed_labels(), "limit": files.megabytes(files.max_bytes())}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if self.too_large:
            raise ValidationError(files.too_large_message(self.too_large[0]))
        if not upload:
            raise ValidationError(_("Välj en fil att ladda upp."))
        try:
            self.checked = files.check(upload)
        except files.FileRefused as exc:
            raise ValidationError(exc.message) from None
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("title") and self.checked is not None:
            cleaned["title"] = PurePosixPath(self.checked.name).stem[:300] or self.checked.name
        return cleaned
