from django.core.management.base import BaseCommand

from jaga.figures.rollups import rebuild


class Command(BaseCommand):
    help = "Count every case-figure cell again from the cases (after bulk loads, or to check)."

    def handle(self, *args, **options):
        self.stdout.write(f"{rebuild()} cells")
