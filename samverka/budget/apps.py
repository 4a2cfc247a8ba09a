from django.apps import AppConfig


class BudgetConfig(AppConfig):
    name = "samverka.budget"
    verbose_name = "Budget"

    def ready(self) -> None:
        from samverka.budget import validation, versions  # noqa: F401  (signals, checks)
