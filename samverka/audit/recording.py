"""Write the audit log: one LogEntry per create, update and delete of an AuditedModel.

Signals rather than overridden save() so that cascaded deletes are logged too. pre_save takes a
snapshot of the stored row; post_save compares it with what was written.
"""

import datetime
import decimal
import uuid
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save

from samverka.audit.context import current_actor
from samverka.audit.models import AuditedModel, LogEntry

MASKED = "********"
SECRET_FIELDS = {"password", "token", "secret"}


def json_value(value: Any) -> Any:
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    return value


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The instance's stored field values, as JSON-safe data (foreign keys as ids)."""
    data = {}
    for field in instance._meta.concrete_fields:
        if field.name in getattr(instance, "audit_ignore", ()) or field.primary_key:
            continue
        value = field.value_from_object(instance)
        data[field.name] = MASKED if field.name in SECRET_FIELDS else json_value(value)
    return data


def log(instance: models.Model, action: str, data: dict[str, Any] | None = None) -> LogEntry:
    """Record `action` (e.g. "orgs.period.adopted") on `instance` by the current actor."""
    actor = current_actor()
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        action=action,
        user=actor.user if actor.user is not None and actor.user.pk else None,
        actor_label=actor.label[:150],
        data=data or {},
    )


def _pre_save(sender, instance: AuditedModel, raw: bool = False, **kwargs) -> None:
    instance._audit_before = None
    if raw or instance.pk is None or instance._state.adding:
        return
    stored = type(instance)._base_manager.filter(pk=instance.pk).first()
    instance._audit_before = snapshot(stored) if stored is not None else None


def _post_save(sender, instance: AuditedModel, created: bool, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    after = snapshot(instance)
    before = getattr(instance, "_audit_before", None) or {}
    if created:
        changes = {k: {"before": None, "after": v} for k, v in after.items() if v not in (None, "")}
        log(instance, "created", {"changes": changes})
        return
    changes = {
        k: {"before": before.get(k), "after": v} for k, v in after.items() if before.get(k) != v
    }
    if changes:
        log(instance, "updated", {"changes": changes})


def _post_delete(sender, instance: AuditedModel, **kwargs) -> None:
    before = snapshot(instance)
    changes = {k: {"before": v, "after": None} for k, v in before.items() if v not in (None, "")}
    log(instance, "deleted", {"changes": changes})


def _is_audited(model: type[models.Model]) -> bool:
    return issubclass(model, AuditedModel) and not model._meta.abstract


def connect_signals() -> None:
    for signal, handler in (
        (pre_save, _pre_save),
        (post_save, _post_save),
        (post_delete, _post_delete),
    ):
        signal.connect(_only_audited(handler), weak=False, dispatch_uid=f"audit.{handler.__name__}")


def _only_audited(handler):
    def receiver(sender, **kwargs):
        if _is_audited(sender):
            handler(sender, **kwargs)

    return receiver
