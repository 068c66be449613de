"""Bulk import of sections, members and trainings from the template Jaga offers (XLSX/CSV).

All or nothing: every row is checked first and one bad row refuses the file with every problem
listed (line, column, reason in Indonesian). Importing the same file again changes nothing:
sections, members (by phone) and trainings (by member, name and date) are matched, not added
twice. Members missing from the file are left as they are: an import adds and corrects, it
never removes.
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
from jaga.people.models import Person
from jaga.people.phone import normalise_phone
from jaga.people.volunteers import Changes, Written, registry_import
from jaga.sections.models import Member, Position, Section, Training, phone_index

REQUIRED_COLUMNS = ["kode_kelurahan", "nomor_rt", "terbentuk"]
COLUMNS = [
    ("kode_kelurahan", "Kode Kemendagri kelurahan, mis. 64.71.01.1001"),
    ("nomor_rt", "Nomor RT, 1 sampai 999"),
    ("terbentuk", "ya / tidak"),
    ("nomor_sk", "Nomor SK pengurus RT (boleh kosong)"),
    ("tanggal_sk", "TTTT-BB-HH; wajib bila terbentuk = ya"),
    ("aktif", "ya / tidak (kosong = ya)"),
    ("nama_anggota", "Kosongkan bila baris hanya tentang seksi"),
    ("nomor_hp", "Nomor HP anggota, mis. 081234567890"),
    ("jabatan", "koordinator / anggota (kosong = anggota)"),
    ("pelatihan", "Nama pelatihan yang diikuti (boleh kosong)"),
    ("tanggal_pelatihan", "TTTT-BB-HH; wajib bila pelatihan diisi"),
]
POSITIONS = {"koordinator": Position.COORDINATOR, "anggota": Position.MEMBER, "": Position.MEMBER}


def import_template() -> bytes:
    return template_xlsx(
        title="Seksi PPA",
        columns=COLUMNS,
        note="Satu baris per anggota (atau per pelatihan seorang anggota).",
        example=[
            "64.71.01.1001",
            "1",
            "ya",
            "01/SK/RT001/2024",
            "2024-02-01",
            "ya",
            "Siti Aminah",
            "081234567890",
            "koordinator",
            "Pelatihan PATBM dasar",
            "2024-03-15",
        ],
    )


@dataclass
class ImportSummary:
    sections_created: int = 0
    sections_changed: int = 0
    members_created: int = 0
    members_changed: int = 0
    trainings_created: int = 0

    @property
    def changed_anything(self) -> bool:
        return any(vars(self).values())


@dataclass
class _SectionPlan:
    rt: Area
    line: int
    values: dict[str, Any]


@dataclass
class _MemberPlan:
    rt: Area
    line: int
    name: str
    phone: str
    position: str
    trainings: set[tuple[str, dt.date]] = field(default_factory=set)


class _Checker(RowChecker):
    """Collects the problems of every row and the plan of what a clean file will write."""

    def __init__(self, rts: QuerySet[Area]):
        super().__init__()
        self.rts = rts
        self.sections: dict[int, _SectionPlan] = {}
        self.members: dict[str, _MemberPlan] = {}  # by phone index

    def check(self, rows: list[Row]) -> None:
        by_code = {
            a.code: a
            for a in self.rts.filter(
                code__in={_rt_code(r) for r in rows if _rt_code(r)}
            ).select_related("parent")
        }
        today = timezone.localdate()
        for row in rows:
            rt = by_code.get(_rt_code(row) or "")
            if rt is None:
                self.fail(
                    row,
                    "nomor_rt",
                    _("RT tidak terdaftar di kelurahan itu atau di luar wilayah Anda."),
                )
                continue
            section = self._section_values(row, today)
            if section is not None:
                self._plan_section(row, rt, section)
            self._plan_member(row, rt, today)

    def _section_values(self, row: Row, today: dt.date) -> dict[str, Any] | None:
        formed = self.yes_no(row, "terbentuk")
        active = self.yes_no(row, "aktif", empty=True)
        ok = formed is not None and active is not None
        date = self.date(row, "tanggal_sk", today)
        if date is False:
            ok = False
        elif formed and date is None:
            self.fail(row, "tanggal_sk", _("Wajib diisi bila seksi sudah terbentuk."))
            ok = False
        if not ok:
            return None
        return {
            "is_formed": formed,
            "decision_number": row.values.get("nomor_sk", "")[:80],
            "decision_date": date,
            "is_active": active,
        }

    def _plan_section(self, row: Row, rt: Area, values: dict[str, Any]) -> None:
        plan = self.sections.get(rt.pk)
        if plan is None:
            self.sections[rt.pk] = _SectionPlan(rt, row.line, values)
        elif plan.values != values:
            self.fail(
                row,
                "terbentuk",
                _("Data seksi RT ini (terbentuk, SK, aktif) berbeda dengan baris %(line)s.")
                % {"line": plan.line},
            )

    def _plan_member(self, row: Row, rt: Area, today: dt.date) -> None:
        name = self.text(row, "nama_anggota")
        title = self.text(row, "pelatihan")
        if not name and not row.values.get("nomor_hp", ""):
            if title:
                self.fail(row, "nama_anggota", _("Pelatihan harus tercatat pada seorang anggota."))
            return
        if not name:
            self.fail(row, "nama_anggota", _("Isi nama anggota."))
        phone = self.checked(row, "nomor_hp", normalise_phone)
        position = POSITIONS.get(row.values.get("jabatan", "").strip().lower())
        if position is None:
            self.fail(row, "jabatan", _("Isi koordinator atau anggota."))
        held_on = self.date(row, "tanggal_pelatihan", today)
        if title and held_on is None:
            self.fail(row, "tanggal_pelatihan", _("Wajib diisi bila pelatihan diisi."))
        elif held_on and not title:
            self.fail(row, "pelatihan", _("Isi nama pelatihan untuk tanggal ini."))
        if not (name and phone and position) or held_on is False:
            return
        plan = self._member_plan(row, rt, name, phone, position)
        if plan is not None and title and isinstance(held_on, dt.date):
            plan.trainings.add((title, held_on))

    def _member_plan(
        self, row: Row, rt: Area, name: str, phone: str, position: str
    ) -> _MemberPlan | None:
        index = phone_index(phone)
        plan = self.members.get(index)
        if plan is None:
            plan = self.members[index] = _MemberPlan(rt, row.line, name, phone, position)
        elif plan.rt.pk != rt.pk:
            self.fail(
                row,
                "nomor_hp",
                _("Nomor HP ini sudah dipakai anggota RT lain di baris %(line)s.")
                % {"line": plan.line},
            )
            return None
        elif (plan.name, plan.position) != (name, position):
            self.fail(
                row,
                "nama_anggota",
                _("Nama atau jabatan anggota dengan nomor HP ini berbeda dengan baris %(line)s.")
                % {"line": plan.line},
            )
            return None
        return plan

    def check_against_database(self) -> None:
        """Phones of the file held by an active member of another RT (outside this file's
        plan) would break the one-phone-one-member rule."""
        if not self.members:
            return
        clashes = Member.objects.filter(
            phone_index__in=list(self.members), is_active=True
        ).values_list("phone_index", "section__rt_id")
        for index, rt_id in clashes:
            plan = self.members[index]
            if plan.rt.pk != rt_id:
                self.problems.append(
                    RowProblem(
                        plan.line,
                        "nomor_hp",
                        _("Nomor HP ini sudah tercatat sebagai anggota aktif Seksi PPA RT lain."),
                    )
                )


def _rt_code(row: Row) -> str | None:
    kelurahan = row.values.get("kode_kelurahan", "").strip()
    number = row.values.get("nomor_rt", "").strip()
    if not kelurahan or not number.isdigit() or not 1 <= int(number) <= 999:
        return None
    return f"{kelurahan}.{int(number):03d}"


@transaction.atomic
def sections_import(
    *, rows: list[Row], rts: QuerySet[Area], imported_by: Person | None
) -> ImportSummary:
    """Check every row, then write sections, members and trainings in bulk.

    ``rts`` are the RTs the importer may change (their policy scope); a row for any other RT is
    a problem. Raises ``ImportRejected`` with every problem and writes nothing when a row is bad.
    One audit event per section whose data changed (fields named, never values).
    """
    checker = _Checker(rts)
    summary = ImportSummary()

    def write(changes: Changes) -> list[Written]:
        sections = _write_sections(checker, summary, changes)
        _write_members(checker, sections, summary, changes)
        return [(s, s.rt_id, s.rt.code) for s in sections.values()]

    registry_import(
        checker=checker,
        rows=rows,
        write=write,
        imported_by=imported_by,
        reason=_("impor berkas Seksi PPA"),
    )
    return summary


def _write_sections(
    checker: _Checker, summary: ImportSummary, changes: Changes
) -> dict[int, Section]:
    rt_ids = set(checker.sections) | {p.rt.pk for p in checker.members.values()}
    existing = {s.rt_id: s for s in Section.objects.filter(rt_id__in=rt_ids).select_related("rt")}
    new, changed = [], []
    for rt_id, plan in checker.sections.items():
        section = existing.get(rt_id)
        if section is None:
            new.append(Section(rt=plan.rt, **plan.values))
            changes[rt_id].update(plan.values)
            continue
        fields = [k for k, v in plan.values.items() if getattr(section, k) != v]
        for name in fields:
            setattr(section, name, plan.values[name])
        if fields:
            changed.append(section)
            changes[rt_id].update(fields)
    Section.objects.bulk_create(new, batch_size=500)
    if changed:
        Section.objects.bulk_update(
            changed, ["is_formed", "decision_number", "decision_date", "is_active"], batch_size=500
        )
    summary.sections_created, summary.sections_changed = len(new), len(changed)
    # bulk_create sets primary keys on PostgreSQL and SQLite ≥ 3.35; read them back anyway so
    # the result does not depend on the backend.
    return {s.rt_id: s for s in Section.objects.filter(rt_id__in=rt_ids).select_related("rt")}


def _write_members(
    checker: _Checker,
    sections: dict[int, Section],
    summary: ImportSummary,
    changes: Changes,
) -> None:
    existing = {
        (m.section_id, m.phone_index): m
        for m in Member.objects.filter(section__in=list(sections.values()))
    }
    new, changed = [], []
    for index, plan in checker.members.items():
        section = sections.get(plan.rt.pk)
        if section is None:  # a member row without any section row cannot happen: see check()
            continue
        member = existing.get((section.pk, index))
        if member is None:
            new.append(
                Member(
                    section=section,
                    name=plan.name,
                    phone=plan.phone,
                    phone_index=index,
                    position=plan.position,
                )
            )
            changes[plan.rt.pk].add("members")
            continue
        if (member.name, member.position, member.is_active) != (plan.name, plan.position, True):
            member.name, member.position, member.is_active = plan.name, plan.position, True
            changed.append(member)
            changes[plan.rt.pk].add("members")
    Member.objects.bulk_create(new, batch_size=500)
    if changed:
        Member.objects.bulk_update(changed, ["name", "position", "is_active"], batch_size=500)
    summary.members_created, summary.members_changed = len(new), len(changed)
    _write_trainings(checker, sections, summary, changes)


def _write_trainings(
    checker: _Checker,
    sections: dict[int, Section],
    summary: ImportSummary,
    changes: Changes,
) -> None:
    wanted = {index: plan for index, plan in checker.members.items() if plan.trainings}
    if not wanted:
        return
    members = {
        m.phone_index: m
        for m in Member.objects.filter(
            section__in=list(sections.values()), phone_index__in=list(wanted)
        ).only("pk", "phone_index", "section_id")
    }
    have = set(
        Training.objects.filter(member__in=list(members.values())).values_list(
            "member_id", "title", "held_on"
        )
    )
    new = []
    for index, plan in wanted.items():
        member = members[index]
        for title, held_on in sorted(plan.trainings):
            if (member.pk, title, held_on) not in have:
                new.append(Training(member=member, title=title, held_on=held_on))
                changes[plan.rt.pk].add("trainings")
    Training.objects.bulk_create(new, batch_size=500)
    summary.trainings_created = len(new)
