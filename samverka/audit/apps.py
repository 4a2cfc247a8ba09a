from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "samverka.audit"
    verbose_name = _("Ändringslogg")

    def ready(self) -> None:
        from samverka.audit import recording

        recording.connect_signals()
