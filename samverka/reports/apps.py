from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "samverka.reports"
    verbose_name = _("Rapporter")

    def ready(self) -> None:
        from samverka.orgs.periods import period_adopted
        from samverka.reports import texts  # noqa: F401  (the texts' versions on adoption)
        from samverka.reports.versions import on_period_adopted

        # Inside the adoption's transaction: if the plan cannot be stored, nothing is adopted.
        period_adopted.connect(on_period_adopted, dispatch_uid="reports.store_adopted_plan")
