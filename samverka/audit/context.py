"""Who is acting right now: the logged-in user of a request, or a named system job."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser


@dataclass(frozen=True, slots=True)
class Actor:
    user: AbstractBaseUser | None
    label: str  # "anna" for a person, "system: load-skaraborg" for a command


SYSTEM = Actor(user=None, label="system")
_current: ContextVar[Actor] = ContextVar("samverka_actor", default=SYSTEM)


def current_actor() -> Actor:
    return _current.get()


@contextmanager
def acting_as(user: AbstractBaseUser | None, label: str | None = None) -> Iterator[Actor]:
    """Attribute every change made inside the block to `user` (None: the system)."""
    actor = Actor(user=user, label=label or (user.get_username() if user else "system"))
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)
