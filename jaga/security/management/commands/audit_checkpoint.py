from django.core.management.base import BaseCommand

from jaga.security.services import audit_checkpoint_publish


class Command(BaseCommand):
    help = (
        "Tulis titik periksa jejak audit bertanda tangan (Ed25519) dan kirim salinannya ke DPO "
        "dan ke log. --if-due: hanya bila terjadwal (dijalankan scripts/serve tiap menit)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--if-due", action="store_true", help="hanya bila sudah waktunya")

    def handle(self, *args, if_due: bool, **options):
        checkpoint = audit_checkpoint_publish(if_due=if_due)
        if checkpoint is not None and options["verbosity"] > 0:
            self.stdout.write(f"Titik periksa audit #{checkpoint.seq} ditulis.")
