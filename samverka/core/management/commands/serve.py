"""`samverka serve`: the production server, gunicorn configured by samverka/gunicorn_conf.py.

It prepares first (`samverka setup`: migrations under a lock, cache table, static files,
translations), then replaces itself with gunicorn, so that the service manager's signals reach
gunicorn's master directly: SIGTERM stops gracefully, SIGHUP reloads the code with new workers
while the listening socket stays open. With SAMVERKA_SETUP_ON_START=False it only checks that
the setup is done and refuses to start otherwise.
"""

import os
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from samverka.core import deployment
from samverka.lib.env import env_bool

GUNICORN = [sys.executable, "-m", "gunicorn", "-c", "python:samverka.gunicorn_conf"]


class Command(BaseCommand):
    help = (
        "Startar Samverka för drift med gunicorn (inställningar från miljön, se "
        "samverka/gunicorn_conf.py), efter `samverka setup` om SAMVERKA_SETUP_ON_START inte "
        "är False."
    )

    def handle(self, *args, **options) -> None:
        try:
            from samverka import gunicorn_conf  # noqa: F401 - refuses bad SAMVERKA_* values
        except ValueError as error:
            raise CommandError(str(error)) from None
        if env_bool("SAMVERKA_SETUP_ON_START", True):
            deployment.prepare(self.stdout.write)
        else:
            found = deployment.problems()
            if found:
                raise CommandError(
                    "Startar inte (SAMVERKA_SETUP_ON_START=False):\n" + "\n".join(found)
                )
        # The workers open their own connections; this process becomes gunicorn's master.
        connections.close_all()
        self.stdout.flush()
        sys.stderr.flush()
        os.execv(sys.executable, GUNICORN)  # noqa: S606 - a fixed argument list, no shell
