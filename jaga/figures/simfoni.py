"""The SIMFONI-PPA export: one row per victim of the period's cases, in the national code
lists, with what is still missing for a complete national record.

Rows are streamed (``iterator`` in chunks, each chunk's related rows prefetched once) and
written by openpyxl's write-only workbook or the csv module, so memory stays flat for a big
year. Identity columns exist only in an export made with the right to them, and a victim's
identity is read (decrypted) only for cases the exporter is entitled to: other rows get the
columns empty, never decrypted.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.db.models import Case as When_
from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet, Value, When
from django.utils import timezone
from openpyxl import Workbook

from jaga.access.policy import visible
from jaga.cases.models import Case, CasePerson, CaseService, PersonKind
from jaga.core.crypto import EncryptedTextField
from jaga.figures.selectors import FigureFilter, cases_in

CHUNK = 500
SEPARATOR = "|"  # between several codes in one cell

COLUMNS = [
    "nomor_kasus",
    "tanggal_lapor",
    "kode_kecamatan",
    "kode_kelurahan",
    "kode_rt",
    "tanggal_kejadian",
    "bentuk_kekerasan",
    "tempat_kejadian",
    "jenis_korban",
    "jenis_kelamin",
    "kelompok_umur",
    "pendidikan",
    "pekerjaan",
    "disabilitas",
    "jumlah_pelaku",
    "hubungan_pelaku",
    "jenis_kelamin_pelaku",
    "layanan",
]
IDENTITY_COLUMNS = {
    "nama_korban": "name",
    "nik_korban": "nik",
    "tanggal_lahir_korban": "birth_date",
    "alamat_korban": "address",
}
MISSING = "belum_lengkap"
# Which code list each coded column holds (what the round-trip test checks).
CODE_COLUMNS = {
    "bentuk_kekerasan": "violence_form",
    "tempat_kejadian": "place",
    "jenis_kelamin": "sex",
    "kelompok_umur": "age_group",
    "pendidikan": "education",
    "pekerjaan": "occupation",
    "hubungan_pelaku": "relationship",
    "jenis_kelamin_pelaku": "sex",
    "layanan": "service",
}
# What a complete national record needs, per column (missing ones are listed per row).
REQUIRED = [
    "tanggal_kejadian",
    "bentuk_kekerasan",
    "tempat_kejadian",
    "jenis_kelamin",
    "kelompok_umur",
    "pendidikan",
    "pekerjaan",
    "hubungan_pelaku",
    "layanan",
]


def header(with_identity: bool) -> list[str]:
    return [*COLUMNS, *(IDENTITY_COLUMNS if with_identity else ()), MISSING]


def _identity_annotations(user: Any) -> dict[str, When_]:
    """The identity fields, read only where the exporter may see this case's identities."""
    entitled = visible(user, "figures.export_simfoni_identity", Case.objects.all())
    allowed = Exists(entitled.filter(pk=OuterRef("case_id")))
    return {
        f"identity_{field}": When_(
            When(allowed, then=F(field)), default=Value(""), output_field=EncryptedTextField()
        )
        for field in IDENTITY_COLUMNS.values()
    }


def victims_for_export(user: Any, figure_filter: FigureFilter, with_identity: bool) -> QuerySet:
    """The victims of the period's cases the person may export, with everything a row needs
    (identity fields deferred: never loaded, hence never decrypted, unless annotated)."""
    cases = visible(user, "figures.export_simfoni", cases_in(figure_filter))
    perpetrators = CasePerson.objects.filter(kind=PersonKind.PERPETRATOR).select_related(
        "relationship", "sex"
    )
    victims = (
        CasePerson.objects.filter(kind=PersonKind.VICTIM, case__in=cases.values("pk"))
        .defer(*IDENTITY_COLUMNS.values(), "phone")
        .select_related(
            "case__rt", "case__place", "case__report", "sex", "age_group", "education", "occupation"
        )
        .prefetch_related(
            "case__violence_forms",
            Prefetch("case__people", queryset=perpetrators, to_attr="perpetrators"),
            Prefetch(
                "case__services",
                queryset=CaseService.objects.select_related("service"),
                to_attr="services_given",
            ),
        )
        .order_by("case__number", "pk")
    )
    if with_identity:
        victims = victims.annotate(**_identity_annotations(user))
    return victims


def _code(code: Any) -> str:
    return code.code if code is not None else ""


def _codes(codes: Any) -> str:
    return SEPARATOR.join(sorted({c.code for c in codes}))


def _inert(text: str) -> str:
    """Typed text never starts a spreadsheet formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def victim_row(victim: CasePerson, with_identity: bool) -> list[str]:
    """One victim's row (the header's order)."""
    case = victim.case
    reported = case.report.received_at if case.report else case.opened_at
    rt_code = case.rt.code
    values = {
        "nomor_kasus": case.number,
        "tanggal_lapor": timezone.localtime(reported).date().isoformat(),
        "kode_kecamatan": ".".join(rt_code.split(".")[:3]),
        "kode_kelurahan": ".".join(rt_code.split(".")[:4]),
        "kode_rt": rt_code,
        "tanggal_kejadian": case.incident_date.isoformat() if case.incident_date else "",
        "bentuk_kekerasan": _codes(case.violence_forms.all()),
        "tempat_kejadian": _code(case.place),
        "jenis_korban": victim.victim_kind,
        "jenis_kelamin": _code(victim.sex),
        "kelompok_umur": _code(victim.age_group),
        "pendidikan": _code(victim.education),
        "pekerjaan": _code(victim.occupation),
        "disabilitas": "ya" if victim.has_disability else "tidak",
        "jumlah_pelaku": str(len(case.perpetrators)),
        "hubungan_pelaku": _codes(p.relationship for p in case.perpetrators if p.relationship),
        "jenis_kelamin_pelaku": _codes(p.sex for p in case.perpetrators),
        "layanan": _codes(s.service for s in case.services_given),
    }
    if with_identity:
        for column, field in IDENTITY_COLUMNS.items():
            values[column] = _inert(getattr(victim, f"identity_{field}") or "")
    values[MISSING] = SEPARATOR.join(column for column in REQUIRED if not values[column])
    return [values[column] for column in header(with_identity)]


def export_rows(user: Any, figure_filter: FigureFilter, with_identity: bool) -> Iterator[list[str]]:
    """The header, then one row per victim, streamed in chunks."""
    yield header(with_identity)
    victims = victims_for_export(user, figure_filter, with_identity)
    for victim in victims.iterator(chunk_size=CHUNK):
        yield victim_row(victim, with_identity)


def write_csv(rows: Iterator[list[str]], path: Path) -> int:
    """Write rows to ``path``; returns how many victim rows (not the header)."""
    count = -1
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        for row in rows:
            writer.writerow(row)
            count += 1
    return max(count, 0)


def write_xlsx(rows: Iterator[list[str]], path: Path) -> int:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("SIMFONI-PPA")
    count = -1
    for row in rows:
        sheet.append(row)
        count += 1
    workbook.save(path)
    return max(count, 0)
