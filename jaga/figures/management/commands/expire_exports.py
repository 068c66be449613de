from django.core.management.base import BaseCommand

from jaga.figures.services import simfoni_exports_expire


class Command(BaseCommand):
    help = "Delete SIMFONI-PPA export files not downloaded before they expired (cron, daily)."

    def handle(self, *args, **options):
        count = simfoni_exports_expire()
        self.stdout.write(f"{count} expired")
