from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "samverka.decisions"
    verbose_name = "Beslut"
