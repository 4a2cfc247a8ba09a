"""Named capabilities. Views ask these, never the roles directly.

Everyone with a role may read. Administrators and controllers edit everything that is not
locked; unit managers edit their own units; project managers their own projects.
"""

from functools import cached_property

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied

from samverka.accounts.models import Role


class Capabilities:
    """What one user may do, computed once per request and exposed to templates as `can`."""

    def __init__(self, user: AbstractBaseUser | AnonymousUser) -> None:
        self.user = user

    @cached_property
    def _assignments(self) -> list[tuple[str, int | None]]:
        if not self.user.is_authenticated:
            return []
        return list(self.user.role_assignments.values_list("role", "unit_id"))

    @cached_property
    def roles(self) -> set[str]:
        roles = {role for role, _unit in self._assignments}
        if getattr(self.user, "is_superuser", False):
            roles.add(Role.ADMIN)
        return roles

    @cached_property
    def managed_unit_ids(self) -> set[int]:
        return {unit for role, unit in self._assignments if role == Role.UNIT_MANAGER and unit}

    @property
    def is_admin(self) -> bool:
        return Role.ADMIN in self.roles

    @property
    def is_controller(self) -> bool:
        return bool({Role.ADMIN, Role.CONTROLLER} & self.roles)

    @property
    def can_view(self) -> bool:
        return bool(self.roles)

    @property
    def can_manage_organisation(self) -> bool:
        return self.is_admin

    @property
    def can_manage_users(self) -> bool:
        """Create and deactivate accounts and give them roles."""
        return self.is_admin

    @property
    def can_adopt(self) -> bool:
        """Register the board's adoption of a period, or open a revision."""
        return self.is_controller

    @property
    def can_edit_some_unit(self) -> bool:
        return self.is_controller or bool(self.managed_unit_ids)

    def can_edit_unit(self, unit) -> bool:
        return self.is_controller or unit.pk in self.managed_unit_ids

    def can_edit_project(self, project) -> bool:
        if self.is_controller:
            return True
        if Role.PROJECT_MANAGER not in self.roles:
            return False
        return project.managers.filter(pk=self.user.pk).exists()


def capabilities(request) -> Capabilities:
    if not hasattr(request, "_samverka_capabilities"):
        request._samverka_capabilities = Capabilities(request.user)
    return request._samverka_capabilities


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied
