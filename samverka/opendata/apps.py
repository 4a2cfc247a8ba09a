from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    name = "samverka.opendata"
    verbose_name = _("Öppna data")
