"""Writes to the area hierarchy: the official areas from the reference CSV, and RTs."""

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from jaga.access.paths import NATIONAL_CODE
from jaga.areas.models import NATIONAL_NAME, Area, AreaKind
from jaga.core.tabular import ImportRejected, Row, RowProblem

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "reference"
BALIKPAPAN = "64.71"

# The reference file's kinds mapped to Jaga's levels.
REFERENCE_KINDS = {
    "provinsi": AreaKind.PROVINCE,
    "kabupaten": AreaKind.CITY,
    "kota": AreaKind.CITY,
    "kecamatan": AreaKind.KECAMATAN,
    "kelurahan": AreaKind.KELURAHAN,
    "desa": AreaKind.KELURAHAN,
}


@dataclass(frozen=True)
class ImportResult:
    created: int
    unchanged: int


def _reference_rows(path: Path, prefix: str) -> list[dict[str, str]]:
    """The areas under ``prefix`` (all when empty) plus their ancestors, parents first."""
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    if not prefix:
        return rows
    ancestors = {".".join(prefix.split(".")[:n]) for n in range(1, prefix.count(".") + 1)}
    return [
        r
        for r in rows
        if r["code"] in ancestors or r["code"] == prefix or r["code"].startswith(prefix + ".")
    ]


@transaction.atomic
def areas_import_reference(
    *, prefix: str = BALIKPAPAN, path: Path | None = None, batch_size: int = 2000
) -> ImportResult:
    """Load official areas (province → kelurahan/desa) from the reference CSV, below the
    national area (made if missing).

    All or nothing; areas already present are left as they are, so running it twice loads
    nothing twice. ``prefix`` limits the load to one area's subtree (default Kota Balikpapan).
    """
    rows = _reference_rows(path or REFERENCE_DIR / "wilayah.csv", prefix)
    if prefix and not any(r["code"] == prefix for r in rows):
        raise ImportRejected([RowProblem(0, "code", _("Kode wilayah %s tidak dikenal.") % prefix)])
    existing = dict(
        Area.objects.filter(code__in=[r["code"] for r in rows]).values_list("code", "id")
    )
    national = national_area_ensure()
    problems, new = [], []
    for line, row in enumerate(rows, start=2):
        kind = REFERENCE_KINDS.get(row["kind"])
        if kind is None:
            problems.append(RowProblem(line, "kind", _("Jenis wilayah tidak dikenal.")))
        elif row["code"] not in existing:
            new.append(Area(kind=kind, code=row["code"], name=row["name"].strip()))
    if problems:
        raise ImportRejected(problems)
    # Parents come before children in the file, so each level can be linked once it is saved.
    by_code = {r["code"]: r for r in rows}
    for depth in range(1, 5):
        level = [a for a in new if a.code.count(".") == depth - 1]
        for area in level:
            parent_code = by_code[area.code]["parent_code"]
            area.parent_id = existing.get(parent_code) if parent_code else national.pk
        Area.objects.bulk_create(level, batch_size=batch_size)
        existing.update(
            Area.objects.filter(code__in=[a.code for a in level]).values_list("code", "id")
        )
    return ImportResult(created=len(new), unchanged=len(rows) - len(new))


def national_area_ensure() -> Area:
    """The national area above every province, made once (the reference file starts at the
    provinces)."""
    area, _created = Area.objects.get_or_create(
        code=NATIONAL_CODE, defaults={"kind": AreaKind.COUNTRY, "name": NATIONAL_NAME}
    )
    return area


def rt_code(kelurahan: Area, number: int) -> str:
    return f"{kelurahan.code}.{number:03d}"


def rt_unsaved(kelurahan: Area, number: int, *, is_demo: bool = False) -> Area:
    """RT ``number`` of ``kelurahan``, named and coded the usual way, for a ``bulk_create``."""
    return Area(
        kind=AreaKind.RT,
        code=rt_code(kelurahan, number),
        name=f"RT {number:03d}",
        parent=kelurahan,
        number=number,
        is_demo=is_demo,
    )


@transaction.atomic
def rts_import(
    *, rows: Iterable[Row], kelurahan: QuerySet[Area] | None = None, is_demo: bool = False
) -> ImportResult:
    """Create RTs from rows with ``kode_kelurahan``, ``nomor_rt`` and an optional ``nama``.

    ``kelurahan`` limits where RTs may be added (the importer's scope; default: anywhere).
    Every row is checked first; one bad row refuses the whole file with every problem listed.
    An RT that already exists is left unchanged, so the same file can be imported again.
    """
    rows = list(rows)
    codes = {r.values.get("kode_kelurahan", "") for r in rows}
    allowed = Area.objects.filter(kind=AreaKind.KELURAHAN) if kelurahan is None else kelurahan
    kelurahan_by_code = {a.code: a for a in allowed.filter(code__in=codes)}
    existing = set(
        Area.objects.filter(kind=AreaKind.RT, parent__code__in=codes).values_list("code", flat=True)
    )
    problems: list[RowProblem] = []
    seen: dict[str, int] = {}
    new: list[Area] = []
    for row in rows:
        parent = kelurahan_by_code.get(row.values.get("kode_kelurahan", ""))
        if parent is None:
            problems.append(
                RowProblem(
                    row.line,
                    "kode_kelurahan",
                    _("Kode kelurahan tidak dikenal atau di luar wilayah Anda."),
                )
            )
            continue
        number_text = row.values.get("nomor_rt", "")
        if not number_text.isdigit() or not 1 <= int(number_text) <= 999:
            problems.append(
                RowProblem(row.line, "nomor_rt", _("Nomor RT harus angka 1 sampai 999."))
            )
            continue
        code = rt_code(parent, int(number_text))
        if code in seen:
            problems.append(
                RowProblem(
                    row.line,
                    "nomor_rt",
                    _("RT ini sudah tercantum di baris %(line)s.") % {"line": seen[code]},
                )
            )
            continue
        seen[code] = row.line
        if code not in existing:
            name = row.values.get("nama", "") or f"RT {int(number_text):03d}"
            new.append(
                Area(
                    kind=AreaKind.RT,
                    code=code,
                    name=name[:120],
                    parent=parent,
                    number=int(number_text),
                    is_demo=is_demo,
                )
            )
    if problems:
        raise ImportRejected(problems)
    Area.objects.bulk_create(new, batch_size=2000)
    return ImportResult(created=len(new), unchanged=len(rows) - len(new))
