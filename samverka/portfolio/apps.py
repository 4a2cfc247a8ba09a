from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "samverka.portfolio"
    verbose_name = _("Projektportfölj")

    def ready(self) -> None:
        from samverka.budget import validation
        from samverka.orgs.periods import period_adopted
        from samverka.portfolio.freezing import on_period_adopted
        from samverka.portfolio.reconciliation import budget_check

        # The budget's validation engine also checks the project unit against its projects.
        validation.register(budget_check)
        # Adopting a year freezes each project's share of it.
        period_adopted.connect(on_period_adopted, dispatch_uid="portfolio.freeze_adopted_year")
