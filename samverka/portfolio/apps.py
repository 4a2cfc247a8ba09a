from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "samverka.portfolio"
    verbose_name = "Projektportfölj"
