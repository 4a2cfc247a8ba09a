from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.core.forms import VersionedModelForm
from samverka.goals.fetching import SCB_POPULATION_SOURCE
from samverka.orgs.models import GoverningBody, Member, Population, Seat, Unit


class UnitForm(VersionedModelForm):
    class Meta:
        model = Unit
        fields = ["name", "manager_name", "description"]


class AdoptionForm(forms.Form):
    """The board decision that adopts a period (or its revision)."""

    body = forms.ModelChoiceField(
        queryset=GoverningBody.objects.filter(is_decision_making=True),
        label=_("Beslutande organ"),
    )
    date = forms.DateField(label=_("Beslutsdatum"), widget=forms.DateInput(attrs={"type": "date"}))
    number = forms.CharField(label=_("Paragraf"), max_length=40, required=False)
    title = forms.CharField(label=_("Rubrik"), max_length=300)
    reference_number = forms.CharField(label=_("Diarienummer"), max_length=60, required=False)

    def __init__(self, *args, open_errors=(), **kwargs):
        super().__init__(*args, **kwargs)
        if open_errors:
            self.fields["errors_acknowledged"] = forms.BooleanField(
                label=_("Jag känner till felen och vill anta ändå"),
                required=True,
                error_messages={
                    "required": _(
                        "Budgeten har %(n)s öppna fel (listade ovan). Kryssa i att du känner "
                        "till dem för att anta perioden ändå."
                    )
                    % {"n": len(open_errors)}
                },
            )


class WholeNumberField(forms.IntegerField):
    """An integer typed the Swedish way: "57 500" with spaces (also no-break) between groups."""

    def to_python(self, value):
        if isinstance(value, str):
            value = "".join(value.split()).replace("\u202f", "")
        return super().to_python(value)


class PopulationForm(VersionedModelForm):
    """One population figure of a member, with where it comes from."""

    inhabitants = WholeNumberField(
        label=_("Invånare"),
        min_value=1,
        error_messages={
            "invalid": _("Ange antalet invånare som ett heltal, t.ex. 57 500."),
            "min_value": _("Antalet invånare måste vara minst 1."),
        },
    )

    class Meta:
        model = Population
        fields = ["reference_date", "inhabitants", "source"]
        widgets = {"reference_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "reference_date": _("Den dag siffran avser, t.ex. 2024-12-31."),
            "source": _("T.ex. SCB, folkmängd 31 december 2024."),
        }

    def clean(self):
        cleaned = super().clean()
        day = cleaned.get("reference_date")
        member = self.instance.member
        if (
            day
            and Population.objects.filter(member=member, reference_date=day)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error(
                "reference_date",
                _(
                    "%(member)s har redan en folkmängd per %(date)s. Rätta den i stället för att "
                    "lägga till en till."
                )
                % {"member": member.name, "date": f"{day:%Y-%m-%d}"},
            )
        # A figure fetched from SCB is replaced by the next fetch while its source says SCB:
        # a correction by hand must say where it comes from, so that it is kept.
        if (
            self.instance.pk
            and "inhabitants" in self.changed_data
            and "source" not in self.changed_data
            and self.instance.source.startswith(SCB_POPULATION_SOURCE)
        ):
            self.add_error(
                "source",
                _(
                    "Ange varifrån den rättade siffran kommer. Med SCB-hämtningen som källa "
                    "skrivs den över vid nästa hämtning från SCB."
                ),
            )
        return cleaned


class ScbFetchForm(forms.Form):
    year = forms.IntegerField(label=_("År (folkmängd 31 december)"), min_value=1968, max_value=2100)


class SeatForm(VersionedModelForm):
    """Who holds a seat in a body, for which member, in which role and for which term."""

    class Meta:
        model = Seat
        fields = ["role", "member", "qualification", "holder_name", "term_start", "term_end"]
        widgets = {
            "term_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "term_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {"holder_name": _("Namn, och parti om det ska visas, t.ex. Anna Ek (S).")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.filter(
            federation_id=self.instance.body.federation_id
        )
        self.fields["member"].empty_label = _("ingen särskild kommun")
        self.fields["role"].choices = [("", _("välj roll"))] + Seat.Role.choices

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("term_start"), cleaned.get("term_end")
        if start and end and end < start:
            self.add_error(
                "term_end",
                _("Mandatperioden kan inte sluta före den börjar (%(start)s).")
                % {"start": f"{start:%Y-%m-%d}"},
            )
        member, role = cleaned.get("member"), cleaned.get("role")
        body = self.instance.body
        if (
            member
            and role
            and Seat.objects.filter(body=body, member=member, role=role)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error(
                "member",
                _("%(member)s har redan en plats som %(role)s i %(body)s; ändra den i stället.")
                % {
                    "member": member.name,
                    "role": Seat.Role(role).label,
                    "body": body.name,
                },
            )
        return cleaned
