"""Read the audit log back as lines a person can follow."""

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse

from samverka.audit.actions import describe
from samverka.audit.addressing import history_code
from samverka.audit.models import LogEntry


@dataclass(frozen=True, slots=True)
class FieldChange:
    label: str
    before: Any
    after: Any


@dataclass(frozen=True, slots=True)
class HistoryLine:
    entry: LogEntry
    sentence: str
    changes: list[FieldChange]


def entries_for(content_type: ContentType, object_id: str) -> list[HistoryLine]:
    model_class = content_type.model_class()
    labels = {}
    if model_class is not None:
        labels = {f.name: str(f.verbose_name) for f in model_class._meta.concrete_fields}
    lines = []
    for entry in LogEntry.objects.filter(content_type=content_type, object_id=str(object_id)):
        changes = [
            FieldChange(labels.get(name, name), change.get("before"), change.get("after"))
            for name, change in entry.data.get("changes", {}).items()
        ]
        lines.append(HistoryLine(entry, describe(entry), changes))
    return lines


def entries_for_object(obj: models.Model) -> list[HistoryLine]:
    return entries_for(ContentType.objects.get_for_model(obj), str(obj.pk))


def history_url(obj: models.Model) -> str | None:
    """The object's history page, addressed by its natural code; None if it has no code."""
    code = history_code(obj)
    if code is None:
        return None
    meta = obj._meta
    return reverse("audit:history", args=[meta.app_label, meta.model_name, code])
