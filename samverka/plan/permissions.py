"""Who may do what in the plan. Built on the named capabilities of accounts.permissions."""

from samverka.accounts.permissions import Capabilities
from samverka.plan.models import Activity


def can_edit_activity(can: Capabilities, activity: Activity) -> bool:
    """The controller, the activity's owner, or the manager of its responsible unit."""
    if can.is_controller:
        return True
    if not can.can_view:
        return False
    if activity.owner_id is not None and activity.owner_id == can.user.pk:
        return True
    return activity.unit_id is not None and activity.unit_id in can.managed_unit_ids


def can_report(can: Capabilities, activity: Activity) -> bool:
    return can_edit_activity(can, activity)


def can_manage_follow_up(can: Capabilities) -> bool:
    return can.is_controller


def can_manage_programme(can: Capabilities) -> bool:
    return can.is_controller
