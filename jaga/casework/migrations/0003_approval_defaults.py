"""The city's default choice of what needs the head's approval: the plan and the closure
(copied, not imported: a migration must not change when the code does)."""

from django.db import migrations

DEFAULTS = [("assessment", False), ("plan", True), ("closure", True)]


def seed(apps, schema_editor):
    ApprovalRequirement = apps.get_model("casework", "ApprovalRequirement")
    for subject, required in DEFAULTS:
        ApprovalRequirement.objects.get_or_create(subject=subject, defaults={"required": required})


def unseed(apps, schema_editor):
    apps.get_model("casework", "ApprovalRequirement").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("casework", "0002_plan_and_approvals")]

    operations = [migrations.RunPython(seed, unseed)]
