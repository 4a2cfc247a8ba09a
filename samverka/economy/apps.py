from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EconomyConfig(AppConfig):
    name = "samverka.economy"
    verbose_name = _("Ekonomisk plan")

    def ready(self) -> None:
        from samverka.budget import validation
        from samverka.economy import checks

        # The budget's validation engine also checks the balance requirement, the plan years
        # of the proposal and the results of closed years.
        for check in checks.CHECKS:
            validation.register(check)
