"""The national area above every province: one insert and one update of the provinces, so
an existing database with the whole country moves in a moment. An empty database gets it
from the reference import (``areas_import_reference``), like every other area: a row made
here would be part of the migrated state that transactional tests reload."""

from django.db import migrations, models

# Written out: a migration keeps the values it was written with.
NATIONAL_CODE = "ID"


def add_national_area(apps, schema_editor):
    Area = apps.get_model("areas", "Area")
    provinces = Area.objects.filter(kind="province", parent__isnull=True)
    if not provinces.exists():
        return
    national, _created = Area.objects.get_or_create(
        code=NATIONAL_CODE, defaults={"kind": "country", "name": "Indonesia"}
    )
    provinces.update(parent=national)


def remove_national_area(apps, schema_editor):
    Area = apps.get_model("areas", "Area")
    Area.objects.filter(kind="province", parent__code=NATIONAL_CODE).update(parent=None)
    Area.objects.filter(code=NATIONAL_CODE).delete()


class Migration(migrations.Migration):
    dependencies = [("areas", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="area",
            name="kind",
            field=models.CharField(
                choices=[
                    ("country", "Nasional"),
                    ("province", "Provinsi"),
                    ("city", "Kota/Kabupaten"),
                    ("kecamatan", "Kecamatan"),
                    ("kelurahan", "Kelurahan/Desa"),
                    ("rw", "RW"),
                    ("rt", "RT"),
                ],
                max_length=10,
                verbose_name="jenis",
            ),
        ),
        migrations.RunPython(add_national_area, remove_national_area),
    ]
