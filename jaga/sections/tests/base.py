"""A demo city of realistic size for the Seksi PPA tests, with a pattern simple enough that
every figure can be computed by hand.

Balikpapan's 34 kelurahan (6 kecamatan; Balikpapan Timur has 4) with 50 RTs each: 1,700 RTs.
In every kelurahan:
- RT 1–45 have a formed section (90%), RT 46–48 a section recorded but not formed, RT 49–50
  nothing at all;
- RT 1–30 have a trained coordinator (60%), RT 31–45 an untrained one;
- last month: RT 1–5 reported cases, RT 6–35 confirmed nil, RT 36–50 silent — except Manggar,
  where every RT was silent;
- the month before: RT 1–20 confirmed nil (40%).
"""

import datetime as dt
from unittest import mock

from django.utils import timezone

from jaga.areas.models import Area, AreaKind
from jaga.areas.services import rt_code
from jaga.core.periods import last_closed_month, previous_month
from jaga.sections.models import (
    Member,
    MonthlyReturn,
    Position,
    ReturnKind,
    Section,
    Training,
    phone_index,
)
from jaga.testing import JagaTestCase

RTS_PER_KELURAHAN = 50


def add_rts(kelurahan: list[Area], count: int) -> None:
    """Top every kelurahan up to ``count`` RTs."""
    existing = set(Area.objects.filter(kind=AreaKind.RT).values_list("code", flat=True))
    Area.objects.bulk_create(
        Area(kind=AreaKind.RT, code=rt_code(k, n), name=f"RT {n:03d}", parent=k, number=n)
        for k in kelurahan
        for n in range(1, count + 1)
        if rt_code(k, n) not in existing
    )


def member_phone(rt: Area) -> str:
    return f"+62811{rt.pk:07d}"


def number(rt: Area) -> int:
    return rt.number or 0  # an RT always has its number


def build_registry(month: dt.date, before: dt.date, silent_kelurahan: Area) -> None:
    rts = list(Area.objects.filter(kind=AreaKind.RT, code__startswith="64.71."))
    Section.objects.bulk_create(
        Section(
            rt=rt,
            is_formed=number(rt) <= 45,
            decision_number=f"{number(rt)}/SK" if number(rt) <= 45 else "",
            decision_date=dt.date(2020, 1, 1) if number(rt) <= 45 else None,
        )
        for rt in rts
        if number(rt) <= 48
    )
    sections = {s.rt_id: s for s in Section.objects.filter(is_formed=True)}
    by_pk = {rt.pk: rt for rt in rts}
    Member.objects.bulk_create(
        Member(
            section=section,
            name=f"Koordinator {by_pk[rt_id].code}",
            phone=member_phone(by_pk[rt_id]),
            phone_index=phone_index(member_phone(by_pk[rt_id])),
            position=Position.COORDINATOR,
        )
        for rt_id, section in sections.items()
    )
    Training.objects.bulk_create(
        Training(member=m, title="Pelatihan PATBM dasar", held_on=dt.date(2024, 5, 1))
        for m in Member.objects.select_related("section__rt")
        if number(m.section.rt) <= 30
    )
    answers = []
    for rt in rts:
        if rt.parent_id != silent_kelurahan.pk and number(rt) <= 35:
            kind = ReturnKind.REPORTED if number(rt) <= 5 else ReturnKind.NIL
            answers.append(MonthlyReturn(rt=rt, month=month, kind=kind))
        if number(rt) <= 20:
            answers.append(MonthlyReturn(rt=rt, month=before, kind=ReturnKind.NIL))
    MonthlyReturn.objects.bulk_create(answers)


def mid_month() -> dt.datetime:
    """Noon WITA on the 15th of this month: last month's deadline (the 5th) is over."""
    today = timezone.localdate()
    return timezone.make_aware(dt.datetime(today.year, today.month, 15, 12))


class CityTestCase(JagaTestCase):
    @classmethod
    def setUpClass(cls):
        # "Last month" of the fixture has silent RTs only once its deadline is over: on the
        # 1st to 5th of a month they would still be awaited, so the clock stands mid-month.
        cls.enterClassContext(mock.patch("django.utils.timezone.now", return_value=mid_month()))
        super().setUpClass()

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.month = last_closed_month()
        cls.before = previous_month(cls.month)
        cls.kelurahan = list(
            Area.objects.filter(kind=AreaKind.KELURAHAN, code__startswith="64.71.")
        )
        add_rts(cls.kelurahan, RTS_PER_KELURAHAN)
        build_registry(cls.month, cls.before, cls.manggar)
        cls.timur = cls.manggar.parent  # kecamatan Balikpapan Timur, 4 kelurahan
