"""Who may read which history: controllers and administrators; people and roles only the latter.

A history shows who changed what and when, including other people's names, so it is not part of
reading the plan: readers, unit managers and project managers get 403.
"""

from django.db import models

# Users, groups and role assignments: who may do what is for administrators alone.
ADMIN_ONLY_APPS = {"auth", "accounts"}


def may_view_history(can, model: type[models.Model] | None = None) -> bool:
    """`can` is the request's accounts.permissions.Capabilities."""
    if model is not None and model._meta.app_label in ADMIN_ONLY_APPS:
        return can.is_admin
    return can.is_controller
