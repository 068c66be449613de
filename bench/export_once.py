"""Build one year's SIMFONI-PPA export in this process (for bench.peak to measure)."""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jaga.settings")
django.setup()

from django.utils import timezone  # noqa: E402

from bench.figures import CITY, export_jaga  # noqa: E402
from jaga.core.periods import Period  # noqa: E402
from jaga.figures.selectors import FigureFilter  # noqa: E402
from jaga.people.models import Person  # noqa: E402

export_jaga(
    Person.objects.get(username="syn.admin"),
    FigureFilter(CITY, Period.year(timezone.localdate().year - 1)),
)
