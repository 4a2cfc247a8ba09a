from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "samverka.api"
    verbose_name = _("API")

    def ready(self) -> None:
        from samverka.audit.actions import register

        # Logged on the user, so that the user's history shows the keys it got and lost.
        register("api.token.created", _("skapade API-nyckeln ”{name}” ({prefix}…)"))
        register("api.token.revoked", _("återkallade API-nyckeln ”{name}” ({prefix}…)"))
