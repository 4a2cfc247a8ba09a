"""Factories and personas for tests: plain functions, no fixtures files."""

import itertools

from django.contrib.auth import get_user_model

from samverka.accounts.models import Role, RoleAssignment
from samverka.orgs.models import Federation, Member, PlanningPeriod, Unit

_seq = itertools.count(1)


def make_federation(**kwargs) -> Federation:
    n = next(_seq)
    defaults = {"code": f"forbund-{n}", "name": f"Förbund {n}"}
    return Federation.objects.create(**(defaults | kwargs))


def make_member(federation: Federation, **kwargs) -> Member:
    n = next(_seq)
    defaults = {"name": f"Kommun {n}", "municipality_code": f"{9000 + n % 1000:04d}"}
    return Member.objects.create(federation=federation, **(defaults | kwargs))


def make_unit(federation: Federation, **kwargs) -> Unit:
    n = next(_seq)
    defaults = {"code": f"enhet-{n}", "name": f"Enhet {n}", "kind": Unit.Kind.DEVELOPMENT_AREA}
    return Unit.objects.create(federation=federation, **(defaults | kwargs))


def make_period(federation: Federation, year: int = 2026, **kwargs) -> PlanningPeriod:
    return PlanningPeriod.objects.create(federation=federation, year=year, **kwargs)


def make_user(role: str | None = None, unit: Unit | None = None, username: str | None = None):
    user = get_user_model().objects.create_user(
        username=username or f"user{next(_seq)}",
        password="pw",  # noqa: S106
    )
    if role:
        RoleAssignment.objects.create(user=user, role=role, unit=unit)
    return user


def make_controller():
    return make_user(Role.CONTROLLER)


def make_reader():
    return make_user(Role.READER)


def make_unit_manager(unit: Unit):
    return make_user(Role.UNIT_MANAGER, unit=unit)


def make_controller_named(username: str):
    return make_user(Role.CONTROLLER, username=username)
