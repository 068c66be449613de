from django.core.management.base import BaseCommand

from jaga.clocks.services import escalate


class Command(BaseCommand):
    help = (
        "Eskalasi pekerjaan yang melewati tenggat (manajer kasus → kepala UPTD PPA → DP3AKB). "
        "Idempoten: aman dijalankan dari cron tiap menit."
    )

    def handle(self, *args, **options):
        created = escalate()
        self.stdout.write(f"escalate: {len(created)} new escalation(s)")
