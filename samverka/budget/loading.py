"""A flag for the seed loader: figures printed for an adopted year are recorded as printed.

The 2025 budget is adopted before it is loaded (the seed creates the period as adopted); the
loader writes its lines inside `as_printed_source()`, on the first load only, while the period
has no lines. It never writes into an adopted period that has figures. Nothing else sets the
flag.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_loading: ContextVar[bool] = ContextVar("budget_loading_source", default=False)


def loading_source() -> bool:
    return _loading.get()


@contextmanager
def as_printed_source() -> Iterator[None]:
    token = _loading.set(True)
    try:
        yield
    finally:
        _loading.reset(token)
