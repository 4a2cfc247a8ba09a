from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "samverka.audit"
    verbose_name = "Ändringslogg"

    def ready(self) -> None:
        from samverka.audit import recording

        recording.connect_signals()
