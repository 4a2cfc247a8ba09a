"""The documents the system builds from its data, looked up when they are needed.

The plan (`reports/plan.py`) and the follow-up report (`reports/followup.py`) are imported here,
inside the functions, so that the renderers, pages and commands can be tested with any builder
and the modules stay free of each other's imports.
"""

import datetime
import importlib

from samverka.orgs.models import PlanningPeriod
from samverka.reports.document import Document


class BuilderMissingError(LookupError):
    """This installation has no builder for the document."""


def _builder(module: str):
    try:
        return importlib.import_module(f"samverka.reports.{module}").build
    except ModuleNotFoundError as exc:
        if exc.name != f"samverka.reports.{module}":
            raise
        raise BuilderMissingError(module) from exc


def has_plan() -> bool:
    try:
        _builder("plan")
    except BuilderMissingError:
        return False
    return True


def plan(period: PlanningPeriod) -> Document:
    """Budget och verksamhetsplan for the period (a draft until the period is adopted)."""
    return _builder("plan")(period)


def follow_up(period: PlanningPeriod, on: datetime.date) -> Document:
    """The board's follow-up report of the period, as of `on`."""
    return _builder("followup")(period, on)
