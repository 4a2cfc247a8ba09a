from django.db import migrations, models


def fill_codes(apps, schema_editor):
    ImportBatch = apps.get_model("ledger", "ImportBatch")
    taken: set[str] = set()
    for batch in ImportBatch.objects.order_by("imported_at", "id"):
        base = code = batch.sha256[:12]
        n = 1
        while code in taken:
            n += 1
            code = f"{base}-{n}"
        taken.add(code)
        batch.code = code
        batch.save(update_fields=["code"])


class Migration(migrations.Migration):
    dependencies = [("ledger", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="importbatch",
            name="code",
            field=models.CharField(max_length=24, null=True, verbose_name="kod"),
        ),
        migrations.RunPython(fill_codes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="importbatch",
            name="code",
            field=models.CharField(max_length=24, unique=True, verbose_name="kod"),
        ),
    ]
