from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "samverka.core"
    verbose_name = "Samverka"

    def ready(self) -> None:
        # Every entry point (the samverka command, manage.py, WSGI, ASGI, pytest) passes here
        # before a request can switch to English, so English is there from the first start.
        from samverka.core.translations import compile_translations

        compile_translations()

        from samverka.core import dataversion

        dataversion.install()
