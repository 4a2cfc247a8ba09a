from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "samverka.goals"
    verbose_name = "Mål och indikatorer"
