"""Loading the SIMFONI-PPA code lists from the reference files."""

import csv
from pathlib import Path

from django.db import transaction

from jaga.codes.models import Code, CodeList

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "reference"
# The indicator file names each cluster in Indonesian only; these are the English names the
# ministry's own English material uses.
KLA_CLUSTERS_EN = {
    "kelembagaan": "Institutional strengthening",
    "I": "Civil rights and freedoms",
    "II": "Family environment and alternative care",
    "III": "Basic health and welfare",
    "IV": "Education, use of leisure time and cultural activities",
    "V": "Special protection",
}


def reference_codes() -> list[dict[str, str]]:
    """Rows of the reference files, in file order, with their list name."""
    with (REFERENCE_DIR / "simfoni_codes.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with (REFERENCE_DIR / "uptd_ppa_services.csv").open(encoding="utf-8") as handle:
        rows += [
            {**row, "list": CodeList.UPTD_SERVICE, "note": ""} for row in csv.DictReader(handle)
        ]
    return rows + _kla_codes()


def _kla_codes() -> list[dict[str, str]]:
    """The KLA clusters (in the file's order) and the 24 indicators, code = number."""
    with (REFERENCE_DIR / "kla_indicators.csv").open(encoding="utf-8") as handle:
        indicators = list(csv.DictReader(handle))
    clusters = {row["cluster"]: row["cluster_name_id"] for row in indicators}
    rows = [
        {
            "list": CodeList.KLA_CLUSTER,
            "code": code,
            "label_id": name,
            "label_en": KLA_CLUSTERS_EN[code],
            "note": "",
        }
        for code, name in clusters.items()
    ]
    return rows + [
        {
            "list": CodeList.KLA_INDICATOR,
            "code": row["number"],
            "label_id": row["name_id"],
            "label_en": row["name_en"],
            "note": row["cluster"],
        }
        for row in indicators
    ]


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
