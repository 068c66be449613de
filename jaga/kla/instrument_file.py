"""A year's instrument as an XLSX the city edits when the national list changes, and the
edited file imported back: one row per item, its indicator repeated on every row, graded
answers in the same ``label=points@min;…`` text as ``jaga/reference/kla_instrument.csv``.

All or nothing (``jaga.core.tabular``): every row is checked first and one bad row refuses
the file with every problem listed. The file is the instrument: items and indicators it no
longer lists are removed — unless a round has answered them — and a new indicator is given,
without a lead agency yet, to every open round. Only an instrument no round has submitted
may change: a submitted round was scored against it."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.core.importer import RowChecker
from jaga.core.importer import import_template as template_xlsx
from jaga.core.tabular import ImportRejected, Row, RowProblem
from jaga.kla.computations import COMPUTATIONS
from jaga.kla.instrument import parse_choices
from jaga.kla.models import (
    Answer,
    AnswerKind,
    Assignment,
    Computed,
    Indicator,
    Instrument,
    Item,
    Round,
    RoundStatus,
)
from jaga.people.models import Person

MAX_POINTS = 1000
COLUMNS = [
    ("indikator", "Nomor indikator, 1 sampai 99"),
    ("klaster", "Kode klaster, mis. kelembagaan, I … V"),
    ("nama_klaster", "Nama klaster"),
    ("nama_indikator", "Nama indikator (sama di setiap baris indikator itu)"),
    ("kode", "Kode butir, mis. 2.4 (unik dalam indikator)"),
    ("jenis", "yes_no / choice / number / percent / document"),
    ("nilai_maks", "Nilai maksimum butir, 0 sampai 1000"),
    ("pertanyaan", "Pertanyaan"),
    ("pilihan", "Untuk jenis choice: label=poin@minimum;… (minimum hanya untuk butir dihitung)"),
    ("target", "Untuk jenis number: angka yang memberi nilai penuh (boleh kosong)"),
    ("bukti", "Bukti yang diminta (boleh kosong)"),
    ("perhitungan", "Kunci perhitungan Jaga (kosong bila dijawab orang)"),
]
REQUIRED_COLUMNS = [name for name, _help in COLUMNS if name not in ("target", "bukti")]


def format_choices(choices: list[dict]) -> str:
    """The inverse of ``parse_choices``."""
    parts = []
    for choice in choices:
        least = choice.get("min")
        suffix = "" if least is None else f"@{least:g}"
        parts.append(f"{choice['label']}={choice['points']}{suffix}")
    return ";".join(parts)


def instrument_rows(instrument: Instrument) -> list[list[str]]:
    items = Item.objects.filter(indicator__instrument=instrument).select_related("indicator")
    return [
        [
            str(item.indicator.number),
            item.indicator.cluster,
            item.indicator.cluster_name,
            item.indicator.name,
            item.code,
            item.kind,
            str(item.max_points),
            item.question,
            format_choices(item.choices),
            "" if item.target is None else f"{item.target.normalize():f}",
            item.evidence,
            item.computation,
        ]
        for item in items.order_by("indicator__number", "pk")
    ]


def instrument_export(instrument: Instrument) -> bytes:
    rows = instrument_rows(instrument)
    return template_xlsx(
        title=f"Instrumen KLA {instrument.year}",
        columns=COLUMNS,
        note=_(
            "Satu baris per butir. Butir atau indikator yang dihapus dari berkas ikut dihapus "
            "dari instrumen bila belum dijawab."
        ),
        example=rows[0] if rows else [],
        rows=rows,
    )


@dataclass
class IndicatorPlan:
    number: int
    cluster: str
    cluster_name: str
    name: str
    items: list[dict] = field(default_factory=list)


class InstrumentChecker(RowChecker):
    def __init__(self) -> None:
        super().__init__()
        self.indicators: dict[int, IndicatorPlan] = {}

    def required(self, row: Row, column: str, limit: int) -> str:
        value = self.text(row, column, limit + 1)
        if not value:
            self.fail(row, column, _("Wajib diisi."))
        elif len(value) > limit:
            self.fail(row, column, _("Terlalu panjang (paling banyak %(n)s).") % {"n": limit})
        return value

    def whole(self, row: Row, column: str, low: int, high: int) -> int | None:
        text = self.text(row, column)
        if not text.isdigit() or not low <= int(text) <= high:
            message = _("Isi bilangan bulat %(low)s sampai %(high)s.")
            self.fail(row, column, message % {"low": low, "high": high})
            return None
        return int(text)

    def choices(self, row: Row, kind: str, most: int | None) -> list[dict]:
        text = self.text(row, "pilihan", 1000)
        if kind != AnswerKind.CHOICE:
            if text:
                self.fail(row, "pilihan", _("Pilihan hanya untuk jenis choice."))
            return []
        try:
            parsed = parse_choices(text)
        except ValueError:
            parsed = []
        if not parsed or any(not c["label"] for c in parsed):
            self.fail(row, "pilihan", _("Tulis label=poin@minimum;… mis. Ada=10;Belum=0."))
            return []
        if most is not None and any(not 0 <= c["points"] <= most for c in parsed):
            self.fail(row, "pilihan", _("Poin pilihan antara 0 dan nilai maksimum butir."))
        return parsed

    def target(self, row: Row) -> Decimal | None:
        text = self.text(row, "target").replace(",", ".")
        if not text:
            return None
        try:
            value = Decimal(text)
        except InvalidOperation:
            value = Decimal(-1)
        if not value.is_finite() or not 0 < value < 10**8:
            self.fail(row, "target", _("Isi angka lebih dari 0."))
            return None
        return value

    def read(self, row: Row) -> None:
        number = self.whole(row, "indikator", 1, 99)
        plan = IndicatorPlan(
            number or 0,
            self.required(row, "klaster", 20),
            self.required(row, "nama_klaster", 120),
            self.required(row, "nama_indikator", 200),
        )
        if number is not None:
            known = self.indicators.setdefault(number, plan)
            if (known.cluster, known.cluster_name, known.name) != (
                plan.cluster,
                plan.cluster_name,
                plan.name,
            ):
                self.fail(row, "nama_indikator", _("Berbeda dari baris lain indikator ini."))
            plan = known
        code = self.required(row, "kode", 12)
        if code and any(i["code"] == code for i in plan.items):
            self.fail(row, "kode", _("Kode butir ini sudah ada di indikator yang sama."))
        kind = self.text(row, "jenis").lower()
        if kind not in AnswerKind.values:
            self.fail(
                row,
                "jenis",
                _("Jenis tidak dikenal: %(kinds)s.") % {"kinds": ", ".join(AnswerKind.values)},
            )
        most = self.whole(row, "nilai_maks", 0, MAX_POINTS)
        computation = self.text(row, "perhitungan", 60)
        if computation and computation not in COMPUTATIONS:
            self.fail(row, "perhitungan", _("Kunci perhitungan tidak dikenal Jaga."))
        plan.items.append(
            {
                "code": code,
                "kind": kind,
                "max_points": most or 0,
                "question": self.required(row, "pertanyaan", 2000),
                "choices": self.choices(row, kind, most),
                "target": self.target(row),
                "evidence": self.text(row, "bukti", 300),
                "computation": computation,
            }
        )


@dataclass
class ImportSummary:
    indicators: int = 0
    items_created: int = 0
    items_changed: int = 0
    items_removed: int = 0


def _refuse_used(instrument: Instrument, keep: set[tuple[int, str]]) -> None:
    """An item a round has answered stays: removing it would lose the answer."""
    gone = [
        item
        for item in Item.objects.filter(indicator__instrument=instrument).select_related(
            "indicator"
        )
        if (item.indicator.number, item.code) not in keep
    ]
    used = set(Answer.objects.filter(item__in=gone).values_list("item_id", flat=True))
    used |= set(Computed.objects.filter(item__in=gone).values_list("item_id", flat=True))
    problems = [
        RowProblem(
            0, "kode", _("Butir %(code)s sudah dijawab; tidak dapat dihapus.") % {"code": i.code}
        )
        for i in gone
        if i.pk in used
    ]
    if problems:
        raise ImportRejected(problems)


@transaction.atomic
def instrument_import(*, instrument: Instrument, rows: list[Row], by: Person) -> ImportSummary:
    instrument = Instrument.objects.select_for_update().get(pk=instrument.pk)
    if instrument.rounds.exclude(status=RoundStatus.SELF_ASSESSMENT).exists():
        raise ImportRejected(
            [RowProblem(0, "", _("Instrumen ini sudah dipakai putaran yang dikirim."))]
        )
    checker = InstrumentChecker()
    for row in rows:
        checker.read(row)
    if not rows:
        checker.problems.append(RowProblem(2, "", _("Berkas tidak berisi butir.")))
    checker.raise_any()
    plans = checker.indicators
    _refuse_used(instrument, {(n, i["code"]) for n, p in plans.items() for i in p.items})
    summary = ImportSummary(indicators=len(plans))
    existing = {i.number: i for i in instrument.indicators.all()}
    for number, indicator in existing.items():
        if number not in plans:
            Assignment.objects.filter(indicator=indicator).delete()
            summary.items_removed += indicator.items.count()
            indicator.delete()
    open_rounds = list(Round.objects.filter(instrument=instrument))
    for number, plan in plans.items():
        indicator, created = Indicator.objects.update_or_create(
            instrument=instrument,
            number=number,
            defaults={
                "cluster": plan.cluster,
                "cluster_name": plan.cluster_name,
                "name": plan.name,
            },
        )
        if created:
            Assignment.objects.bulk_create(
                Assignment(round=r, indicator=indicator) for r in open_rounds
            )
        codes = [i["code"] for i in plan.items]
        removed, _kinds = indicator.items.exclude(code__in=codes).delete()
        summary.items_removed += removed
        for values in plan.items:
            item, made = Item.objects.get_or_create(
                indicator=indicator, code=values["code"], defaults=values
            )
            if made:
                summary.items_created += 1
                continue
            changed = [k for k, v in values.items() if getattr(item, k) != v]
            if changed:
                for key in changed:
                    setattr(item, key, values[key])
                item.save(update_fields=changed)
                summary.items_changed += 1
    audit_record(
        actor=by,
        action=AuditAction.CHANGE,
        target=instrument,
        fields=["indicators", "items"],
        reason=_("impor berkas instrumen KLA"),
    )
    return summary
