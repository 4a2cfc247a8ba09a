"""`samverka update-translations`: bring the catalogues in line with the code."""

from django.core.management.base import BaseCommand, CommandError

from samverka.core.translations import compile_translations, update_catalogues


class Command(BaseCommand):
    help = (
        "Extracts every marked string into samverka/locale/*/LC_MESSAGES/django.po "
        "(needs GNU gettext), lists the ones still to translate and compiles the catalogues."
    )

    def handle(self, *args, **options) -> None:
        missing = update_catalogues()
        compile_translations()
        for entry in missing:
            self.stdout.write(str(entry))
        if missing:
            raise CommandError(
                f"{len(missing)} strings to translate: fill in their msgstr (and remove "
                "'#, fuzzy') in the .po, then run this command again."
            )
        self.stdout.write(self.style.SUCCESS("Every marked string has a translation."))
