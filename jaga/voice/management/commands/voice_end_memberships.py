"""``jaga voice-end-memberships``: Forum Anak members who reach 18 this year leave by
themselves, their nickname and school erased (cron: daily; idempotent)."""

from django.core.management.base import BaseCommand

from jaga.voice.services.forums import members_end_at_adulthood


class Command(BaseCommand):
    help = "Akhiri keanggotaan Forum Anak yang genap berumur 18 tahun tahun ini."

    def handle(self, *args, **options):
        ended = members_end_at_adulthood()
        self.stdout.write(f"{ended} keanggotaan Forum Anak berakhir.")
