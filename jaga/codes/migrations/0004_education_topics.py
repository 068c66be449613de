"""The FP2ATBM education topics (jaga/reference/education_topics.csv) join the code lists."""

from django.db import migrations, models


def load(apps, schema_editor):
    from jaga.codes.services import codes_load  # the historical model is passed in

    codes_load(model=apps.get_model("codes", "Code"))


class Migration(migrations.Migration):
    dependencies = [("codes", "0003_kla_codes")]
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
                    ("education_topic", "Topik edukasi FP2ATBM"),
                ],
                max_length=20,
                verbose_name="daftar",
            ),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
