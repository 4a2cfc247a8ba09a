import uuid

from django.db import migrations, models


def give_each_seat_a_key(apps, schema_editor):
    Seat = apps.get_model("orgs", "Seat")
    for seat in Seat.objects.filter(key__isnull=True).only("pk"):
        Seat.objects.filter(pk=seat.pk).update(key=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("orgs", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="seat",
            name="term_start",
            field=models.DateField(blank=True, null=True, verbose_name="mandatperiodens början"),
        ),
        migrations.AddField(
            model_name="seat",
            name="term_end",
            field=models.DateField(blank=True, null=True, verbose_name="mandatperiodens slut"),
        ),
        # A unique key for existing rows needs three steps: add it empty, fill it, constrain it.
        migrations.AddField(
            model_name="seat",
            name="key",
            field=models.UUIDField(editable=False, null=True, verbose_name="nyckel"),
        ),
        migrations.RunPython(give_each_seat_a_key, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="seat",
            name="key",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="nyckel"
            ),
        ),
    ]
