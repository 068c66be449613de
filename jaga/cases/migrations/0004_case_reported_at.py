from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_reported_at(apps, schema_editor):
    """A case was reported when its report arrived, else when it was opened."""
    Case = apps.get_model("cases", "Case")
    Report = apps.get_model("reports", "Report")
    arrival = Report.objects.filter(pk=OuterRef("report_id")).values("received_at")
    Case.objects.filter(report__isnull=False).update(reported_at=Subquery(arrival))
    Case.objects.filter(report__isnull=True).update(reported_at=models.F("opened_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_case_list_order"),
        ("reports", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="reported_at",
            field=models.DateTimeField(null=True, verbose_name="dilaporkan"),
        ),
        migrations.RunPython(fill_reported_at, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="case",
            name="reported_at",
            field=models.DateTimeField(db_index=True, verbose_name="dilaporkan"),
        ),
    ]
