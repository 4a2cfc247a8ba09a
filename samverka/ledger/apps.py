from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class LedgerConfig(AppConfig):
    name = "samverka.ledger"
    verbose_name = pgettext_lazy("section", "Utfall")
