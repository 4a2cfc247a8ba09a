"""Form plumbing shared by every app."""

from decimal import Decimal

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.audit.models import ConcurrentEditError, LogEntry
from samverka.lib.money import format_number


class VersionedModelForm(forms.ModelForm):
    """A model form that refuses to overwrite a save made after the form was shown.

    The version the user saw travels in a hidden field; saving claims exactly that version, and
    when someone else saved in between, the form gets an error that shows their values.
    """

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # 0 for an object not saved yet, so that saving it means "create" and is refused
        # when someone else created it meanwhile.
        self.fields["seen_version"].initial = self.instance.shown_version

    def save(self, commit: bool = True):
        instance = super().save(commit=False)
        if commit:
            try:
                instance.save(expected_version=self.cleaned_data["seen_version"])
            except ConcurrentEditError as exc:
                self.report_conflict(exc)
                raise
            self._save_m2m()
        return instance

    def report_conflict(self, exc: ConcurrentEditError) -> None:
        """Put the newer values (and who saved them) on the form; next submit overwrites them
        deliberately."""
        current = exc.current
        if current is None:
            self.add_error(None, _("Någon annan har tagit bort posten medan du redigerade den."))
            return
        # The user saw no object (version 0) and someone else created it meanwhile.
        created_meanwhile = (
            self.cleaned_data.get("seen_version") == exc.instance.UNSAVED_VERSION
            or exc.instance.pk is None
            or exc.instance._state.adding
        )
        # After a create lost to someone else's, each of their values that differs from the
        # user's is news; after an update, each field the user changed.
        names = (
            [n for n in self.fields if not self._same_as_submitted(current, n)]
            if created_meanwhile
            else self.changed_data
        )
        for name in names:
            if name != "seen_version" and name in self.fields and hasattr(current, name):
                self.add_error(
                    name,
                    _(
                        "Någon annan har sparat ett nytt värde: %(value)s. Din ändring sparades "
                        "inte; kontrollera och spara igen."
                    )
                    % {"value": _display(current, name)},
                )
        self.add_error(None, conflict_summary(current, created_meanwhile))
        # Show the newer version on the next submit so the user can save deliberately.
        self.data = self.data.copy()
        self.data["seen_version"] = current.version

    def _same_as_submitted(self, current, name: str) -> bool:
        if name not in self.cleaned_data or not hasattr(current, name):
            return False
        newer = getattr(current, name)
        if hasattr(newer, "all") and callable(newer.all):  # many-to-many: compare the sets
            return set(newer.all()) == set(self.cleaned_data[name] or [])
        return newer == self.cleaned_data[name]

    # The name used before the conflict report became part of the form's public interface.
    _report_conflict = report_conflict


def _display(obj, name: str) -> str:
    """A stored value as the user would read it: choices by label, amounts the Swedish way."""
    display = getattr(obj, f"get_{name}_display", None)
    if callable(display):
        return str(display())
    value = getattr(obj, name)
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return format_number(value, 2 if value % 1 else 0)
    if value is None or value == "":
        return _("(tomt)")
    if hasattr(value, "all") and callable(value.all):  # a many-to-many manager
        return ", ".join(str(item) for item in value.all()) or _("(tomt)")
    return str(value)


def conflict_summary(current, created_meanwhile: bool) -> str:
    """ "Someone else created/saved this …", naming who and when from the audit log."""
    entry = last_entry(current)
    if created_meanwhile:
        if entry is None:
            return _("Någon annan har skapat posten medan du fyllde i formuläret.")
        return _(
            "%(who)s skapade posten %(when)s medan du fyllde i formuläret. Deras värden visas "
            "ovan; din uppgift sparades inte."
        ) % {"who": entry.actor_label, "when": _when(entry)}
    if entry is None:
        return _("Någon annan har sparat posten medan du redigerade den.")
    return _(
        "%(who)s sparade posten %(when)s medan du redigerade den. Din ändring sparades inte."
    ) % {"who": entry.actor_label, "when": _when(entry)}


def last_entry(obj) -> LogEntry | None:
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    return LogEntry.objects.filter(content_type=content_type, object_id=str(obj.pk)).first()


def _when(entry: LogEntry) -> str:
    return timezone.localtime(entry.created).strftime("%Y-%m-%d %H:%M")


def save_or_conflict(form: VersionedModelForm) -> bool:
    """Save the form; False (with errors on the form) when someone else saved first."""
    try:
        form.save()
    except ConcurrentEditError:
        return False
    return True
