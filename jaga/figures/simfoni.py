"""The SIMFONI-PPA export: one row per victim of the period's cases, in the national code
lists, with what is still missing for a complete national record.

Rows are streamed (``iterator`` over plain tuples, with a case's several codes read by three
queries in the same case order, side by side) and written by openpyxl's write-only workbook
or the csv module, so memory stays flat for a big year. Identity columns exist only in an
export made with the right to them, and a victim's identity is read (decrypted) only for
cases the exporter is entitled to: other rows get the columns empty, never decrypted.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterable, Iterator
from itertools import groupby
from operator import itemgetter
from typing import BinaryIO

from django.db.models import Case as When_
from django.db.models import Exists, F, OuterRef, QuerySet, Value, When
from django.utils import timezone
from openpyxl import Workbook

from jaga.access.policy import visible
from jaga.access.users import User
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


def _identity_annotations(user: User) -> dict[str, When_]:
    """The identity fields, read only where the exporter may see this case's identities."""
    entitled = visible(user, "figures.export_simfoni_identity", Case.objects.all())
    allowed = Exists(entitled.filter(pk=OuterRef("case_id")))
    return {
        f"identity_{field}": When_(
            When(allowed, then=F(field)), default=Value(""), output_field=EncryptedTextField()
        )
        for field in IDENTITY_COLUMNS.values()
    }


# A victim's row as read: plain tuples in this order (no model instances: a year is many
# rows), then the identity fields when asked for.
VICTIM_VALUES = [
    "case_id",
    "case__number",
    "reported",
    "case__rt__code",
    "case__incident_date",
    "case__place__code",
    "victim_kind",
    "sex__code",
    "age_group__code",
    "education__code",
    "occupation__code",
    "has_disability",
    "pk",  # not written: which people the file includes, for the audit trail
]


def _export_cases(user: User, figure_filter: FigureFilter) -> QuerySet:
    return visible(user, "figures.export_simfoni", cases_in(figure_filter)).values("pk")


def victims_for_export(user: User, figure_filter: FigureFilter, with_identity: bool) -> QuerySet:
    """The victims of the period's cases the person may export, in the order the cases were
    opened, as tuples of ``VICTIM_VALUES`` (identity fields are read, hence decrypted, only
    when asked for)."""
    cases = _export_cases(user, figure_filter)
    victims = CasePerson.objects.filter(kind=PersonKind.VICTIM, case__in=cases)
    identity = _identity_annotations(user) if with_identity else {}
    return (
        victims.annotate(reported=F("case__reported_at"), **identity)
        .order_by("case_id", "pk")
        .values_list(*VICTIM_VALUES, *identity)
    )


class CaseStream:
    """The rows of several values per case (forms of violence, perpetrators, services) for
    the same cases, read in the same case order as the victims, so each case's rows are
    taken as the victims reach it: one streamed query each, whatever the number of cases."""

    def __init__(self, rows: QuerySet):
        self.groups = groupby(rows.order_by("case_id").iterator(CHUNK), key=itemgetter(0))
        self.case_id, self.rows = -1, list[tuple]()

    def of(self, case_id: int) -> list[tuple]:
        while self.case_id < case_id:
            self.case_id, group = next(self.groups, (case_id + 1, iter(())))
            self.rows = [row[1:] for row in group]
        return self.rows if self.case_id == case_id else []


def _case_streams(cases: QuerySet) -> tuple[CaseStream, CaseStream, CaseStream]:
    forms = Case.violence_forms.through.objects.filter(case_id__in=cases)
    perpetrators = CasePerson.objects.filter(kind=PersonKind.PERPETRATOR, case_id__in=cases)
    services = CaseService.objects.filter(case_id__in=cases)
    return (
        CaseStream(forms.values_list("case_id", "code__code")),
        CaseStream(perpetrators.values_list("case_id", "relationship__code", "sex__code")),
        CaseStream(services.values_list("case_id", "service__code")),
    )


def _codes(codes: Iterable[str | None]) -> str:
    """Several codes in one cell: each once, sorted."""
    return SEPARATOR.join(sorted({code for code in codes if code}))


def _inert(text: str) -> str:
    """Typed text never starts a spreadsheet formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def victim_row(
    victim: tuple, forms: list, perpetrators: list, services: list, with_identity: bool
) -> list[str]:
    """One victim's row (the header's order), from a ``victims_for_export`` tuple and the
    rows of its case."""
    (_, number, reported, rt_code, incident_date, place, kind, sex, age_group) = victim[:9]
    (education, occupation, has_disability) = victim[9:12]
    values = {
        "nomor_kasus": number,
        "tanggal_lapor": timezone.localtime(reported).date().isoformat(),
        "kode_kecamatan": ".".join(rt_code.split(".")[:3]),
        "kode_kelurahan": ".".join(rt_code.split(".")[:4]),
        "kode_rt": rt_code,
        "tanggal_kejadian": incident_date.isoformat() if incident_date else "",
        "bentuk_kekerasan": _codes(code for (code,) in forms),
        "tempat_kejadian": place or "",
        "jenis_korban": kind,
        "jenis_kelamin": sex or "",
        "kelompok_umur": age_group or "",
        "pendidikan": education or "",
        "pekerjaan": occupation or "",
        "disabilitas": "ya" if has_disability else "tidak",
        "jumlah_pelaku": str(len(perpetrators)),
        "hubungan_pelaku": _codes(relationship for relationship, _ in perpetrators),
        "jenis_kelamin_pelaku": _codes(sex for _, sex in perpetrators),
        "layanan": _codes(code for (code,) in services),
    }
    if with_identity:
        identity = victim[len(VICTIM_VALUES) :]
        for column, value in zip(IDENTITY_COLUMNS, identity, strict=True):
            values[column] = _inert(value or "")
    values[MISSING] = SEPARATOR.join(column for column in REQUIRED if not values[column])
    return [values[column] for column in header(with_identity)]


def export_rows(
    user: User,
    figure_filter: FigureFilter,
    with_identity: bool,
    identified: list[int] | None = None,
) -> Iterator[list[str]]:
    """The header, then one row per victim, streamed (four queries read side by side).
    ``identified`` collects the ids of the victims whose identity went into a row."""
    yield header(with_identity)
    streams = _case_streams(_export_cases(user, figure_filter))
    for victim in victims_for_export(user, figure_filter, with_identity).iterator(CHUNK):
        forms, perpetrators, services = (stream.of(victim[0]) for stream in streams)
        if identified is not None and any(victim[len(VICTIM_VALUES) :]):
            identified.append(victim[len(VICTIM_VALUES) - 1])
        yield victim_row(victim, forms, perpetrators, services, with_identity)


def write_csv(rows: Iterator[list[str]], handle: BinaryIO) -> int:
    """Write rows to the binary ``handle`` (an encrypting writer); returns how many victim
    rows (not the header)."""
    count = -1
    handle.write(codecs.BOM_UTF8)  # spreadsheet programs then read the file as UTF-8
    writer = csv.writer(codecs.getwriter("utf-8")(handle))
    for row in rows:
        writer.writerow(row)
        count += 1
    return max(count, 0)


def write_xlsx(rows: Iterator[list[str]], handle: BinaryIO) -> int:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("SIMFONI-PPA")
    count = -1
    for row in rows:
        sheet.append(row)
        count += 1
    workbook.save(handle)
    return max(count, 0)
