from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jaga.audit.checkpoints import checkpoint_problems, parse_checkpoints


class Command(BaseCommand):
    help = (
        "Periksa rantai hash jejak audit terhadap titik periksa bertanda tangan (yang tersimpan "
        "dan, dengan --checkpoints, salinan dari luar); sebutkan di mana rantai rusak, ditulis "
        "ulang, atau titik periksa yang terjadwal tidak ada."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--checkpoints",
            type=Path,
            action="append",
            default=[],
            help="berkas berisi salinan titik periksa (email DPO, log); boleh berulang",
        )

    def handle(self, *args, checkpoints: list[Path], **options):
        given = []
        for path in checkpoints:
            try:
                given += parse_checkpoints(path.read_text(errors="replace"), path.name)
            except (OSError, ValueError) as error:
                raise CommandError(str(error)) from None
        problems = checkpoint_problems(given)
        if problems:
            raise CommandError("Jejak audit tidak utuh:\n" + "\n".join(f"- {p}" for p in problems))
        self.stdout.write(self.style.SUCCESS("Jejak audit utuh."))
