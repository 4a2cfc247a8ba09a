from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "samverka.reports"
    verbose_name = _("Rapporter")

    def ready(self) -> None:
        from samverka.reports import texts  # noqa: F401  (the texts' versions on adoption)
