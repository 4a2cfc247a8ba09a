from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "samverka.accounts"
    verbose_name = "Användare och roller"
