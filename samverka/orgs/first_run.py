"""The first-run page `/kom-igang/`: set up the federation in a browser on an empty database.

Open without login only while no federation exists (afterwards: 404), and only to someone who
knows the setup token (`SAMVERKA_SETUP_TOKEN`), so a stranger cannot claim a fresh public
install. Two steps in the GOV.UK "check your answers" pattern: the answers (one form), then
a summary with the members' populations (fetched from SCB when online, entered otherwise) and
the button that creates everything and logs the administrator in.

Between the steps the answers wait in the session; the password only as Django's hash.

Guessing the token is throttled: after `TOKEN_GUESSES` wrong tokens from one address (the
client as `opendata.ratelimit.client_ip` sees it, counted in Django's cache like that limit)
the page refuses that address's attempts with 429 for `TOKEN_LOCK_SECONDS`.
"""

import hashlib
import math
import secrets
import time
from decimal import Decimal

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.hashers import make_password
from django.core.cache import cache
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverka.goals.http import ServiceError
from samverka.opendata.ratelimit import client_ip
from samverka.orgs import municipalities, populations
from samverka.orgs.founding import (
    Founding,
    FoundingRefused,
    Governance,
    MemberEntry,
    admin_problems,
    check,
    create_federation,
    fetch_from_scb,
)
from samverka.orgs.models import Federation

SESSION_KEY = "first_run"
# Five wrong tokens, then a quarter of an hour's pause: a person who mistyped is barely held
# up, and a guesser gets 20 tries an hour from each address.
TOKEN_GUESSES = 5
TOKEN_LOCK_SECONDS = 15 * 60
clock = time.time


class FirstRunForm(forms.Form):
    wrong_token = False  # set by clean_token: the view counts wrong tokens per address

    token = forms.CharField(
        label=gettext_lazy("Uppläggningsnyckel"),
        help_text=gettext_lazy("Värdet av SAMVERKA_SETUP_TOKEN på servern."),
        widget=forms.PasswordInput(render_value=True, attrs={"autocomplete": "off"}),
    )
    name = forms.CharField(label=gettext_lazy("Förbundets namn"), max_length=200)
    short_name = forms.CharField(
        label=gettext_lazy("Områdets namn (kortnamn)"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("T.ex. Sjuhärad. Visas bredvid medlemskommunerna."),
    )
    organisation_number = forms.CharField(
        label=gettext_lazy("Organisationsnummer"), max_length=20, required=False
    )
    governance = forms.ChoiceField(
        label=gettext_lazy("Styrelseform (kommunallagen 9 kap.)"),
        choices=Governance.choices,
        widget=forms.RadioSelect,
        initial=Governance.DIRECTION,
    )
    members = forms.MultipleChoiceField(
        label=gettext_lazy("Medlemskommuner"),
        choices=[(code, m.name) for code, m in municipalities.all_municipalities().items()],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Välj förbundets medlemskommuner.")},
    )
    year = forms.IntegerField(
        label=gettext_lazy("Första planeringsåret"), min_value=2000, max_value=2100
    )
    fee_per_inhabitant = forms.DecimalField(
        label=gettext_lazy("Medlemsavgift per invånare (kr)"),
        max_digits=8,
        decimal_places=2,
        localize=True,
    )
    payroll_overhead_rate = forms.DecimalField(
        label=gettext_lazy("PO-pålägg (%)"),
        max_digits=7,
        decimal_places=4,
        required=False,
        localize=True,
        help_text=gettext_lazy("SKR:s rekommendation för året. Tomt: anges senare."),
    )
    units = forms.CharField(
        label=gettext_lazy("Enheter"),
        widget=forms.Textarea(attrs={"rows": 3}),
        initial=gettext_lazy("Kansli"),
        help_text=gettext_lazy("En per rad. Den första är kansliet, som bär overheadkostnaderna."),
    )
    admin_username = forms.CharField(
        label=gettext_lazy("Administratörens användarnamn"), max_length=150
    )
    admin_email = forms.EmailField(label=gettext_lazy("Administratörens e-post"), required=False)
    admin_password = forms.CharField(
        label=gettext_lazy("Lösenord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    admin_password2 = forms.CharField(
        label=gettext_lazy("Lösenordet igen"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"]
        # Digests of equal length, compared in constant time: the answer tells neither how much
        # of the token was right nor how long it is.
        if not secrets.compare_digest(_token_digest(token), _token_digest(settings.SETUP_TOKEN)):
            self.wrong_token = True
            raise forms.ValidationError(_("Nyckeln stämmer inte."))
        return token

    def clean(self):
        data = super().clean()
        password, again = data.get("admin_password"), data.get("admin_password2")
        if password and again and password != again:
            self.add_error("admin_password2", _("Lösenorden är inte lika."))
        if data.get("admin_username") and password:
            for problem in admin_problems(data["admin_username"], password):
                self.add_error(problem.field, problem.message)
        units = [line.strip() for line in data.get("units", "").splitlines() if line.strip()]
        data["unit_names"] = units
        if "units" in data and not self.errors.get("units"):
            probe = _founding(data, [MemberEntry(c) for c in data.get("members") or []], "")
            for problem in check(probe):
                if problem.field == "units":
                    self.add_error("units", problem.message)
        return data

    def counties(self) -> list[tuple[str, list, bool]]:
        """(county, its checkboxes, whether one is chosen) for the grouped member list."""
        chosen = set(self["members"].value() or [])
        boxes = {box.data["value"]: box for box in self["members"]}
        return [
            (
                county,
                [boxes[m.code] for m in group],
                any(m.code in chosen for m in group),
            )
            for county, group in municipalities.by_county()
        ]


def _founding(data: dict, members: list[MemberEntry], password_hash: str) -> Founding:
    return Founding(
        name=data.get("name", ""),
        short_name=data.get("short_name", ""),
        organisation_number=data.get("organisation_number", ""),
        members=members,
        year=int(data.get("year") or 0),
        fee_per_inhabitant=Decimal(str(data["fee_per_inhabitant"]))
        if data.get("fee_per_inhabitant") is not None
        else None,
        payroll_overhead_rate=Decimal(str(data["payroll_overhead_rate"]))
        if data.get("payroll_overhead_rate") not in (None, "")
        else None,
        governance=data.get("governance", ""),
        units=list(data.get("unit_names") or []),
        admin_username=data.get("admin_username", ""),
        admin_email=data.get("admin_email", ""),
        admin_password="",
        admin_password_hash=password_hash,
    )


def targets_left_message(year: int) -> str:
    """The founding leaves the financial targets to the controller: say so, with the page."""
    return format_html(
        '{} <a href="{}">{}</a>',
        _(
            "Förbundets finansiella mål är inte inlagda, så budgeten prövas inte mot några mål "
            "ännu."
        ),
        reverse("budget:targets", args=[year]),
        _("Lägg in de finansiella målen för %(year)s") % {"year": year},
    )


def _open_or_404() -> None:
    if Federation.objects.exists():
        raise Http404(_("Förbundet är redan upplagt."))


# The SCB fetch may take seconds: not inside a request-wide transaction, which holds SQLite's
# write lock. This step writes nothing but the session.
@transaction.non_atomic_requests
@login_not_required
def start(request: HttpRequest) -> HttpResponse:
    _open_or_404()
    if not settings.SETUP_TOKEN:
        return render(request, "orgs/first_run/closed.html")
    saved = request.session.get(SESSION_KEY)
    if request.method == "POST":
        if locked_for := _token_locked_for(request):
            return _too_many_wrong_tokens(request, locked_for)
        form = FirstRunForm(request.POST)
        valid = form.is_valid()
        if form.wrong_token:
            _count_wrong_token(request)
        if valid:
            data = form.cleaned_data
            answers = {
                "name": data["name"].strip(),
                "short_name": data["short_name"].strip(),
                "organisation_number": data["organisation_number"].strip(),
                "governance": data["governance"],
                "members": data["members"],
                "year": data["year"],
                "fee_per_inhabitant": str(data["fee_per_inhabitant"]),
                "payroll_overhead_rate": (
                    ""
                    if data["payroll_overhead_rate"] is None
                    else str(data["payroll_overhead_rate"])
                ),
                "unit_names": data["unit_names"],
                "admin_username": data["admin_username"],
                "admin_email": data["admin_email"],
                "password_hash": make_password(data["admin_password"]),
                "token": _token_digest(settings.SETUP_TOKEN),
                "fetched": None,
                "fetch_error": "",
            }
            if populations.online():
                _fetch(answers)
            request.session[SESSION_KEY] = answers
            return redirect("first_run:check")
    else:
        initial = {}
        if saved:
            initial = {k: v for k, v in saved.items() if k in FirstRunForm.base_fields}
            initial["units"] = "\n".join(saved["unit_names"])
        form = FirstRunForm(initial=initial)
    return render(request, "orgs/first_run/start.html", {"form": form})


def _token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _lock_key(request: HttpRequest) -> str:
    return f"first-run-token-locked:{client_ip(request)}"


def _token_locked_for(request: HttpRequest) -> int:
    """Seconds until this address may try a token again; 0 when it may now."""
    until = cache.get(_lock_key(request))
    if until is None:
        return 0
    left = math.ceil(until - clock())
    if left <= 0:
        cache.delete(_lock_key(request))
        return 0
    return left


def _count_wrong_token(request: HttpRequest) -> None:
    key = f"first-run-wrong-tokens:{client_ip(request)}"
    # add() only creates: of two wrong tokens at once, one creates and both increment.
    cache.add(key, 0, timeout=TOKEN_LOCK_SECONDS)
    try:
        wrong = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=TOKEN_LOCK_SECONDS)
        wrong = 1
    if wrong >= TOKEN_GUESSES:
        cache.set(_lock_key(request), clock() + TOKEN_LOCK_SECONDS, timeout=TOKEN_LOCK_SECONDS)
        cache.delete(key)


def _too_many_wrong_tokens(request: HttpRequest, seconds: int) -> HttpResponse:
    minutes = math.ceil(seconds / 60)
    response = render(
        request,
        "orgs/first_run/too_many_attempts.html",
        {"guesses": TOKEN_GUESSES, "minutes": minutes},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response


def _fetch(answers: dict) -> None:
    codes = sorted(answers["members"])
    year = _founding(answers, [], "").reference_year
    try:
        entries, source = fetch_from_scb(codes, year)
    except ServiceError as exc:
        answers["fetch_error"] = str(exc)
        return
    answers["fetched"] = {
        "source": source,
        "at": timezone.now().isoformat(),
        "members": {e.code: [e.name, e.inhabitants] for e in entries},
    }


@login_not_required
def check_answers(request: HttpRequest) -> HttpResponse:
    _open_or_404()
    answers = request.session.get(SESSION_KEY)
    # The answers count only under the token they were given with (it may have been changed).
    if (
        not settings.SETUP_TOKEN
        or not answers
        or not secrets.compare_digest(answers.get("token", ""), _token_digest(settings.SETUP_TOKEN))
    ):
        return redirect("first_run:start")
    fetched = answers.get("fetched")
    founding = _founding(answers, [], answers["password_hash"])
    rows = []
    for code in sorted(answers["members"], key=lambda c: municipalities.get(c).name):
        name, inhabitants = municipalities.get(code).name, None
        if fetched and code in fetched["members"]:
            name, inhabitants = fetched["members"][code]
            name = name or municipalities.get(code).name
        rows.append({"code": code, "name": name, "inhabitants": inhabitants})
    errors: dict[str, str] = {}
    if request.method == "POST":
        members = []
        for row in rows:
            value = row["inhabitants"]
            if not fetched or value is None:
                text = request.POST.get(f"population_{row['code']}", "").replace(" ", "")
                text = text.replace("\u00a0", "")
                row["entered"] = text
                if text and not text.isdigit():
                    row["error"] = _("Skriv folkmängden som ett heltal, t.ex. 113000.")
                    errors[row["code"]] = row["error"]
                value = int(text) if text.isdigit() else None
            members.append(MemberEntry(row["code"], row["name"], value))
        if not errors:
            founding.members = members
            if fetched:
                founding.population_source = fetched["source"]
                founding.populations_fetched_at = timezone.datetime.fromisoformat(fetched["at"])
            try:
                federation = create_federation(founding)
            except FoundingRefused as exc:
                for problem in exc.problems:
                    messages.error(request, problem.message)
                return redirect("first_run:start")
            del request.session[SESSION_KEY]
            admin = get_user_model().objects.get(username=founding.admin_username)
            login(request, admin, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _("Förbundet %(name)s är upplagt och du är inloggad som administratör.")
                % {"name": federation.name},
            )
            messages.warning(request, targets_left_message(founding.year))
            return redirect(reverse("budget:period", args=[founding.year]))
    return render(
        request,
        "orgs/first_run/check.html",
        {
            "answers": answers,
            "founding": founding,
            "governance": Governance(answers["governance"]).label,
            "rows": rows,
            "fetched": fetched,
            "fetch_error": answers.get("fetch_error"),
            "errors": errors,
            "online": populations.online(),
        },
    )
