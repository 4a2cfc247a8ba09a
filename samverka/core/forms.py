"""Form plumbing shared by every app."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _

from samverka.audit.models import ConcurrentEditError
from samverka.lib.money import format_number


class VersionedModelForm(forms.ModelForm):
    """A model form that refuses to overwrite a save made after the form was shown.

    The version the user saw travels in a hidden field; saving claims exactly that version, and
    when someone else saved in between, the form gets an error that shows their values.
    """

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seen_version"].initial = self.instance.version

    def save(self, commit: bool = True):
        instance = super().save(commit=False)
        if commit:
            try:
                instance.save(expected_version=self.cleaned_data["seen_version"])
            except ConcurrentEditError as exc:
                self._report_conflict(exc)
                raise
            self._save_m2m()
        return instance

    def _report_conflict(self, exc: ConcurrentEditError) -> None:
        current = exc.current
        if current is None:
            self.add_error(None, _("Någon annan har tagit bort posten medan du redigerade den."))
            return
        for name in self.changed_data:
            if name in self.fields and hasattr(current, name):
                newer = getattr(current, name)
                if isinstance(newer, Decimal | int) and not isinstance(newer, bool):
                    newer = format_number(newer, 2 if newer % 1 else 0)
                self.add_error(
                    name,
                    _(
                        "Någon annan har sparat ett nytt värde: %(value)s. Din ändring sparades "
                        "inte; kontrollera och spara igen."
                    )
                    % {"value": newer},
                )
        if not self.errors:
            self.add_error(None, _("Någon annan har sparat posten medan du redigerade den."))
        # Show the newer version on the next submit so the user can save deliberately.
        self.data = self.data.copy()
        self.data["seen_version"] = current.version


def save_or_conflict(form: VersionedModelForm) -> bool:
    """Save the form; False (with errors on the form) when someone else saved first."""
    try:
        form.save()
    except ConcurrentEditError:
        return False
    return True
