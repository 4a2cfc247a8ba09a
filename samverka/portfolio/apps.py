from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "samverka.portfolio"
    verbose_name = _("Projektportfölj")

    def ready(self) -> None:
        from samverka.budget import validation
        from samverka.portfolio.reconciliation import budget_check

        # The budget's validation engine also checks the project unit against its projects.
        validation.register(budget_check)
