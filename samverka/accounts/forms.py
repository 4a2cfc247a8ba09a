"""Forms of the user administration and the own password change."""

import hashlib

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from samverka.accounts.models import SCOPED_ROLES, Role, RoleAssignment
from samverka.core.forms import VersionedModelForm
from samverka.orgs.models import Unit


def _check_role_and_unit(form: forms.Form, role: str | None, unit: Unit | None) -> None:
    """A unit manager needs a unit; the other roles hold for the whole federation."""
    if not role:
        return
    if role in SCOPED_ROLES and unit is None:
        form.add_error("unit", _("Ange vilken enhet enhetschefen leder."))
    elif role not in SCOPED_ROLES and unit is not None:
        form.add_error(
            "unit",
            _("Rollen %(role)s gäller hela förbundet; lämna enheten tom.")
            % {"role": Role(role).label},
        )


class UserCreateForm(forms.ModelForm):
    """A new account: name, e-mail, an initial password or none (a set-password link instead)."""

    password1 = forms.CharField(
        label=_("Första lösenord"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "Lämna tomt för att i stället få en länk där användaren själv väljer lösenord."
        ),
    )
    password2 = forms.CharField(
        label=_("Upprepa lösenordet"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    role = forms.ChoiceField(
        label=_("Roll"), choices=[("", _("ingen roll ännu"))] + Role.choices, required=False
    )
    unit = forms.ModelChoiceField(
        label=_("Enhet (för enhetschef)"), queryset=Unit.objects.all(), required=False
    )

    class Meta:
        model = get_user_model()
        fields = ["username", "first_name", "last_name", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        # The rules the password must follow, as the validators state them (in Swedish).
        rules = " ".join(password_validation.password_validators_help_texts())
        self.fields["password1"].help_text = f"{self.fields['password1'].help_text} {rules}"
        self.fields["unit"].empty_label = _("ingen (rollen gäller hela förbundet)")

    def clean_username(self):
        username = self.cleaned_data["username"]
        model = get_user_model()
        if model.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(
                _("Användarnamnet %(name)s är upptaget.") % {"name": username}
            )
        return username

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first or second:
            if first != second:
                self.add_error("password2", _("Lösenorden är inte lika."))
            else:
                user = get_user_model()(
                    username=cleaned.get("username", ""),
                    first_name=cleaned.get("first_name", ""),
                    last_name=cleaned.get("last_name", ""),
                    email=cleaned.get("email", ""),
                )
                try:
                    password_validation.validate_password(first, user)
                except forms.ValidationError as error:
                    self.add_error("password1", error)
        _check_role_and_unit(self, cleaned.get("role"), cleaned.get("unit"))
        return cleaned

    def save(self, commit: bool = True):
        user = super().save(commit=False)
        if self.cleaned_data.get("password1"):
            user.set_password(self.cleaned_data["password1"])
        else:
            user.set_unusable_password()
        if commit:
            user.save()
            if self.cleaned_data.get("role"):
                RoleAssignment.objects.create(
                    user=user, role=self.cleaned_data["role"], unit=self.cleaned_data.get("unit")
                )
        return user


class UserDetailsForm(forms.ModelForm):
    """Name and e-mail of an existing account (the username stays: the audit log shows it).

    User has no version, so the values shown travel in `seen` and a save is refused when the
    stored values differ from them (someone else saved in between).
    """

    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["seen"].initial = self._fingerprint()

    def _fingerprint(self) -> str:
        stored = type(self.instance).objects.filter(pk=self.instance.pk).first()
        source = stored or self.instance
        values = "\n".join(getattr(source, name) for name in self.Meta.fields)
        return hashlib.sha256(values.encode()).hexdigest()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("seen", "") != self._fingerprint():
            stored = type(self.instance).objects.get(pk=self.instance.pk)
            changed = [name for name in self.changed_data if name in self.Meta.fields]
            if not changed:
                self.add_error(None, _("Någon annan har sparat uppgifterna medan du ändrade dem."))
            for name in changed:
                self.add_error(
                    name,
                    _(
                        "Någon annan har sparat ett nytt värde: %(value)s. Din ändring sparades "
                        "inte; kontrollera och spara igen."
                    )
                    % {"value": getattr(stored, name) or "–"},
                )
            self.data = self.data.copy()
            self.data[self.add_prefix("seen")] = self._fingerprint()
        return cleaned


class RoleAssignmentForm(VersionedModelForm):
    class Meta:
        model = RoleAssignment
        fields = ["role", "unit", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", _("välj roll"))] + Role.choices
        self.fields["unit"].empty_label = _("ingen (rollen gäller hela förbundet)")

    def clean(self):
        cleaned = super().clean()
        role, unit = cleaned.get("role"), cleaned.get("unit")
        _check_role_and_unit(self, role, unit)
        if role and not self.errors:
            held = RoleAssignment.objects.filter(user=self.instance.user, role=role, unit=unit)
            if held.exclude(pk=self.instance.pk).exists():
                self.add_error(
                    "role",
                    _("Användaren har redan rollen %(role)s%(where)s.")
                    % {
                        "role": Role(role).label,
                        "where": f" ({unit})" if unit else "",
                    },
                )
        return cleaned
