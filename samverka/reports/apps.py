from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "samverka.reports"
    verbose_name = "Rapporter"
