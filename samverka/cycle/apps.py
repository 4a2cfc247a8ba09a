from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CycleConfig(AppConfig):
    name = "samverka.cycle"
    verbose_name = _("Budgetprocess")

    def ready(self) -> None:
        from samverka.budget import editing
        from samverka.cycle import submissions

        editing.register_line_lock(submissions.line_lock_reason)
