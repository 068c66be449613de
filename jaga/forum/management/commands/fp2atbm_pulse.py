"""``jaga fp2atbm-pulse``: flag the kelurahan silent for two months running (cron: daily;
idempotent, each flag is notified once)."""

from django.core.management.base import BaseCommand

from jaga.areas.models import Area, AreaKind
from jaga.core.periods import last_closed_month
from jaga.forum.services.pulse import pulse_flag


class Command(BaseCommand):
    help = "Tandai kelurahan yang senyap dua bulan berturut-turut dan kabari petugasnya."

    def handle(self, *args, **options):
        month = last_closed_month()
        flagged = 0
        for city in Area.objects.filter(kind=AreaKind.CITY):
            flagged += len(pulse_flag(area=city, month=month))
        self.stdout.write(f"{flagged} kelurahan ditandai untuk {month:%Y-%m}.")
