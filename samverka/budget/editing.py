"""Who may change a unit's budget lines now.

The controller edits every unit of a period that is not locked, a unit manager their own units.
Other apps may hold a unit's lines for a while (the budget process keeps a submitted unit's
lines away from its unit head until the controller sends them back): they register a function
(capabilities, period, unit) → a Swedish reason, or None when the lines are open. The budget
does not import them, so the dependency stays one-way.
"""

from collections.abc import Callable

from django.utils.translation import gettext as _

LineLock = Callable[[object, object, object], "str | None"]
_locks: list[LineLock] = []


def register_line_lock(lock: LineLock) -> None:
    if lock not in _locks:
        _locks.append(lock)


def lock_reason(can, period, unit) -> str | None:
    """Why this user may not change the unit's lines in the period now, or None."""
    if not can.can_edit_unit(unit):
        return _("Du kan inte ändra den här enhetens budget.")
    if period.is_locked:
        return _("Perioden %(year)s är antagen och kan inte ändras. Öppna en revidering.") % {
            "year": period.year
        }
    for lock in _locks:
        reason = lock(can, period, unit)
        if reason:
            return reason
    return None


def can_edit_lines(can, period, unit) -> bool:
    return lock_reason(can, period, unit) is None
