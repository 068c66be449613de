from django.core.management.base import BaseCommand

from jaga.figures.rollups import refresh


class Command(BaseCommand):
    help = "Recount the case-figure cells that changes marked (cron, every minute: a safety net)."

    def handle(self, *args, **options):
        self.stdout.write(f"{refresh()} cells recounted")
