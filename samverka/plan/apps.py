from django.apps import AppConfig


class PlanConfig(AppConfig):
    name = "samverka.plan"
    verbose_name = "Plan och uppföljning"
