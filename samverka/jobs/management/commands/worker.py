from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Kör bakgrundsjobben i kön i PostgreSQL (hämtningar, SIE-inläsningar, dokument, "
        "e-post). Körs som en tjänst bredvid webbservern, t.ex. deploy/samverka-worker.service."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch", action="store_true", help="Kör det som väntar i kön och avsluta sedan."
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Sekunder mellan två blickar i en tom kö (standard: 1).",
        )

    def handle(self, *args, **options):
        if settings.SAMVERKA_TASKS != "database":
            raise CommandError(
                "Ingen kö att arbeta av: med SAMVERKA_TASKS=immediate körs jobben direkt i "
                "webbanropet. Sätt SAMVERKA_TASKS=database för att använda kön."
            )
        call_command(
            "db_worker",
            batch=options["batch"],
            interval=options["interval"],
            reload=False,
            startup_delay=not options["batch"],
            verbosity=options["verbosity"],
        )
