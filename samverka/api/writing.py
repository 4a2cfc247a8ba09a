"""Writes through the pages' own forms, so that every rule lives in one place.

A request body is turned into the data of the same `VersionedModelForm` the page uses: the
fields a request does not send keep their stored values (or the defaults of a new object), the
`version` the client read becomes the form's `seen_version`. The form's errors become the 422
answer, field by field; the save claims the version, and a newer save (or, for a create, an
object that exists by now) becomes 409 with the object as it is now.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Schema

from samverka.api.errors import ApiError, forbidden
from samverka.audit.models import AuditedModel, ConcurrentEditError
from samverka.core.forms import last_entry
from samverka.orgs.models import PeriodLockedError
from samverka.plan.models import PlanVersionLockedError, RoundClosedError

# Form field names that the API calls differently.
COMMON_NAMES = {"seen_version": "version"}


class Conflict(ApiError):
    """409: the object as it is now goes with the answer, so the client can decide again."""

    def __init__(self, detail: str, current: dict | None) -> None:
        super().__init__(409, detail)
        self.current = current

    def body(self) -> dict:
        return {"detail": self.detail, "current": self.current}


def _as_data(value: Any) -> Any:
    """A stored value as form data: related objects by their primary key."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | models.QuerySet):
        return [_as_data(v) for v in value]
    return value


def bind(form_class, instance, changes: dict, version: int, **form_kwargs):
    """The form bound to the stored values overlaid with `changes` (form field names)."""
    unbound = form_class(instance=instance, **form_kwargs)
    data: dict[str, Any] = {}
    for name, field in unbound.fields.items():
        if name != "seen_version" and not field.disabled:
            data[name] = _as_data(unbound.get_initial_for_field(field, name))
    unknown = sorted(set(changes) - set(data))
    if unknown:
        raise ApiError(
            422,
            _("Uppgifterna sparades inte."),
            [
                {"field": name, "message": _("Det här fältet kan du inte ändra.")}
                for name in unknown
            ],
        )
    data.update(changes)
    data["seen_version"] = version
    return form_class(data=data, instance=instance, **form_kwargs)


def field_errors(form, names: dict[str, str] | None = None) -> list[dict]:
    names = {**COMMON_NAMES, **(names or {})}
    errors = []
    for name, messages in form.errors.items():
        field = None if name == "__all__" else names.get(name, name)
        errors.extend({"field": field, "message": str(message)} for message in messages)
    return errors


def refuse_unless_valid(form, names: dict[str, str] | None = None) -> None:
    if not form.is_valid():
        raise ApiError(
            422,
            _("Uppgifterna sparades inte: rätta felen och försök igen."),
            field_errors(form, names),
        )


def conflict(
    exc: ConcurrentEditError, represent: Callable[[Any], dict], created_meanwhile: bool
) -> Conflict:
    """The 409 for a save that lost: who saved first, and what the object is now."""
    current = exc.current
    if current is None:
        return Conflict(_("Någon annan har tagit bort posten medan du redigerade den."), None)
    entry = last_entry(current)
    when = timezone.localtime(entry.created).strftime("%Y-%m-%d %H:%M") if entry else ""
    if created_meanwhile:
        detail = (
            _(
                "Posten finns redan: %(who)s skapade den %(when)s. Inget sparades; ändra den "
                "med versionen i ”current” om du vill ersätta värdena."
            )
            % {"who": entry.actor_label, "when": when}
            if entry
            else _("Posten finns redan. Inget sparades; ändra den med versionen i ”current”.")
        )
    else:
        detail = (
            _(
                "%(who)s sparade posten %(when)s, efter versionen du läste. Din ändring sparades "
                "inte; utgå från ”current” och försök igen."
            )
            % {"who": entry.actor_label, "when": when}
            if entry
            else _(
                "Någon annan har sparat posten efter versionen du läste. Din ändring sparades inte."
            )
        )
    return Conflict(detail, represent(current))


def representer(schema: type[Schema]) -> Callable[[Any], dict]:
    """The object as JSON, exactly as the read endpoints give it."""
    return lambda obj: schema.model_validate(obj).model_dump()


def stale(instance, current, schema: type[Schema]) -> Conflict:
    """409 for a change to `instance` when the stored object (`current`) is not the version the
    client read, or is gone."""
    return conflict(ConcurrentEditError(instance, current), representer(schema), False)


def exists_already(existing: AuditedModel | None, schema: type[Schema]) -> None:
    """Refuse a create of an object that exists (found by its natural key) with 409."""
    if existing is not None:
        raise conflict(ConcurrentEditError(existing, existing), representer(schema), True)


def save(save_call: Callable[[], Any], schema: type[Schema], version: int) -> Any:
    """Run the save in its own transaction; translate the model's refusals to JSON."""
    try:
        with transaction.atomic():
            return save_call()
    except ConcurrentEditError as exc:
        raise conflict(exc, representer(schema), version == AuditedModel.UNSAVED_VERSION) from None
    except (PeriodLockedError, RoundClosedError, PlanVersionLockedError) as exc:
        raise forbidden(" ".join(exc.messages)) from None
    except ValidationError as exc:  # the model's own checks (full_clean) after the form's
        errors = [
            {"field": None if name == NON_FIELD_ERRORS else name, "message": message}
            for name, messages in getattr(exc, "message_dict", {None: exc.messages}).items()
            for message in messages
        ]
        raise ApiError(
            422, _("Uppgifterna sparades inte: rätta felen och försök igen."), errors
        ) from None
