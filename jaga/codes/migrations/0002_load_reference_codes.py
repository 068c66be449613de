"""Load the SIMFONI-PPA code lists from jaga/reference/ (never retyped)."""

from django.db import migrations


def load(apps, schema_editor):
    from jaga.codes.services import codes_load

    codes_load(model=apps.get_model("codes", "Code"))


class Migration(migrations.Migration):
    dependencies = [("codes", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
