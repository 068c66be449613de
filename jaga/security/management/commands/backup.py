from pathlib import Path

from django.core.management.base import BaseCommand

from jaga.security.backup import backup_create


class Command(BaseCommand):
    help = (
        "Write an encrypted, timestamped archive of the database and uploaded files "
        "(safe while Jaga serves)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, type=Path, help="folder for the archive")

    def handle(self, *args, output: Path, **options):
        path = backup_create(output_dir=output)
        self.stdout.write(f"Cadangan ditulis: {path}")
