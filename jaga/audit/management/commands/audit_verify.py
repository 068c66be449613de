from django.core.management.base import BaseCommand, CommandError

from jaga.audit.services import audit_verify


class Command(BaseCommand):
    help = "Periksa rantai hash jejak audit; laporkan peristiwa pertama yang diubah atau hilang."

    def handle(self, *args, **options):
        problem = audit_verify()
        if problem is not None:
            raise CommandError(
                f"Jejak audit rusak pada peristiwa #{problem.seq}: {problem.message}"
            )
        self.stdout.write(self.style.SUCCESS("Jejak audit utuh."))
