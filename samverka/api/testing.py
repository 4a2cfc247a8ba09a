"""Factories for the API's tests: tokens, a client that sends one, and a small federation with
one of everything the API serves (plain functions, no fixture files)."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.test import Client
from django.utils import timezone

from samverka.accounts.models import Role
from samverka.api import tokens
from samverka.budget.models import FeeModel, LineKind
from samverka.budget.testing import make_line
from samverka.core import testing
from samverka.decisions.models import Decision
from samverka.goals.models import Measurement
from samverka.goals.testing import give_population, make_goal, make_indicator
from samverka.orgs.models import GoverningBody, PlanningPeriod, Seat
from samverka.plan import followup
from samverka.plan.models import ActivityReport
from samverka.plan.testing import make_activity, make_plan, make_priority_area, make_programme
from samverka.portfolio.testing import make_funder, make_project, make_project_unit


def token_for(user, name: str = "Skript") -> str:
    """A new token's secret for `user`."""
    return tokens.create(user, name)[1]


def client_for(secret: str | None) -> Client:
    """A client that sends the token with every request (none: anonymous)."""
    if secret is None:
        return Client()
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


@dataclass
class World:
    """One federation with a draft year (2026) and an adopted one (2025), two units, and a
    person for each persona of the permission matrix, each with a token."""

    federation: object = None
    objects: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    secrets: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.__dict__["objects"][name]
        except KeyError:
            raise AttributeError(name) from None

    def client(self, persona: str) -> Client:
        return client_for(self.secrets.get(persona))


def build_world() -> World:
    world = World()
    fed = world.federation = testing.make_federation(code="forbund", name="Förbundet")
    o = world.objects
    o["member"] = testing.make_member(fed, name="Skövde", municipality_code="1496")
    o["unit_a"] = testing.make_unit(fed, code="enhet-a", name="Enhet A")
    o["unit_b"] = testing.make_unit(fed, code="enhet-b", name="Enhet B")
    make_project_unit(fed)
    o["period"] = testing.make_period(fed, 2026)
    o["adopted"] = testing.make_period(fed, 2025)
    o["line_a"] = make_line(o["period"], o["unit_a"], LineKind.PERSONNEL, -1000, code="personal")
    o["line_b"] = make_line(o["period"], o["unit_b"], LineKind.PERSONNEL, -2000, code="personal")
    o["adopted_line"] = make_line(
        o["adopted"], o["unit_a"], LineKind.PERSONNEL, -900, code="personal"
    )
    # Adopted after its line is in (what orgs.periods.adopt does, without the decision).
    PlanningPeriod.objects.filter(pk=o["adopted"].pk).update(
        status=PlanningPeriod.Status.ADOPTED, adopted_on=datetime.date(2024, 12, 13)
    )
    o["adopted"].refresh_from_db()
    give_population(o["member"], 2024, 58000)
    FeeModel.objects.create(
        period=o["period"],
        rate_per_inhabitant=Decimal("50.55"),
        population_reference_date=datetime.date(2024, 12, 31),
        budgeted_income=Decimal(2931900),
    )
    o["goal"] = make_goal(fed, code="mal-1", number=1)
    o["indicator"] = make_indicator(o["goal"], code="befolkning")
    o["measurement"] = Measurement.objects.create(
        indicator=o["indicator"],
        year=2024,
        member=o["member"],
        value=Decimal(58000),
        origin=Measurement.Origin.MANUAL,
        source="SCB",
        fetched_at=timezone.now(),
    )
    o["body"] = GoverningBody.objects.create(
        federation=fed, code="direktion", name="Direktionen", kind=GoverningBody.Kind.BOARD
    )
    o["seat"] = Seat.objects.create(body=o["body"], member=o["member"], role=Seat.Role.ORDINARY)
    o["decision"] = Decision.objects.create(
        federation=fed, code="beslut-1", body=o["body"], date=datetime.date(2025, 6, 13), title="X"
    )
    o["area"] = make_priority_area(o["period"], code="omrade")
    o["activity"] = make_activity(o["area"], code="aktivitet", unit=o["unit_a"])
    o["round"] = followup.open_round(
        o["period"], code="omgang", title="Uppföljning", deadline=datetime.date(2026, 9, 1)
    )
    o["report"] = ActivityReport.objects.create(
        round=o["round"],
        activity=o["activity"],
        status_date=datetime.date(2026, 8, 1),
        status="ongoing",
        judgement="on_track",
    )
    o["programme"] = make_programme(fed, code="uppdrag")
    o["plan"] = make_plan(o["programme"], 2026)
    o["funder"] = make_funder(code="esf", name="ESF")
    o["project"] = make_project(fed, code="projekt", owning_unit=o["unit_a"])

    people = {
        "reader": (Role.READER, None),
        "manager_a": (Role.UNIT_MANAGER, o["unit_a"]),
        "manager_b": (Role.UNIT_MANAGER, o["unit_b"]),
        "project_manager": (Role.PROJECT_MANAGER, None),
        "project_manager_b": (Role.PROJECT_MANAGER, None),  # leads no project here
        "controller": (Role.CONTROLLER, None),
        "admin": (Role.ADMIN, None),
        "revoked": (Role.CONTROLLER, None),
        "deactivated": (Role.CONTROLLER, None),
        "no_role": (None, None),
    }
    for persona, (role, unit) in people.items():
        user = testing.make_user(role, unit=unit, username=persona)
        world.users[persona] = user
        world.secrets[persona] = token_for(user)
    o["project"].managers.add(world.users["project_manager"])
    tokens.revoke(world.users["revoked"].api_tokens.get())
    world.users["deactivated"].is_active = False
    world.users["deactivated"].save()
    return world
