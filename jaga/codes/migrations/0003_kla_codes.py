"""Add the KLA clusters and indicators from jaga/reference/kla_indicators.csv (never retyped)."""

from django.db import migrations, models


def load(apps, schema_editor):
    from jaga.codes.services import codes_load

    codes_load(model=apps.get_model("codes", "Code"))


class Migration(migrations.Migration):
    dependencies = [("codes", "0002_load_reference_codes")]
    operations = [
        migrations.AlterField(
            model_name="code",
            name="list",
            field=models.CharField(
                choices=[
                    ("violence_form", "Bentuk kekerasan"),
                    ("place", "Tempat kejadian"),
                    ("age_group", "Kelompok umur"),
                    ("sex", "Jenis kelamin"),
                    ("relationship", "Hubungan pelaku dengan korban"),
                    ("education", "Pendidikan"),
                    ("occupation", "Pekerjaan"),
                    ("service", "Layanan"),
                    ("uptd_service", "Layanan UPTD PPA"),
                    ("kla_cluster", "Klaster KLA"),
                    ("kla_indicator", "Indikator KLA"),
                ],
                max_length=20,
                verbose_name="daftar",
            ),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
