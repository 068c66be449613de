"""Account holders' names and phone numbers encrypted like every other identity; sign-in by
phone through a keyed index (issue 19)."""

import jaga.core.crypto
from django.db import migrations, models


def encrypt_existing(apps, schema_editor):
    from jaga.core.crypto import PREFIX, blind_index, encrypt

    Person = apps.get_model("people", "Person")
    for person in Person.objects.iterator():
        phone = person.phone or ""
        if phone.startswith(PREFIX):
            continue  # already done
        person.phone_index = blind_index(phone, "person.phone") if phone else None
        person.phone = encrypt(phone) if phone else ""
        if person.full_name and not person.full_name.startswith(PREFIX):
            person.full_name = encrypt(person.full_name)
        person.save(update_fields=["phone", "phone_index", "full_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="phone_index",
            field=models.CharField(
                blank=True, editable=False, max_length=32, null=True, unique=True
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="phone",
            field=models.TextField(blank=True, null=True, verbose_name="nomor HP"),
        ),
        migrations.AlterField(
            model_name="person",
            name="full_name",
            field=models.TextField(verbose_name="nama lengkap"),
        ),
        migrations.RunPython(encrypt_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="person",
            name="phone",
            field=jaga.core.crypto.EncryptedTextField(blank=True, verbose_name="nomor HP"),
        ),
        migrations.AlterField(
            model_name="person",
            name="full_name",
            field=jaga.core.crypto.EncryptedTextField(verbose_name="nama lengkap"),
        ),
        migrations.AlterModelOptions(
            name="person",
            options={
                "ordering": ["username"],
                "verbose_name": "orang",
                "verbose_name_plural": "orang",
            },
        ),
    ]
