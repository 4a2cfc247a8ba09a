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
    # Given by the single sign-on from the provider's groups, and taken away by it when the
    # group goes; a role given on the user page (False) is never touched by a login.
    granted_by_sso = models.BooleanField(_("från inloggningen"), default=False)

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


class SsoIdentity(AuditedModel):
    """The account at the OpenID Connect provider that logs in as this user.

    Matched by the provider's `sub` (with its issuer), never by e-mail: `sub` is the provider's
    stable, never reassigned identifier of one person, while an e-mail address can be changed
    by the user or the provider's administrator and handed on to someone else.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sso_identity"
    )
    issuer = models.CharField(_("utfärdare"), max_length=255, blank=True)
    subject = models.CharField(_("identitet hos leverantören (sub)"), max_length=255)

    class Meta:
        verbose_name = _("inloggningsidentitet")
        verbose_name_plural = _("inloggningsidentiteter")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "subject"], name="accounts_ssoidentity_unique_subject"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.subject}"
