from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttachmentsConfig(AppConfig):
    name = "samverka.attachments"
    verbose_name = _("Bilagor")

    def ready(self) -> None:
        from samverka.attachments import attaching

        attaching.connect_signals()
