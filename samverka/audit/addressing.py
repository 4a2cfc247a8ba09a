"""How an object is addressed on its history page: by its natural code, never its bare pk.

`/historik/<app>/<model>/<code>/`, where `<code>` is one or more path segments:
`orgs/unit/kansli/`, `orgs/planningperiod/fbd/2026/`,
`budget/budgetline/fbd/2026/kansli/lon/`.

A model declares its key with `history_key`, a tuple of field names (a foreign key expands to
the related object's own key). Without one the key is, in this order: a non-null unique field
named `code`, another non-null unique field, the fields of the model's first unconditional
unique constraint, or, for models with no natural code, the pk under the first parent (a
stable id under the parent, e.g. `decisions/decision/fbd/17/`).
"""

from functools import cache

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models

NULL = "-"
PK = "pk"

# Models that are not AuditedModels but may appear in the log (users, groups).
_EXTERNAL_KEYS: dict[str, tuple[str, ...]] = {"auth.user": ("username",), "auth.group": ("name",)}


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


@cache
def history_key(model: type[models.Model]) -> tuple[str, ...]:
    declared = getattr(model, "history_key", None) or _EXTERNAL_KEYS.get(_label(model))
    if declared:
        return tuple(declared)
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    unique = [f for f in fields if f.unique and not f.null]
    coded = [f for f in unique if f.name == "code"]
    if coded or unique:
        return ((coded or unique)[0].name,)
    for constraint in model._meta.constraints:
        if (
            isinstance(constraint, models.UniqueConstraint)
            and constraint.condition is None
            and constraint.fields
            and not constraint.expressions
        ):
            names = tuple(constraint.fields)
            if all(_addressable(model._meta.get_field(n)) for n in names):
                return names
    parent = next(
        (f for f in fields if isinstance(f, models.ForeignKey) and not f.null and _addressable(f)),
        None,
    )
    return (parent.name, PK) if parent else (PK,)


def _addressable(field) -> bool:
    from samverka.audit.models import AuditedModel

    if not isinstance(field, models.ForeignKey):
        return True
    related = field.related_model
    return related is get_user_model() or issubclass(related, AuditedModel)


def _segments(model: type[models.Model]) -> int:
    count = 0
    for name in history_key(model):
        field = None if name == PK else model._meta.get_field(name)
        count += _segments(field.related_model) if isinstance(field, models.ForeignKey) else 1
    return count


def _escape(value: object) -> str:
    # Segments are split on "/", so a "/" in a name must not look like one.
    return str(value).replace("~", "~7E").replace("/", "~2F")


def _unescape(segment: str) -> str:
    return segment.replace("~2F", "/").replace("~7E", "~")


def _parts(obj: models.Model) -> list[str] | None:
    parts: list[str] = []
    for name in history_key(type(obj)):
        if name == PK:
            parts.append(str(obj.pk))
            continue
        field = obj._meta.get_field(name)
        if isinstance(field, models.ForeignKey):
            related = getattr(obj, name)
            if related is None:
                parts.extend([NULL] * _segments(field.related_model))
                continue
            nested = _parts(related)
            if nested is None:
                return None
            parts.extend(nested)
            continue
        value = field.value_from_object(obj)
        if value is None or value == "":
            return None
        parts.append(_escape(value.isoformat() if hasattr(value, "isoformat") else value))
    return parts


def history_code(obj: models.Model) -> str | None:
    """The object's code in history URLs, e.g. "fbd/2026"; None if it has none."""
    parts = _parts(obj)
    return "/".join(parts) if parts else None


def _lookup(model: type[models.Model], segments: list[str], prefix: str = "") -> dict | None:
    filters: dict = {}
    for name in history_key(model):
        if name == PK:
            filters[f"{prefix}pk"] = segments.pop(0)
            continue
        field = model._meta.get_field(name)
        if isinstance(field, models.ForeignKey):
            width = _segments(field.related_model)
            mine, segments[:] = segments[:width], segments[width:]
            if all(s == NULL for s in mine):
                filters[f"{prefix}{name}__isnull"] = True
                continue
            nested = _lookup(field.related_model, mine, f"{prefix}{name}__")
            if nested is None:
                return None
            filters |= nested
            continue
        filters[f"{prefix}{name}"] = _unescape(segments.pop(0))
    return filters


def get_by_history_code(model: type[models.Model], code: str) -> models.Model | None:
    """The object `code` addresses, or None (also for codes of the wrong shape)."""
    segments = code.strip("/").split("/")
    if len(segments) != _segments(model):
        return None
    filters = _lookup(model, list(segments))
    if filters is None:
        return None
    try:
        return model._base_manager.filter(**filters).first()
    except (ValueError, TypeError, ValidationError):
        return None
