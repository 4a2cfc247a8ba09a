from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ConcurrentEditError(Exception):
    """Someone saved the object after this copy of it was read."""

    def __init__(self, instance: models.Model, current: "models.Model | None") -> None:
        self.instance = instance
        self.current = current
        super().__init__(f"{type(instance).__name__} {instance.pk} was changed by someone else")


class AuditedModel(models.Model):
    """Base of every domain model: its changes go to the audit log, and it carries a version.

    `version` makes edits optimistic: a form remembers the version it showed, and saving with
    `expected_version` refuses to overwrite a newer save (ConcurrentEditError).
    The log entry is written by signals (samverka.audit.recording) inside the same transaction
    as the change; save() and delete() open one so that this also holds outside a request.
    """

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    # Fields whose changes are not worth a log line.
    audit_ignore: tuple[str, ...] = ("version",)

    # Field names that address the object on its history page (see audit.addressing);
    # empty: derived from the model's unique code or constraint.
    history_key: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, expected_version: int | None = None, **kwargs) -> None:
        with transaction.atomic():
            if self.pk is not None and not self._state.adding:
                self._claim_version(expected_version)
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            return super().delete(*args, **kwargs)

    @property
    def history_code(self) -> str | None:
        """The natural code of the object in /historik/<app>/<model>/<code>/."""
        from samverka.audit.addressing import history_code

        return history_code(self)

    @classmethod
    def get_by_history_code(cls, code: str) -> "AuditedModel | None":
        from samverka.audit.addressing import get_by_history_code

        return get_by_history_code(cls, code)

    def _claim_version(self, expected_version: int | None) -> None:
        manager = type(self)._base_manager
        if expected_version is None:
            self.version = (
                manager.filter(pk=self.pk).values_list("version", flat=True).first() or self.version
            ) + 1
            return
        claimed = manager.filter(pk=self.pk, version=expected_version).update(
            version=expected_version + 1
        )
        if not claimed:
            raise ConcurrentEditError(self, manager.filter(pk=self.pk).first())
        self.version = expected_version + 1


class LogEntry(models.Model):
    """One change to one object: who, when, which action, and the fields before and after."""

    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        related_name="audit_entries",
        verbose_name=_("objekttyp"),
    )
    object_id = models.CharField(_("objekt-id"), max_length=64, db_index=True)
    object_repr = models.CharField(_("objekt"), max_length=300)
    action = models.CharField(_("händelse"), max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
        verbose_name=_("användare"),
    )
    actor_label = models.CharField(_("utförd av"), max_length=150)
    # {"changes": {field: {"before": …, "after": …}}, plus action-specific keys.
    data = models.JSONField(_("uppgifter"), default=dict)
    created = models.DateTimeField(_("tidpunkt"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("logghändelse")
        verbose_name_plural = _("ändringslogg")
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="audit_logentry_target_idx")
        ]

    def __str__(self) -> str:
        return f"{self.created:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"
