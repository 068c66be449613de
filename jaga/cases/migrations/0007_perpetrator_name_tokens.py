"""Alleged perpetrators' names get name tokens too (the check of KLA evidence refuses their
names as it refuses victims'): tokens for the perpetrators recorded before."""

from django.db import migrations

from jaga.cases.services.people import NAME_PURPOSE
from jaga.core.crypto import word_indexes

BATCH = 500


def add_tokens(apps, schema_editor):
    person_model = apps.get_model("cases", "CasePerson")
    token_model = apps.get_model("cases", "NameToken")
    named = person_model.objects.filter(kind="perpetrator").exclude(name="")
    batch = []
    for person in named.only("pk", "case_id", "name").iterator(chunk_size=BATCH):
        batch += [
            token_model(person_id=person.pk, case_id=person.case_id, digest=digest)
            for digest in word_indexes(person.name, NAME_PURPOSE)
        ]
        if len(batch) >= BATCH:
            token_model.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    token_model.objects.bulk_create(batch, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("cases", "0006_event_kind_accompany")]

    operations = [migrations.RunPython(add_tokens, migrations.RunPython.noop)]
