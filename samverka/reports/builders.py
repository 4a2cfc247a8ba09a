"""The documents the system builds from its data, looked up when they are needed.

The plan (`reports/plan/`) and the follow-up report (`reports/followup/`) are imported inside the
functions, so that the pages, the command and the storage at adoption can be tested with a
small document in their place (`tests/conftest.py`, `builders`), which renders in a fraction of
the real plan's time.
"""

import datetime
import importlib

from samverka.orgs.models import PlanningPeriod
from samverka.reports.document import Document


def _builder(module: str):
    return importlib.import_module(f"samverka.reports.{module}").build


def plan(period: PlanningPeriod) -> Document:
    """Budget och verksamhetsplan for the period (a draft until the period is adopted)."""
    return _builder("plan")(period)


def follow_up(period: PlanningPeriod, on: datetime.date) -> Document:
    """The board's follow-up report of the period, as of `on`."""
    return _builder("followup")(period, on)
