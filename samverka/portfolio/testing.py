"""Factories for portfolio tests: plain functions, no fixture files."""

import datetime
import itertools
from decimal import Decimal

from samverka.core import testing
from samverka.orgs.federation import current_or_none
from samverka.orgs.models import Federation, Unit
from samverka.portfolio.models import Funder, Project, ProjectYear

_seq = itertools.count(1)


def make_project_unit(federation: Federation) -> Unit:
    unit = Unit.objects.filter(code="projektenhet").first()
    return unit or testing.make_unit(
        federation, code="projektenhet", name="Projektenhet", kind=Unit.Kind.PROJECT_UNIT
    )


def make_funder(**kwargs) -> Funder:
    n = next(_seq)
    defaults = {"code": f"finansiar-{n}", "name": f"Finansiär {n}", "kind": Funder.Kind.OTHER}
    return Funder.objects.create(**(defaults | kwargs))


def make_project(federation: Federation | None = None, **kwargs) -> Project:
    # The installation's one federation, made on first use.
    federation = federation or current_or_none() or testing.make_federation()
    n = next(_seq)
    defaults = {
        "code": f"projekt-{n}",
        "name": f"Projekt {n}",
        "status": Project.Status.RUNNING,
        "start": datetime.date(2026, 1, 1),
        "end": datetime.date(2026, 12, 31),
        "owning_unit": kwargs.pop("owning_unit", None) or make_project_unit(federation),
    }
    return Project.objects.create(federation=federation, **(defaults | kwargs))


def set_year_budget(project: Project, year: int, budget: Decimal | int, **kwargs) -> ProjectYear:
    figures, _created = ProjectYear.objects.get_or_create(project=project, year=year)
    figures.budget = Decimal(budget)
    for name, value in kwargs.items():
        setattr(figures, name, value)
    figures.save()
    return figures
