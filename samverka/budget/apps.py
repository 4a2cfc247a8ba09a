from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "samverka.budget"
    verbose_name = _("Budget")

    def ready(self) -> None:
        from samverka.budget import validation, versions  # noqa: F401  (signals, checks)
        from samverka.orgs import periods

        # A budget with open errors is adopted only by someone who says they know of them.
        periods.register_adoption_check(validation.run)
