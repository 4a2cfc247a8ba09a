from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "samverka.ledger"
    verbose_name = "Utfall"
