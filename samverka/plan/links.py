"""Which models an activity may link to. The integration registers goals and projects here.

Stored as "app_label.model"; models whose app is not installed are skipped.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models

LINK_TARGETS: list[str] = [
    "goals.goal",
    "goals.indicator",
    "portfolio.project",
    "decisions.decision",
    "orgs.unit",
]


def register(label: str) -> None:
    if label not in LINK_TARGETS:
        LINK_TARGETS.append(label)


def target_models() -> list[type[models.Model]]:
    found = []
    for label in LINK_TARGETS:
        app_label, model_name = label.split(".")
        try:
            found.append(apps.get_model(app_label, model_name))
        except LookupError:
            continue
    return found


def choices() -> list[tuple[str, str]]:
    """(value, label) for every linkable object: value is "<content type id>:<object id>"."""
    options = []
    for model in target_models():
        content_type = ContentType.objects.get_for_model(model)
        kind = str(model._meta.verbose_name).capitalize()
        for obj in model._default_manager.all()[:500]:
            options.append((f"{content_type.pk}:{obj.pk}", f"{kind}: {obj}"))
    return options


def resolve(value: str) -> models.Model | None:
    try:
        ct_id, obj_id = (int(part) for part in value.split(":"))
        content_type = ContentType.objects.get_for_id(ct_id)
    except (ValueError, ContentType.DoesNotExist):
        return None
    model = content_type.model_class()
    if model is None or model not in target_models():
        return None
    return model._default_manager.filter(pk=obj_id).first()
