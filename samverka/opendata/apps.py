from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    name = "samverka.opendata"
    verbose_name = _("Öppna data")

    def ready(self) -> None:
        from samverka.opendata.publishing import on_period_adopted
        from samverka.orgs.periods import period_adopted

        # Connected after the other apps' receivers (this app comes last in INSTALLED_APPS), so
        # the data sets see the portfolio's frozen project shares of the adopted year.
        period_adopted.connect(on_period_adopted, dispatch_uid="opendata.publish_adopted_period")
