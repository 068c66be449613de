"""Bulk import of chapters, activists and their trainings from the template Jaga offers
(XLSX/CSV), with the importer shared with the Seksi PPA registry (``jaga.core.importer``).

All or nothing: every row is checked first and one bad row refuses the file with every problem
listed. Importing the same file again changes nothing: chapters (by kelurahan), activists (by
phone) and trainings (by activist, name and date) are matched, not added twice. Activists
missing from the file are left as they are: an import adds and corrects, it never removes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.areas.models import Area
from jaga.core.importer import RowChecker
from jaga.core.importer import import_template as template_xlsx
from jaga.core.tabular import Row, RowProblem
from jaga.forum.models import Activist, ActivistTraining, Chapter, Position, phone_index
from jaga.forum.services.chapters import chapter_organisation
from jaga.people.models import Person
from jaga.people.phone import normalise_phone
from jaga.people.volunteers import Changes, Written, registry_import

REQUIRED_COLUMNS = ["kode_kelurahan", "tanggal_dibentuk"]
COLUMNS = [
    ("kode_kelurahan", "Kode Kemendagri kelurahan, mis. 64.71.01.1001"),
    ("tanggal_dibentuk", "TTTT-BB-HH: tanggal FP2ATBM kelurahan dibentuk"),
    ("nomor_sk", "Nomor SK pembentukan (boleh kosong)"),
    ("tanggal_sk", "TTTT-BB-HH (boleh kosong)"),
    ("nama_aktivis", "Kosongkan bila baris hanya tentang FP2ATBM kelurahan"),
    ("nomor_hp", "Nomor HP aktivis, mis. 081234567890"),
    ("jabatan", "ketua / sekretaris / bendahara / anggota (kosong = anggota)"),
    ("aktif", "ya / tidak (kosong = ya)"),
    ("pelatihan", "Nama pelatihan yang diikuti (boleh kosong)"),
    ("tanggal_pelatihan", "TTTT-BB-HH; wajib bila pelatihan diisi"),
]
POSITIONS = {
    "ketua": Position.CHAIR,
    "sekretaris": Position.SECRETARY,
    "bendahara": Position.TREASURER,
    "anggota": Position.MEMBER,
    "": Position.MEMBER,
}


def import_template() -> bytes:
    return template_xlsx(
        title="FP2ATBM",
        columns=COLUMNS,
        note="Satu baris per aktivis (atau per pelatihan seorang aktivis).",
        example=[
            "64.71.01.1001",
            "2019-03-01",
            "188.45-217/2019",
            "2019-03-01",
            "Rina Lestari",
            "081234567890",
            "ketua",
            "ya",
            "Pelatihan aktivis PATBM",
            "2025-07-15",
        ],
    )


@dataclass
class ImportSummary:
    chapters_created: int = 0
    chapters_changed: int = 0
    activists_created: int = 0
    activists_changed: int = 0
    trainings_created: int = 0


@dataclass
class _ActivistPlan:
    kelurahan: Area
    line: int
    name: str
    phone: str
    position: str
    active: bool
    trainings: set[tuple[str, dt.date]] = field(default_factory=set)


class _Checker(RowChecker):
    def __init__(self, kelurahan: QuerySet[Area]):
        super().__init__()
        self.kelurahan = kelurahan
        self.chapters: dict[int, tuple[Area, int, dict[str, Any]]] = {}
        self.activists: dict[str, _ActivistPlan] = {}  # by phone index

    def check(self, rows: list[Row]) -> None:
        codes = {r.values.get("kode_kelurahan", "").strip() for r in rows}
        by_code = {a.code: a for a in self.kelurahan.filter(code__in=codes)}
        today = timezone.localdate()
        for row in rows:
            area = by_code.get(row.values.get("kode_kelurahan", "").strip())
            if area is None:
                self.fail(
                    row,
                    "kode_kelurahan",
                    _("Kelurahan tidak terdaftar atau di luar wilayah Anda."),
                )
                continue
            self._chapter(row, area, today)
            self._activist(row, area, today)

    def _chapter(self, row: Row, area: Area, today: dt.date) -> None:
        formed = self.date(row, "tanggal_dibentuk", today)
        decided = self.date(row, "tanggal_sk", today)
        if formed is None:
            self.fail(row, "tanggal_dibentuk", _("Isi tanggal FP2ATBM kelurahan dibentuk."))
        if not isinstance(formed, dt.date) or decided is False:
            return
        values = {
            "formed_on": formed,
            "decision_number": self.text(row, "nomor_sk", 80),
            "decision_date": decided,
        }
        known = self.chapters.get(area.pk)
        if known is None:
            self.chapters[area.pk] = (area, row.line, values)
        elif known[2] != values:
            self.fail(
                row,
                "tanggal_dibentuk",
                _("Data FP2ATBM kelurahan ini (dibentuk, SK) berbeda dengan baris %(line)s.")
                % {"line": known[1]},
            )

    def _activist(self, row: Row, area: Area, today: dt.date) -> None:
        name = self.text(row, "nama_aktivis")
        title = self.text(row, "pelatihan")
        if not name and not row.values.get("nomor_hp", "").strip():
            if title:
                self.fail(row, "nama_aktivis", _("Pelatihan harus tercatat pada seorang aktivis."))
            return
        if not name:
            self.fail(row, "nama_aktivis", _("Isi nama aktivis."))
        phone = self.checked(row, "nomor_hp", normalise_phone)
        position = POSITIONS.get(row.values.get("jabatan", "").strip().lower())
        if position is None:
            self.fail(row, "jabatan", _("Isi ketua, sekretaris, bendahara atau anggota."))
        active = self.yes_no(row, "aktif", empty=True)
        held_on = self.date(row, "tanggal_pelatihan", today)
        if title and held_on is None:
            self.fail(row, "tanggal_pelatihan", _("Wajib diisi bila pelatihan diisi."))
        elif held_on and not title:
            self.fail(row, "pelatihan", _("Isi nama pelatihan untuk tanggal ini."))
        if not (name and phone and position) or active is None or held_on is False:
            return
        index = phone_index(phone)
        plan = self.activists.get(index)
        if plan is None:
            plan = self.activists[index] = _ActivistPlan(
                area, row.line, name, phone, position, active
            )
        elif (plan.kelurahan.pk, plan.name, plan.position, plan.active) != (
            area.pk,
            name,
            position,
            active,
        ):
            self.fail(
                row,
                "nomor_hp",
                _("Nomor HP ini dipakai aktivis dengan data lain di baris %(line)s.")
                % {"line": plan.line},
            )
            return
        if title and isinstance(held_on, dt.date):
            plan.trainings.add((title, held_on))

    def check_against_database(self) -> None:
        """A phone of the file held by an active activist of another kelurahan would break
        the one-phone-one-activist rule."""
        clashes = Activist.objects.filter(
            phone_index__in=list(self.activists), is_active=True
        ).values_list("phone_index", "chapter__kelurahan_id")
        for index, kelurahan_id in clashes:
            plan = self.activists[index]
            if plan.kelurahan.pk != kelurahan_id:
                self.problems.append(
                    RowProblem(
                        plan.line,
                        "nomor_hp",
                        _("Nomor HP ini sudah tercatat untuk aktivis FP2ATBM lain yang aktif."),
                    )
                )
        missing = {p.kelurahan.pk for p in self.activists.values()} - set(self.chapters)
        if missing:
            known = set(
                Chapter.objects.filter(kelurahan__in=missing).values_list("kelurahan", flat=True)
            )
            for plan in self.activists.values():
                if plan.kelurahan.pk in missing - known:
                    self.problems.append(
                        RowProblem(
                            plan.line,
                            "tanggal_dibentuk",
                            _("FP2ATBM kelurahan ini belum tercatat: isi tanggal dibentuk."),
                        )
                    )


@transaction.atomic
def forum_import(
    *, rows: list[Row], kelurahan: QuerySet[Area], imported_by: Person | None
) -> ImportSummary:
    """Check every row, then write chapters, activists and trainings.

    ``kelurahan`` are those the importer may change (their policy scope). Raises
    ``ImportRejected`` with every problem and writes nothing when a row is bad. One audit
    event per chapter whose data changed (fields named, never values)."""
    checker = _Checker(kelurahan)
    summary = ImportSummary()

    def write(changes: Changes) -> list[Written]:
        chapters = _write_chapters(checker, summary, changes)
        _write_activists(checker, chapters, summary, changes)
        return [(c, c.kelurahan_id, c.kelurahan.code) for c in chapters.values()]

    registry_import(
        checker=checker,
        rows=rows,
        write=write,
        imported_by=imported_by,
        reason=_("impor berkas FP2ATBM"),
    )
    return summary


def _write_chapters(
    checker: _Checker, summary: ImportSummary, changes: Changes
) -> dict[int, Chapter]:
    ids = set(checker.chapters) | {p.kelurahan.pk for p in checker.activists.values()}
    existing = {c.kelurahan_id: c for c in Chapter.objects.filter(kelurahan__in=ids)}
    for kelurahan_id, (area, _line, values) in checker.chapters.items():
        chapter = existing.get(kelurahan_id)
        if chapter is None:
            Chapter.objects.create(
                kelurahan=area, organisation=chapter_organisation(area), **values
            )
            summary.chapters_created += 1
            changes[kelurahan_id].update(values)
            continue
        fields = [k for k, v in values.items() if getattr(chapter, k) != v]
        for name in fields:
            setattr(chapter, name, values[name])
        if fields:
            chapter.save(update_fields=fields)
            summary.chapters_changed += 1
            changes[kelurahan_id].update(fields)
    return {
        c.kelurahan_id: c
        for c in Chapter.objects.filter(kelurahan__in=ids).select_related("kelurahan")
    }


def _write_activists(
    checker: _Checker,
    chapters: dict[int, Chapter],
    summary: ImportSummary,
    changes: Changes,
) -> None:
    existing = {
        a.phone_index: a for a in Activist.objects.filter(chapter__in=list(chapters.values()))
    }
    new, changed = [], []
    for index, plan in checker.activists.items():
        chapter = chapters[plan.kelurahan.pk]
        activist = existing.get(index)
        if activist is None or activist.chapter_id != chapter.pk:
            new.append(
                Activist(
                    chapter=chapter,
                    name=plan.name,
                    phone=plan.phone,
                    phone_index=index,
                    position=plan.position,
                    is_active=plan.active,
                )
            )
            changes[plan.kelurahan.pk].add("activists")
            continue
        wanted = (plan.name, plan.position, plan.active)
        if (activist.name, activist.position, activist.is_active) != wanted:
            activist.name, activist.position, activist.is_active = wanted
            changed.append(activist)
            changes[plan.kelurahan.pk].add("activists")
    Activist.objects.bulk_create(new, batch_size=500)
    if changed:
        Activist.objects.bulk_update(changed, ["name", "position", "is_active"], batch_size=500)
    summary.activists_created, summary.activists_changed = len(new), len(changed)
    by_index = {
        a.phone_index: a
        for a in Activist.objects.filter(
            chapter__in=list(chapters.values()), phone_index__in=list(checker.activists)
        )
    }
    have = set(
        ActivistTraining.objects.filter(activist__in=list(by_index.values())).values_list(
            "activist_id", "title", "held_on"
        )
    )
    trainings = []
    for index, plan in checker.activists.items():
        for title, held_on in sorted(plan.trainings):
            if (by_index[index].pk, title, held_on) not in have:
                trainings.append(
                    ActivistTraining(activist=by_index[index], title=title, held_on=held_on)
                )
                changes[plan.kelurahan.pk].add("trainings")
    ActivistTraining.objects.bulk_create(trainings, batch_size=500)
    summary.trainings_created = len(trainings)
