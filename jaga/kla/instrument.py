"""The default instrument, read from ``jaga/reference/`` (the 24 indicators of
``kla_indicators.csv``, the items of ``kla_instrument.csv``), and the copy a new round
starts from."""

import csv
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from jaga.kla.models import Indicator, Instrument, Item

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "reference"


def _reference(name: str) -> list[dict[str, str]]:
    with (REFERENCE_DIR / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def parse_choices(text: str) -> list[dict]:
    """``"Lebih dari 4 kali=15@5;1–4 kali=8@1"`` → graded answers (label, points, the least
    computed number that reaches it)."""
    choices = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        label, _sep, rest = part.rpartition("=")
        points, _at, least = rest.partition("@")
        choices.append(
            {"label": label.strip(), "points": int(points), "min": float(least) if least else None}
        )
    return choices


def predicates() -> list[tuple[str, int, int]]:
    """The KLA predicates, lowest band first: (name, min score, max score)."""
    rows = _reference("kla_predicates.csv")
    return sorted((r["predicate"], int(r["min_score"]), int(r["max_score"])) for r in rows)


@transaction.atomic
def instrument_default(year: int) -> Instrument:
    """The instrument of ``year`` from the reference files (made once; an edited one is
    kept as the city left it)."""
    instrument, created = Instrument.objects.get_or_create(
        year=year, defaults={"title": f"Instrumen evaluasi KLA {year}"}
    )
    if not created:
        return instrument
    indicators = {
        int(row["number"]): Indicator.objects.create(
            instrument=instrument,
            number=int(row["number"]),
            cluster=row["cluster"],
            cluster_name=row["cluster_name_id"],
            name=row["name_id"],
            name_en=row["name_en"],
        )
        for row in _reference("kla_indicators.csv")
    }
    Item.objects.bulk_create(
        Item(
            indicator=indicators[int(row["indicator"])],
            code=row["code"],
            kind=row["kind"],
            max_points=int(row["max_points"]),
            question=row["question"],
            choices=parse_choices(row["choices"]),
            target=Decimal(row["target"]) if row["target"] else None,
            evidence=row["evidence"],
            computation=row["computation"],
        )
        for row in _reference("kla_instrument.csv")
    )
    return instrument


@transaction.atomic
def instrument_copy(source: Instrument, year: int) -> Instrument:
    """A new year's instrument as a copy of ``source``, to be edited when the national list
    changes."""
    copy = Instrument.objects.create(
        year=year,
        title=f"Instrumen evaluasi KLA {year}",
        points_official=source.points_official,
        copied_from=source,
    )
    for indicator in source.indicators.prefetch_related("items"):
        items = list(indicator.items.all())
        indicator.pk, indicator.instrument = None, copy
        indicator.save()
        for item in items:
            item.pk, item.indicator = None, indicator
        Item.objects.bulk_create(items)
    return copy


def instrument_for(year: int) -> Instrument:
    """``year``'s instrument: as it is, else a copy of the latest earlier one, else the
    default."""
    existing = Instrument.objects.filter(year=year).first()
    if existing:
        return existing
    earlier = Instrument.objects.filter(year__lt=year).order_by("-year").first()
    return instrument_copy(earlier, year) if earlier else instrument_default(year)
