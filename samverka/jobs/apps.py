from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "samverka.jobs"
    verbose_name = _("Bakgrundsjobb")

    def ready(self) -> None:
        from samverka.jobs import kinds  # noqa: F401 - registers each kind's work
