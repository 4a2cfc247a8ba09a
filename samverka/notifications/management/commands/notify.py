from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from samverka.notifications import events


class Command(BaseCommand):
    help = (
        "Skicka dagens påminnelser: uppföljningsomgångar som stänger snart och "
        "rapporteringar som ska göras eller har missats. Kör en gång om dagen; samma "
        "påminnelse skickas aldrig två gånger."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Dagens datum (ÅÅÅÅ-MM-DD); standard: i dag.")

    def handle(self, *args, **options):
        import datetime

        today = (
            datetime.date.fromisoformat(options["date"])
            if options["date"]
            else timezone.localdate()
        )
        with transaction.atomic():
            sent = events.daily(today)
        self.stdout.write(f"{sent} aviseringar skickade.")
