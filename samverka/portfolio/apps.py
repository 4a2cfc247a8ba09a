from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "samverka.portfolio"
    verbose_name = "Projektportfölj"

    def ready(self) -> None:
        from samverka.budget import validation
        from samverka.portfolio.reconciliation import budget_check

        # The budget's validation engine also checks the project unit against its projects.
        validation.register(budget_check)
