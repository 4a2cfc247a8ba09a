from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "samverka.orgs"
    verbose_name = "Organisation"
