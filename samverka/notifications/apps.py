from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "samverka.notifications"
    verbose_name = _("Aviseringar")

    def ready(self) -> None:
        from samverka.notifications import events

        events.connect_signals()
