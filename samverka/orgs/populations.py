"""Populations entered by hand or fetched from SCB from the member pages.

The fetch is the goals app's `fetch_scb` (the same as `samverka fetch-scb`), narrowed to the
population and to the chosen members; a figure from another source is kept and reported.
"""

from collections.abc import Iterable

from django.conf import settings

from samverka.goals.fetching import fetch_scb
from samverka.goals.models import FetchRun
from samverka.goals.scb import ScbClient
from samverka.orgs.models import Member


def online() -> bool:
    """Whether the pages offer to fetch from SCB (the SCB_ONLINE setting)."""
    return settings.SCB_ONLINE


def scb_client() -> ScbClient:
    # Tests replace this with a client on an httpx.MockTransport.
    return ScbClient(timeout=20.0)


def fetch_from_scb(year: int, members: Iterable[Member] | None = None) -> FetchRun:
    """Population on 31 December `year` for `members` (all when None).

    A failed fetch stores nothing and keeps the values (the FetchRun says what went wrong).
    """
    client = scb_client()
    try:
        return fetch_scb(client, [year], members=members, indicators=False)
    finally:
        client.close()
