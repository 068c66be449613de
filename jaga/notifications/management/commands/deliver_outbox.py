from django.core.management.base import BaseCommand

from jaga.notifications.delivery import outbox_deliver_due


class Command(BaseCommand):
    help = (
        "Kirim pesan keluar (email/WhatsApp) yang sudah jatuh tempo, termasuk yang tertinggal "
        "karena pekerja berhenti. Aman dijalankan dari cron tiap menit."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500)

    def handle(self, *args, limit: int, **options):
        outcomes = outbox_deliver_due(limit=limit)
        summary = ", ".join(f"{k}={v}" for k, v in sorted(outcomes.items()) if v) or "nothing due"
        self.stdout.write(f"deliver-outbox: {summary}")
