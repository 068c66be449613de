"""``jaga rotate-keys``: re-encrypt every encrypted field with the newest configured key.

Put the new key first in JAGA_FIELD_KEYS (keeping the old ones after it), run this, then the
old keys may be removed. Values are rotated token to token: nothing is decrypted into memory
beyond Fernet's own work, and nothing is logged but counts."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import models, transaction
from django.db.models.functions import Cast

from jaga.core.crypto import PREFIX, encrypted_fields, reset_keys, rotate


def rotate_model(model: type[models.Model], batch_size: int = 500) -> int:
    """Rotate every non-empty encrypted value of ``model``; returns how many changed."""
    changed = 0
    for field in encrypted_fields(model):
        raw = model._default_manager.annotate(_raw=Cast(field, models.TextField()))
        rows = raw.filter(_raw__startswith=PREFIX).values_list("pk", "_raw")
        for start in range(0, rows.count(), batch_size):
            with transaction.atomic():
                for pk, token in rows.order_by("pk")[start : start + batch_size]:
                    value = models.Value(rotate(token), output_field=models.TextField())
                    model._default_manager.filter(pk=pk).update(**{field: value})
                    changed += 1
    return changed


class Command(BaseCommand):
    help = "Re-encrypt all encrypted fields with the newest key of JAGA_FIELD_KEYS."

    def handle(self, *args, **options):
        reset_keys()
        total = 0
        for model in apps.get_models():
            if encrypted_fields(model):
                count = rotate_model(model)
                total += count
                self.stdout.write(f"{model._meta.label}: {count}")
        self.stdout.write(
            self.style.SUCCESS(f"{total} nilai dienkripsi ulang dengan kunci terbaru.")
        )
