"""Every FP2ATBM figure, in one place, so that the reach page, its exports, the monthly
chapter report, the pulse and later the KLA evaluation call the same arithmetic.

Counting is done by the database, grouped by kelurahan (a fixed handful of queries whether
the area is one kelurahan or the whole province); kecamatan and city rows are sums of their
kelurahan. Functions taking an ``Area`` trust that the caller already passed the policy for
it; none returns personal data.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, fields

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from jaga.access.paths import within
from jaga.areas.models import Area, AreaKind
from jaga.core.periods import month_start, months_ending, next_month, previous_month
from jaga.forum.models import (
    Accompaniment,
    Activist,
    Chapter,
    ChapterReport,
    CoordinationMeeting,
    EducationSession,
)
from jaga.reports.models import Report
from jaga.sections.selectors import rt_ids_confirmed_nil, rt_ids_reported

# The city's norm: at least four active activists in every kelurahan.
ACTIVISTS_NORM = 4
REACH_MONTHS = 12
PULSE_MONTHS = 2
# What the reach table of an area breaks down into (a kelurahan has no rows).
ROW_LEVEL: dict[str, str] = {
    AreaKind.PROVINCE: AreaKind.CITY,
    AreaKind.CITY: AreaKind.KECAMATAN,
    AreaKind.KECAMATAN: AreaKind.KELURAHAN,
}


def _span(first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """[first day of ``first``, first day after ``last``) as dates."""
    return month_start(first), next_month(last)


@dataclass
class Reach:
    """The forum in a set of kelurahan for one month or a run of months (activists: as they
    stand now; ``rts_reached``: the 12 months ending with the last one)."""

    kelurahan: int = 0
    chapters: int = 0
    activists: int = 0
    trained: int = 0
    at_norm: int = 0  # kelurahan with >= ACTIVISTS_NORM active activists
    sessions: int = 0
    children: int = 0
    adults: int = 0
    accompaniments: int = 0
    meetings: int = 0
    rts: int = 0
    rts_reached: int = 0

    def add(self, other: Reach) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    @property
    def pct_trained(self) -> float:
        return _pct(self.trained, self.activists)

    @property
    def pct_rts_reached(self) -> float:
        return _pct(self.rts_reached, self.rts)

    @property
    def people(self) -> int:
        return self.children + self.adults


def _pct(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def kelurahan_within(area: Area) -> QuerySet[Area]:
    return Area.objects.filter(within(area.code), kind=AreaKind.KELURAHAN)


def _grouped(queryset: QuerySet, path: str, **aggregates) -> dict[int, dict]:
    return {row[path]: row for row in queryset.values(path).annotate(**aggregates).order_by(path)}


def reach_per_kelurahan(
    area: Area, month: dt.date, since: dt.date | None = None
) -> dict[int, Reach]:
    """Reach of every kelurahan inside ``area`` for ``month`` (or the months from ``since``
    to ``month``), by kelurahan id: seven grouped queries."""
    kelurahan = list(kelurahan_within(area).values_list("pk", flat=True))
    start, end = _span(since or month, month)
    reach_start, _end = _span(months_ending(month, REACH_MONTHS)[0], month)
    result = {pk: Reach(kelurahan=1) for pk in kelurahan}
    chapter_of = dict(
        Chapter.objects.filter(kelurahan__in=kelurahan).values_list("pk", "kelurahan_id")
    )
    for pk in chapter_of.values():
        result[pk].chapters = 1
    active = Activist.objects.filter(chapter__kelurahan__in=kelurahan, is_active=True)
    for pk, row in _grouped(
        active,
        "chapter__kelurahan",
        n=Count("pk", distinct=True),
        t=Count("pk", distinct=True, filter=Q(trainings__isnull=False)),
    ).items():
        result[pk].activists, result[pk].trained = row["n"], row["t"]
        result[pk].at_norm = int(row["n"] >= ACTIVISTS_NORM)
    sessions = EducationSession.objects.filter(
        chapter__kelurahan__in=kelurahan, held_on__gte=start, held_on__lt=end
    )
    for pk, row in _grouped(
        sessions,
        "chapter__kelurahan",
        n=Count("pk"),
        girls=Sum("girls"),
        boys=Sum("boys"),
        women=Sum("women"),
        men=Sum("men"),
    ).items():
        result[pk].sessions = row["n"]
        result[pk].children = row["girls"] + row["boys"]
        result[pk].adults = row["women"] + row["men"]
    visits = Accompaniment.objects.filter(
        chapter__kelurahan__in=kelurahan, visited_on__gte=start, visited_on__lt=end
    )
    for pk, row in _grouped(visits, "chapter__kelurahan", n=Count("pk")).items():
        result[pk].accompaniments = row["n"]
    meetings = CoordinationMeeting.objects.filter(
        chapter__kelurahan__in=kelurahan, held_on__gte=start, held_on__lt=end
    )
    for pk, row in _grouped(meetings, "chapter__kelurahan", n=Count("pk")).items():
        result[pk].meetings = row["n"]
    rts = Area.objects.filter(parent__in=kelurahan, kind=AreaKind.RT)
    for pk, row in _grouped(rts, "parent", n=Count("pk")).items():
        result[pk].rts = row["n"]
    reached = rts.filter(
        pk__in=EducationSession.rts.through.objects.filter(
            educationsession__held_on__gte=reach_start, educationsession__held_on__lt=end
        ).values("area_id")
    )
    for pk, row in _grouped(reached, "parent", n=Count("pk")).items():
        result[pk].rts_reached = row["n"]
    return result


@dataclass(frozen=True)
class ReachRow:
    area: Area
    reach: Reach


def reach_figures(area: Area, month: dt.date) -> Reach:
    """The forum's reach in ``area`` for ``month`` (sum of its kelurahan)."""
    return reach_summary(area, month)[0]


def reach_summary(
    area: Area, month: dt.date, since: dt.date | None = None
) -> tuple[Reach, list[ReachRow]]:
    """The total and the rows of ``area`` (for ``month``, or the months from ``since`` to
    ``month``) from one pass over its kelurahan: the rows are the per-kelurahan figures
    summed up by code prefix (two more queries, for the rows' areas)."""
    per = reach_per_kelurahan(area, month, since)
    total = Reach()
    for reach in per.values():
        total.add(reach)
    level = ROW_LEVEL.get(area.kind)
    if level is None or not per:
        return total, []
    codes = dict(Area.objects.filter(pk__in=list(per)).values_list("pk", "code"))
    rows = list(Area.objects.filter(within(area.code), kind=level).order_by("code"))
    sums: dict[str, Reach] = defaultdict(Reach)
    width = len(rows[0].code) if rows else 0
    for pk, reach in per.items():
        sums[codes[pk][:width]].add(reach)
    return total, [ReachRow(row, sums[row.code]) for row in rows]


@dataclass(frozen=True)
class TrendPoint:
    month: dt.date
    sessions: int
    children: int
    adults: int

    @property
    def people(self) -> int:
        return self.children + self.adults


def reach_trend(area: Area, last: dt.date, months: int = REACH_MONTHS) -> list[TrendPoint]:
    """Sessions and people reached in ``area`` per month, ``months`` months ending with
    ``last``, in one query."""
    span = months_ending(last, months)
    start, end = _span(span[0], last)
    rows = {
        month_start(row["month"]): row
        for row in EducationSession.objects.filter(
            within(area.code, "chapter__kelurahan__code"), held_on__gte=start, held_on__lt=end
        )
        .annotate(month=TruncMonth("held_on"))
        .values("month")
        .annotate(n=Count("pk"), c=Sum("girls") + Sum("boys"), a=Sum("women") + Sum("men"))
        .order_by("month")
    }
    empty = {"n": 0, "c": 0, "a": 0}
    return [
        TrendPoint(m, rows.get(m, empty)["n"], rows.get(m, empty)["c"], rows.get(m, empty)["a"])
        for m in span
    ]


@dataclass(frozen=True)
class ChapterMonth:
    sessions: int
    children: int
    adults: int
    accompaniments: int
    meetings: int

    @property
    def is_nothing(self) -> bool:
        return not (self.sessions or self.accompaniments or self.meetings)


def chapter_month(chapter: Chapter, month: dt.date) -> ChapterMonth:
    """What the chapter recorded in ``month``: the monthly report's contents (three queries)."""
    start, end = _span(month, month)
    sessions = chapter.sessions.filter(held_on__gte=start, held_on__lt=end).aggregate(
        n=Count("pk"), c=Sum("girls") + Sum("boys"), a=Sum("women") + Sum("men")
    )
    return ChapterMonth(
        sessions=sessions["n"],
        children=sessions["c"] or 0,
        adults=sessions["a"] or 0,
        accompaniments=chapter.accompaniments.filter(
            visited_on__gte=start, visited_on__lt=end
        ).count(),
        meetings=chapter.meetings.filter(held_on__gte=start, held_on__lt=end).count(),
    )


def _active_chapter_ids(month: dt.date) -> set[int]:
    start, end = _span(month, month)
    return (
        set(
            EducationSession.objects.filter(held_on__gte=start, held_on__lt=end).values_list(
                "chapter_id", flat=True
            )
        )
        | set(
            CoordinationMeeting.objects.filter(held_on__gte=start, held_on__lt=end).values_list(
                "chapter_id", flat=True
            )
        )
        | set(
            Accompaniment.objects.filter(visited_on__gte=start, visited_on__lt=end).values_list(
                "chapter_id", flat=True
            )
        )
    )


def chapters_silent(chapters: QuerySet[Chapter], month: dt.date) -> list[Chapter]:
    """The chapters (of a scoped queryset) that neither confirmed a report for ``month`` nor
    recorded anything in it (four queries)."""
    active = _active_chapter_ids(month)
    return [
        chapter
        for chapter in chapters.exclude(reports__month=month_start(month)).order_by(
            "kelurahan__code"
        )
        if chapter.pk not in active
    ]


def reports_of(chapter: Chapter, months: list[dt.date]) -> dict[dt.date, ChapterReport]:
    return {r.month: r for r in chapter.reports.filter(month__in=months)}


# --- The kelurahan pulse -----------------------------------------------------------------


def _silent_kelurahan_in(kelurahan: set[int], month: dt.date) -> set[int]:
    """Of ``kelurahan``, those where in ``month`` no RT reported or confirmed nil, the chapter
    recorded nothing (no chapter counts as nothing) and no report of any channel arrived."""
    start, end = _span(month, month)
    rts_alive = Area.objects.filter(
        Q(pk__in=rt_ids_reported(month)) | Q(pk__in=rt_ids_confirmed_nil(month)),
        parent__in=kelurahan,
    ).values_list("parent_id", flat=True)
    chapters = Chapter.objects.filter(
        kelurahan__in=kelurahan, pk__in=list(_active_chapter_ids(month))
    ).values_list("kelurahan_id", flat=True)
    reports = Report.objects.filter(
        rt__parent__in=kelurahan, received_at__date__gte=start, received_at__date__lt=end
    ).values_list("rt__parent_id", flat=True)
    return kelurahan - set(rts_alive) - set(chapters) - set(reports)


def pulse_silent(area: Area, month: dt.date, months: int = PULSE_MONTHS) -> list[Area]:
    """The kelurahan inside ``area`` silent for ``months`` months running, ending with
    ``month``: RTs' answers silent, chapter idle, no report — where violence is most likely to
    go unseen. A fixed number of queries per month looked at."""
    # A kelurahan without any RT recorded has no zero reports that could fall silent.
    candidates = set(
        kelurahan_within(area)
        .filter(children__kind=AreaKind.RT)
        .values_list("pk", flat=True)
        .distinct()
    )
    current = month_start(month)
    for _step in range(months):
        candidates = _silent_kelurahan_in(candidates, current)
        if not candidates:
            break
        current = previous_month(current)
    return list(Area.objects.filter(pk__in=candidates).select_related("parent").order_by("code"))


# --- Transport costs ---------------------------------------------------------------------


@dataclass(frozen=True)
class TransportRow:
    activist_id: int
    name: str
    chapter: str
    month: dt.date
    visits: int
    total: int


def transport_totals(first: dt.date, last: dt.date) -> list[TransportRow]:
    """Transport costs per activist (account) per month from ``first`` to ``last`` months,
    in one query, for the city administrator's reimbursement."""
    start, end = _span(first, last)
    rows = (
        Accompaniment.objects.filter(visited_on__gte=start, visited_on__lt=end)
        .annotate(month=TruncMonth("visited_on"))
        .values("activist", "activist__full_name", "chapter__kelurahan__name", "month")
        .annotate(visits=Count("pk"), total=Sum("transport_cost"))
        .order_by("-month", "chapter__kelurahan__name", "activist__full_name")
    )
    return [
        TransportRow(
            r["activist"],
            r["activist__full_name"],
            r["chapter__kelurahan__name"] or "",
            month_start(r["month"]),
            r["visits"],
            r["total"],
        )
        for r in rows
    ]
