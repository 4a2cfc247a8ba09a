"""Every page of the site against every persona, as `accounts/access_matrix.py` declares.

A URL name the table lacks fails the first test: a new view cannot ship without a declared
access rule. Then each declared page is requested (GET, and POST where it has a form) by an
anonymous visitor, a login without a role, a reader, a project manager and a unit manager (on
their own object and on another's), a controller and an administrator. Allowed: an answer
below 400 that is not the login page. Denied: 403, or the login page for the anonymous. A
denied POST changes nothing (the audit log gets no entry); an allowed one may fail its form
but must not be refused.

The Skaraborg seed and the personas are built once for the module, inside a transaction that
is rolled back at its end; each request runs in a savepoint of its own, so that an allowed
POST (a deletion, an adoption) never reaches the next request.
"""

import datetime
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from samverka.accounts import access_matrix as matrix
from samverka.accounts.models import Role
from samverka.audit.models import LogEntry
from samverka.core import testing
from samverka.core.seeding import load_skaraborg

LOGIN_PATH = "/konto/logga-in/"


def site_names() -> set[str]:
    return set(matrix.site_routes())


def test_every_view_has_a_declared_access_rule():
    missing = sorted(site_names() - set(matrix.ACCESS))
    assert not missing, (
        "New view without a declared access rule: add a line for each to ACCESS in "
        "samverka/accounts/access_matrix.py:\n  " + "\n  ".join(missing)
    )


def test_the_table_names_no_view_that_is_gone():
    assert not sorted(set(matrix.ACCESS) - site_names())


def test_docs_access_md_is_the_generated_matrix():
    committed = (Path(__file__).resolve().parents[3] / "docs" / "ACCESS.md").read_text("utf-8")
    assert committed == matrix.markdown(), (
        "docs/ACCESS.md is out of date: run `samverka access-matrix > docs/ACCESS.md`"
    )


@dataclass
class World:
    year: int = 2026
    adopted_year: int = 2025
    objects: dict = field(default_factory=dict)
    cookies: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.__dict__["objects"][name]
        except KeyError:
            raise AttributeError(name) from None

    def unit(self, own: bool):
        return self.objects["unit_own" if own else "unit_other"]

    def project(self, own: bool):
        return self.objects["project_own" if own else "project_other"]

    def activity(self, own: bool):
        return self.objects["activity_own" if own else "activity_other"]

    def line(self, own: bool):
        return self.objects["line_own" if own else "line_other"]

    def attachment(self, own: bool):
        return self.objects["attachment_own" if own else "attachment_other"]

    def client(self, persona: str) -> Client:
        client = Client()
        if persona in self.cookies:
            client.cookies = SimpleCookie(self.cookies[persona])
        return client


PERSONAS = {
    "no_role": (None, None),
    "reader": (Role.READER, None),
    "project_manager": (Role.PROJECT_MANAGER, None),
    "unit_manager": (Role.UNIT_MANAGER, "unit_own"),
    "controller": (Role.CONTROLLER, None),
    "admin": (Role.ADMIN, None),
}


def build_world() -> World:
    from samverka.api import tokens
    from samverka.attachments.testing import make_attachment
    from samverka.budget.models import BudgetLine
    from samverka.decisions.models import AgendaItem, Decision, Meeting
    from samverka.goals.models import Goal, Indicator
    from samverka.ledger.models import ImportBatch
    from samverka.opendata.models import PublishedDataset
    from samverka.orgs.models import GoverningBody, PlanningPeriod, Population, Unit
    from samverka.plan import followup
    from samverka.plan.models import Activity, ActivityPlan
    from samverka.plan.testing import make_plan_activity
    from samverka.portfolio.models import Financing, Project
    from samverka.reports import versions

    load_skaraborg()
    w = World()
    o = w.objects
    period = PlanningPeriod.objects.get(year=w.year)
    o["unit_own"] = Unit.objects.get(code="kunskapsutveckling")
    o["unit_other"] = Unit.objects.get(code="regional-utveckling")
    o["project_own"], o["project_other"] = Project.objects.order_by("code")[:2]
    for own in (True, False):
        o["line_" + ("own" if own else "other")] = BudgetLine.objects.filter(
            period=period, unit=w.unit(own)
        ).first()
    activities = Activity.objects.filter(priority_area__period=period).order_by("code")
    o["activity_own"], o["activity_other"] = activities[0], activities[1]
    Activity.objects.filter(pk=o["activity_own"].pk).update(unit=o["unit_own"])
    Activity.objects.filter(pk=o["activity_other"].pk).update(unit=o["unit_other"])
    o["member"] = Population.objects.order_by("member__name").first().member
    o["population_date"] = (
        Population.objects.filter(member=o["member"]).latest("reference_date").reference_date
    ).isoformat()
    o["body"] = GoverningBody.objects.filter(seats__isnull=False).first()
    o["seat"] = o["body"].seats.first()
    o["agenda_item"] = AgendaItem.objects.select_related("meeting__body").first()
    o["meeting"] = o["agenda_item"].meeting
    o["decision"] = Decision.objects.exclude(code="").first()
    o["goal"] = Goal.objects.first()
    o["indicator"] = Indicator.objects.first()
    o["round"] = followup.open_round(
        period, code="omgang-1", title="Uppföljning", deadline=datetime.date(2026, 9, 1)
    )
    o["plan"] = ActivityPlan.objects.first()
    o["programme"] = o["plan"].programme
    o["plan_activity"] = make_plan_activity(o["plan"])
    o["batch"] = ImportBatch.objects.create(
        period=period,
        file_name="huvudbok.se",
        sha256="0" * 64,
        code="inlasning-1",
        counts={"VER": 0, "TRANS": 0, "actual_rows": 0},
        totals={"imported": "0", "unmapped": "0"},
    )
    o["dataset"] = (
        PublishedDataset.objects.filter(publication__period__year=w.adopted_year).first().key
    )
    for project in (o["project_own"], o["project_other"]):
        Financing.objects.create(project=project, year=w.year, kind="own", amount=100000)
    adopted = PlanningPeriod.objects.get(year=w.adopted_year)
    o["revision"] = versions.store(adopted, adopted.decision or Decision.objects.first())[
        0
    ].revision
    from samverka.economy.plans import create_scenario

    o["scenario"] = create_scenario(period, "Förslag").code
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from samverka.jobs.models import Job

    stored = default_storage.save("jobb/plan.pdf", ContentFile(b"%PDF-1.7 test"))
    o["job"] = Job.objects.create(
        kind=Job.Kind.DOCUMENT,
        title="Budget och verksamhetsplan",
        status=Job.Status.DONE,
        result_file=stored,
        result_file_name="plan.pdf",
    ).code
    o["attachment_own"] = make_attachment(o["project_own"], name="Ansokan.pdf")
    o["attachment_other"] = make_attachment(o["project_other"], name="Ansokan.pdf")
    assert Meeting.objects.exists()

    for persona, (role, unit) in PERSONAS.items():
        user = testing.make_user(role, unit=o[unit] if unit else None, username=persona)
        client = Client()
        client.force_login(user)
        w.cookies[persona] = client.cookies.output(header="", sep=";")
        o["user_" + persona] = user
    o["project_own"].managers.add(o["user_project_manager"])
    o["target_user"] = testing.make_user(Role.READER, username="annan")
    o["token_prefix"] = tokens.create(o["target_user"], "Skript")[0].prefix
    o["password_set_kwargs"] = {
        "uidb64": urlsafe_base64_encode(force_bytes(o["target_user"].pk)),
        "token": default_token_generator.make_token(o["target_user"]),
    }
    return w


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, _media_dir):
    # Module-scoped, so set up before the function-scoped MEDIA_ROOT of conftest: the stored
    # plan and the attachments go to the same test folder here.
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(_media_dir)):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


# (column, persona, own object?)
CASES = [
    (matrix.ANONYMOUS, "anonymous", True),
    (matrix.NO_ROLE, "no_role", True),
    (matrix.READER, "reader", True),
    (matrix.PM_OWN, "project_manager", True),
    (matrix.PM_OTHER, "project_manager", False),
    (matrix.UM_OWN, "unit_manager", True),
    (matrix.UM_OTHER, "unit_manager", False),
    (matrix.CONTROLLER, "controller", True),
    (matrix.ADMIN, "admin", True),
]


def _to_login(response) -> bool:
    """Sent to log in by LoginRequiredMiddleware (which names the page asked for)."""
    location = response.get("Location", "")
    return response.status_code == 302 and location.startswith(f"{LOGIN_PATH}?next=")


def _verdict(response, allowed: bool, anonymous: bool, answers=None) -> str | None:
    """None when the response is what the rule says, else what is wrong. `answers`: the
    status an allowed request must get; "not refused" for a POST (its form may fail)."""
    status = response.status_code
    if allowed:
        refused = status in (401, 403) or _to_login(response)
        if answers == "not refused" and not refused:
            return None
        if (status == answers) if answers else (status < 400 and not refused):
            return None
        return f"{status} {response.get('Location', '')}, wanted access"
    if anonymous and _to_login(response):
        return None
    if status == 403:
        return None
    return f"{status} {response.get('Location', '')}, wanted refusal"


def _request(world, persona, method, url):
    # Each request in its own savepoint: what an allowed POST changed is undone at once.
    with transaction.atomic():
        before = LogEntry.objects.count()
        client = world.client(persona)
        response = client.get(url) if method == "GET" else client.post(url, {})
        logged = LogEntry.objects.count() - before
        transaction.set_rollback(True)
    return response, logged


def check(world, name: str, access: matrix.Access) -> list[str]:
    wrong = []
    for column, persona, own in CASES:
        if not own and not access.scoped:
            continue  # own and other are the same request: checked once
        kwargs = access.kwargs(world, own) if access.kwargs else {}
        url = reverse(name, kwargs=kwargs)
        where = f"{HEADINGS_SHORT[column]} {url}"
        get_url = f"{url}?{access.query}" if access.query else url
        response, _logged = _request(world, persona, "GET", get_url)
        if access.get is None:
            if response.status_code not in (403, 405) and not _to_login(response):
                wrong.append(f"GET {where}: {response.status_code}, wanted 405 (POST only)")
        elif problem := _verdict(
            response, access.get.allows(column), persona == "anonymous", access.answers
        ):
            wrong.append(f"GET {where}: {problem}")
        if access.post is None:
            continue
        allowed = access.post.allows(column)
        response, logged = _request(world, persona, "POST", url)
        if problem := _verdict(response, allowed, persona == "anonymous", "not refused"):
            wrong.append(f"POST {where}: {problem}")
        elif not allowed and logged:
            wrong.append(f"POST {where}: refused, but wrote {logged} audit entries")
    return wrong


HEADINGS_SHORT = matrix.HEADINGS


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(matrix.ACCESS))
def test_each_persona_gets_what_the_matrix_declares(world, name, settings):
    settings.SCB_ONLINE = True  # the fetch buttons are offered (nothing is fetched: no year)
    wrong = check(world, name, matrix.ACCESS[name])
    assert not wrong, f"{name}:\n  " + "\n  ".join(wrong)
