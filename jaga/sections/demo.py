"""Demo Seksi PPA data for ``jaga load-demo``: a realistic share of the demo RTs gets a formed
section, members, trainings and monthly answers. Chosen by a hash of the RT code (not at
random) so every load gives the same city; RTs that already have a section are skipped and
answers are unique per RT and month, so loading twice adds nothing twice."""

import datetime as dt
import hashlib

from django.db import transaction

from jaga.access.roles import Role
from jaga.areas.models import Area, AreaKind
from jaga.areas.services import BALIKPAPAN
from jaga.core.demo import register_demo
from jaga.core.periods import last_closed_month, months_ending
from jaga.people.models import Membership
from jaga.sections.models import (
    Member,
    MonthlyReturn,
    Position,
    ReturnKind,
    Section,
    Training,
    phone_index,
)

FIRST = ["Siti", "Nur", "Rahmat", "Agus", "Dewi", "Sri", "Budi", "Yuli", "Hasan", "Rina"]
LAST = ["Aminah", "Hidayat", "Saputra", "Lestari", "Wahyuni", "Santoso", "Rahman", "Kurniawan"]
DEMO_MONTHS = 18


def _score(*parts: object) -> int:
    """A stable number 0–99 for the given parts."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()
    return int(digest[:8], 16) % 100


def _member(section: Section, rt: Area, number: int, position: str) -> Member:
    # 0800… is no Indonesian mobile range in use: demo numbers cannot reach a real person.
    phone = f"+628000{rt.pk:06d}{number}"
    name = f"{FIRST[(rt.pk + number) % len(FIRST)]} {LAST[(rt.pk * 7 + number) % len(LAST)]}"
    return Member(
        section=section,
        name=f"{name} (demo)",
        phone=phone,
        phone_index=phone_index(phone),
        position=position,
        is_demo=True,
    )


def _sections(rts: list[Area]) -> None:
    # ~95% of RTs formed a section by 2021 (DOMAIN.md); a few are recorded but not formed yet.
    sections = []
    for rt in rts:
        score = _score(rt.code)
        if score >= 98:
            continue
        formed = score < 94
        sections.append(
            Section(
                rt=rt,
                is_formed=formed,
                decision_number=f"{rt.number:03d}/SK-RT/{2018 + score % 4}" if formed else "",
                decision_date=dt.date(2018 + score % 4, 1 + score % 12, 1 + score % 28)
                if formed
                else None,
                is_demo=True,
            )
        )
    Section.objects.bulk_create(sections, batch_size=1000)


def _members(rts: list[Area]) -> None:
    by_rt = {rt.pk: rt for rt in rts}
    members = []
    for section in Section.objects.filter(rt__in=rts, is_formed=True, members__isnull=True):
        rt = by_rt[section.rt_id]
        members.append(_member(section, rt, 1, Position.COORDINATOR))
        if _score(rt.code, "second") < 40:
            members.append(_member(section, rt, 2, Position.MEMBER))
    Member.objects.bulk_create(members, batch_size=1000)
    coordinators = Member.objects.filter(
        section__rt__in=rts, position=Position.COORDINATOR, trainings__isnull=True
    ).select_related("section__rt")
    Training.objects.bulk_create(
        [
            Training(
                member=m,
                title="Pelatihan PATBM dasar",
                held_on=dt.date(2022 + m.pk % 3, 1 + m.pk % 12, 10),
                is_demo=True,
            )
            for m in coordinators
            if _score(m.section.rt.code, "trained") < 65
        ],
        batch_size=1000,
    )


def _officers_join() -> None:
    """Each demo RT officer reports from their RT, so that RT's section is formed and lists
    them (a coverage page saying "not formed" beside their reports would contradict the demo)."""
    officers = (
        Membership.objects.active()
        .filter(role=Role.RT_OFFICER, person__is_demo=True, area__kind=AreaKind.RT)
        .exclude(person__ppa_memberships__is_active=True)
        .select_related("area", "person")
    )
    for membership in officers:
        rt = membership.area
        section, _ = Section.objects.get_or_create(rt=rt, defaults={"is_demo": True})
        if not section.is_formed:
            section.is_formed = True
            section.decision_number = f"{rt.number:03d}/SK-RT/2019"
            section.decision_date = dt.date(2019, 3, 1)
            section.save(update_fields=["is_formed", "decision_number", "decision_date"])
        leads = not section.members.filter(position=Position.COORDINATOR, is_active=True).exists()
        member = _member(section, rt, 3, Position.COORDINATOR if leads else Position.MEMBER)
        member.person = membership.person
        member.save()


def _returns(rts: list[Area]) -> None:
    answers = []
    for month in months_ending(last_closed_month(), DEMO_MONTHS):
        for rt in rts:
            score = _score(rt.code, month)
            if score < 72:
                kind = ReturnKind.REPORTED if score < 4 else ReturnKind.NIL
                answers.append(MonthlyReturn(rt=rt, month=month, kind=kind, is_demo=True))
    MonthlyReturn.objects.bulk_create(answers, batch_size=2000, ignore_conflicts=True)


@register_demo
@transaction.atomic
def sections_demo() -> None:
    """Seksi PPA sections, members, trainings and monthly answers for the demo RTs."""
    rts = list(
        Area.objects.filter(
            kind=AreaKind.RT, is_demo=True, code__startswith=BALIKPAPAN + "."
        ).filter(ppa_section__isnull=True)
    )
    _sections(rts)
    _members(rts)
    _officers_join()
    all_demo = list(
        Area.objects.filter(kind=AreaKind.RT, is_demo=True, code__startswith=BALIKPAPAN + ".")
    )
    _returns(all_demo)
