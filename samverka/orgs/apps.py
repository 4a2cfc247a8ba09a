from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "samverka.orgs"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from samverka.audit.actions import register

        register("orgs.period.adopted", _("antog perioden"))
        register("orgs.period.revision_opened", _("öppnade perioden för revidering"))
        register("orgs.period.revised", _("antog en revidering av perioden"))
