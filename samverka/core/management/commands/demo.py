"""Set up a development instance and serve it: the README's first command ends here."""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from samverka.accounts.models import Role, RoleAssignment
from samverka.core.seeding import load_skaraborg
from samverka.core.translations import compile_translations
from samverka.orgs.models import Federation, Unit

DEMO_PASSWORD = "samverka-demo"  # noqa: S105 - printed on purpose; refused in production
DEMO_USERS = [
    ("admin", Role.ADMIN, None, "Administratör"),
    ("ekonom", Role.CONTROLLER, None, "Ekonom (controller)"),
    ("enhetschef", Role.UNIT_MANAGER, "kunskapsutveckling", "Enhetschef Kunskapsutveckling"),
    ("projektledare", Role.PROJECT_MANAGER, None, "Projektledare"),
    ("ledamot", Role.READER, None, "Ledamot i direktionen (läsare)"),
]


class Command(BaseCommand):
    help = (
        "Migrerar, läser in förbundets data (load-skaraborg) om databasen är tom, "
        "skapar demoinloggningar och startar."
    )

    def add_arguments(self, parser):
        # SAMVERKA_BIND lets CI (or a second instance) pick a free port without changing the
        # README's command.
        parser.add_argument(
            "addrport", nargs="?", default=os.environ.get("SAMVERKA_BIND", "127.0.0.1:8000")
        )
        parser.add_argument("--no-serve", action="store_true", help="Förbered men starta inte.")

    def handle(self, *args, addrport: str, no_serve: bool, **options) -> None:
        if settings.IS_PRODUCTION:
            raise CommandError("demo skapar kända lösenord och körs aldrig i produktion.")
        compile_translations()
        call_command("migrate", interactive=False, verbosity=0)
        if not Federation.objects.exists():
            self.stdout.write("Läser in förbundets data (load-skaraborg) …")
            load_skaraborg()
        self._create_demo_users()
        self.stdout.write(self.style.SUCCESS(f"Samverka: http://{addrport}/"))
        self.stdout.write(f"Demoinloggningar (lösenord {DEMO_PASSWORD}):")
        for username, _role, _unit, label in DEMO_USERS:
            self.stdout.write(f"  {username:<14} {label}")
        if not no_serve:
            call_command("runserver", addrport, use_reloader=False)

    @transaction.atomic
    def _create_demo_users(self) -> None:
        User = get_user_model()
        for username, role, unit_code, label in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username, defaults={"first_name": label}
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.is_staff = role == Role.ADMIN
                user.is_superuser = role == Role.ADMIN
                user.save()
            unit = Unit.objects.get(code=unit_code) if unit_code else None
            RoleAssignment.objects.get_or_create(user=user, role=role, unit=unit)
