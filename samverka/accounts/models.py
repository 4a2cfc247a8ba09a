from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samverka.audit.models import AuditedModel


class Role(models.TextChoices):
    ADMIN = "admin", _("administratör")
    CONTROLLER = "controller", _("ekonom")
    UNIT_MANAGER = "unit_manager", _("enhetschef")
    PROJECT_MANAGER = "project_manager", _("projektledare")
    READER = "reader", _("läsare")


SCOPED_ROLES = {Role.UNIT_MANAGER}


class RoleAssignment(AuditedModel):
    """A user's role. Unit managers hold one row per unit they manage.

    Project managers are scoped by the projects that name them (portfolio.Project.managers).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        "orgs.Unit",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("enhet"),
    )
    description = models.CharField(
        _("beskrivning"), max_length=200, blank=True, help_text=_("T.ex. ledamot från Skövde.")
    )

    class Meta:
        verbose_name = _("rolltilldelning")
        verbose_name_plural = _("rolltilldelningar")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "unit"], name="accounts_roleassignment_unique"
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(unit__isnull=True),
                name="accounts_roleassignment_unique_unscoped",
            ),
            models.CheckConstraint(
                condition=models.Q(role="unit_manager", unit__isnull=False)
                | (~models.Q(role="unit_manager") & models.Q(unit__isnull=True)),
                name="accounts_roleassignment_unit_iff_unit_manager",
            ),
        ]

    def __str__(self) -> str:
        scope = f" ({self.unit})" if self.unit_id else ""
        return f"{self.user}: {self.get_role_display()}{scope}"
