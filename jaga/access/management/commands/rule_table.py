"""``jaga rule-table``: write docs/rules.md, every rule against every role."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from jaga.access.table import rule_table


class Command(BaseCommand):
    help = "Tulis docs/rules.md: setiap aturan akses terhadap setiap peran."

    def handle(self, *args, **options):
        path = Path(settings.BASE_DIR) / "docs" / "rules.md"
        path.write_text(rule_table())
        self.stdout.write(f"{path} ditulis.")
