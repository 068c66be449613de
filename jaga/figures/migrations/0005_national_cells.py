"""The national area's cells, summed from the provinces' (every count is additive over
areas, and every RT lies in one province): no recount of the cases."""

from django.db import migrations
from django.db.models import Sum

# Written out: a migration keeps the values it was written with.
NATIONAL_CODE = "ID"


def add_national_cells(apps, schema_editor):
    FigureCell = apps.get_model("figures", "FigureCell")
    FigureCell.objects.filter(area_code=NATIONAL_CODE).delete()
    provinces = (
        FigureCell.objects.exclude(area_code__contains=".")
        .values("month", "measure", "key")
        .annotate(total=Sum("value"))
        .order_by()
    )
    FigureCell.objects.bulk_create(
        (FigureCell(area_code=NATIONAL_CODE, value=row.pop("total"), **row) for row in provinces),
        batch_size=2000,
    )


def remove_national_cells(apps, schema_editor):
    apps.get_model("figures", "FigureCell").objects.filter(area_code=NATIONAL_CODE).delete()


class Migration(migrations.Migration):
    dependencies = [("figures", "0004_cell_measure_index")]

    operations = [migrations.RunPython(add_national_cells, remove_national_cells)]
