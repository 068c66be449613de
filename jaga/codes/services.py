"""Loading the SIMFONI-PPA code lists from the reference files."""

import csv
from pathlib import Path

from django.db import transaction

from jaga.codes.models import Code, CodeList

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "reference"


def reference_codes() -> list[dict[str, str]]:
    """Rows of every reference file, in file order, with their list name."""
    with (REFERENCE_DIR / "simfoni_codes.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with (REFERENCE_DIR / "uptd_ppa_services.csv").open(encoding="utf-8") as handle:
        rows += [
            {**row, "list": CodeList.UPTD_SERVICE, "note": ""} for row in csv.DictReader(handle)
        ]
    with (REFERENCE_DIR / "education_topics.csv").open(encoding="utf-8") as handle:
        rows += [
            {**row, "list": CodeList.EDUCATION_TOPIC, "note": ""} for row in csv.DictReader(handle)
        ]
    return rows


@transaction.atomic
def codes_load(*, model: type[Code] = Code) -> int:
    """Create the codes that are missing and refresh labels of those present; returns how many
    were created. Idempotent; a code is never deleted (recorded cases may point at it).
    ``model`` lets the data migration pass its historical model."""
    existing = {(c.list, c.code): c for c in model.objects.all()}
    created, changed = [], []
    positions: dict[str, int] = {}
    for row in reference_codes():
        position = positions[row["list"]] = positions.get(row["list"], 0) + 1
        values = {
            "label_id": row["label_id"],
            "label_en": row["label_en"],
            "note": row.get("note") or "",
            "position": position,
        }
        current = existing.get((row["list"], row["code"]))
        if current is None:
            created.append(model(list=row["list"], code=row["code"], **values))
        elif any(getattr(current, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(current, key, value)
            changed.append(current)
    model.objects.bulk_create(created)
    model.objects.bulk_update(changed, ["label_id", "label_en", "note", "position"])
    return len(created)
