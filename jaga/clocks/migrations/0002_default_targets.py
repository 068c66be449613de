"""Seeds the service-time defaults of DOMAIN.md (configurable afterwards by the city
administrator). Copied here rather than imported: a migration must not change when the code
does."""

from django.db import migrations

DEFAULTS = [
    ("report_ack", True, 1, "hours"),
    ("report_ack", False, 24, "hours"),
    ("outreach", True, 6, "hours"),
    ("outreach", False, 3, "working_days"),
    ("assessment", True, 3, "days"),
    ("assessment", False, 7, "days"),
    ("referral_response", True, 4, "hours"),
    ("referral_response", False, 2, "working_days"),
]


def seed(apps, schema_editor):
    ServiceTarget = apps.get_model("clocks", "ServiceTarget")
    for step, urgent, amount, unit in DEFAULTS:
        ServiceTarget.objects.get_or_create(
            step=step, is_urgent=urgent, defaults={"amount": amount, "unit": unit}
        )


def unseed(apps, schema_editor):
    ServiceTarget = apps.get_model("clocks", "ServiceTarget")
    for step, urgent, _amount, _unit in DEFAULTS:
        ServiceTarget.objects.filter(step=step, is_urgent=urgent).delete()


class Migration(migrations.Migration):
    dependencies = [("clocks", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
