"""The case figures counted ahead: ``FigureCell`` rows per area (every level, RT up to
province) × month × measure × key, so a figure reads a handful of rows however many cases
there are.

Exact by recounting, not by clever deltas: a changed RT × month is counted again with the
same grouped queries the rebuild uses, and the difference to what it held is added to the
RT's row and to each of its ancestors' rows. Changes are marked (``DirtyCell``,
``DirtyCase``) in the changing transaction by ``jaga.figures.signals``; every figure read
first recounts the marked cells of its area, a task and ``jaga refresh-figures`` do it in
the background.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from jaga.access.paths import within
from jaga.cases.models import Case, CaseEvent, CaseService, CaseStatus
from jaga.core.periods import add_months, month_start
from jaga.figures.measures import (
    QUALITY,
    QUALITY_KEYS,
    REFERRAL,
    TOTAL,
    cases_measure,
    victims_measure,
)
from jaga.figures.models import DirtyCase, DirtyCell, FigureCell
from jaga.figures.selectors.counts import CODED, UNKNOWN, Dimension, _key_expression, _with_people
from jaga.referrals.models import Referral, ReferralStatus

# (area code, month, measure, key) -> count
Counts = dict[tuple[str, dt.date, str, str], int]

# The dimensions counted per key (AREA is the children's totals).
KEYED = [*CODED, Dimension.CHANNEL]


def ancestors(code: str) -> list[str]:
    """The area and every area above it: 64.71.01 -> 64, 64.71, 64.71.01."""
    parts = code.split(".")
    return [".".join(parts[: n + 1]) for n in range(len(parts))]


def _month(value: dt.datetime) -> dt.date:
    return timezone.localtime(value).date()


def _cell(prefix: str = "") -> dict:
    return {"rt_code": F(f"{prefix}rt__code"), "month": TruncMonth(f"{prefix}reported_at")}


def _add(
    counts: Counts, rows: Iterable[Mapping[str, Any]], names: dict[str, tuple[str, str | None]]
) -> None:
    """Rows of a grouped query into ``counts``: ``names`` maps each counted column to its
    (measure, key); a key ``None`` means the row's own ``key`` column."""
    for row in rows:
        month = _month(row["month"])
        for column, (measure, key) in names.items():
            if row[column]:
                name = (row["key"] or UNKNOWN) if key is None else key
                counts[(row["rt_code"], month, measure, name)] += row[column]


def leaf_counts(cases: QuerySet[Case]) -> Counts:
    """What the RT × month cells of ``cases`` hold. Nine grouped queries."""
    counts: Counts = defaultdict(int)
    people = _with_people(cases)
    _add(
        counts,
        people.values(**_cell())
        .annotate(
            c=Count("pk", distinct=True),
            v=Count("victim", distinct=True),
            p=Count("perpetrator", distinct=True),
        )
        .values("rt_code", "month", "c", "v", "p")
        .order_by(),
        {"c": (TOTAL, "cases"), "v": (TOTAL, "victims"), "p": (TOTAL, "perpetrators")},
    )
    for dimension in KEYED:
        rows = (
            people.values(**_cell(), key=_key_expression(dimension, ""))
            .annotate(c=Count("pk", distinct=True), v=Count("victim", distinct=True))
            .order_by()
        )
        names: dict[str, tuple[str, str | None]] = {
            "c": (cases_measure(dimension), None),
            "v": (victims_measure(dimension), None),
        }
        _add(counts, rows, names)
    _add(counts, _quality_rows(cases), {name: (QUALITY, name) for name in QUALITY_KEYS})
    referrals = (
        Referral.objects.filter(case__in=cases.values("pk"))
        .values(**_cell("case__"))
        .annotate(whole=Count("pk"), part=Count("pk", filter=Q(status=ReferralStatus.COMPLETED)))
        .order_by()
    )
    _add(counts, referrals, {"whole": (REFERRAL, "whole"), "part": (REFERRAL, "part")})
    return counts


def _quality_rows(cases: QuerySet[Case]):
    def event(**statuses: str) -> Exists:
        return Exists(CaseEvent.objects.filter(case=OuterRef("pk"), **statuses))

    closed = Q(status=CaseStatus.CLOSED)
    return (
        cases.annotate(
            has_service=Exists(CaseService.objects.filter(case=OuterRef("pk"))),
            was_reopened=event(from_status=CaseStatus.CLOSED),
            was_monitored=event(to_status=CaseStatus.MONITORING),
        )
        .values(**_cell())
        .annotate(
            all=Count("pk"),
            closed=Count("pk", filter=closed),
            closed_served=Count("pk", filter=closed & Q(has_service=True)),
            reopened=Count("pk", filter=Q(was_reopened=True)),
            monitored=Count("pk", filter=closed & Q(was_monitored=True)),
        )
        .order_by()
    )


def _rolled_up(leaves: Counts) -> Counts:
    counts: Counts = defaultdict(int)
    for (rt_code, month, measure, key), value in leaves.items():
        for code in ancestors(rt_code):
            counts[(code, month, measure, key)] += value
    return counts


# --- From scratch -----------------------------------------------------------------------


def rebuild() -> int:
    """Every cell counted again from the cases, one month at a time (memory bounded by one
    month's cells). Returns how many cells were written."""
    written = 0
    with transaction.atomic():
        DirtyCell.objects.all().delete()
        DirtyCase.objects.all().delete()
        FigureCell.objects.all().delete()
        first = Case.objects.order_by("reported_at").values_list("reported_at", flat=True)[:1]
        last = Case.objects.order_by("-reported_at").values_list("reported_at", flat=True)[:1]
        if not first:
            return 0
        month, end = month_start(_month(first[0])), month_start(_month(last[0]))
        zone = timezone.get_current_timezone()
        while month <= end:
            start, stop = (
                dt.datetime.combine(m, dt.time(), zone) for m in (month, add_months(month, 1))
            )
            cases = Case.objects.filter(reported_at__gte=start, reported_at__lt=stop)
            cells = _rolled_up(leaf_counts(cases))
            FigureCell.objects.bulk_create(
                (
                    FigureCell(area_code=a, month=m, measure=s, key=k, value=v)
                    for (a, m, s, k), v in cells.items()
                ),
                batch_size=2000,
            )
            written += len(cells)
            month = add_months(month, 1)
    return written


# --- Incrementally --------------------------------------------------------------------------


def _stored(codes: set[str], months: set[dt.date]) -> QuerySet[FigureCell]:
    return FigureCell.objects.filter(area_code__in=codes, month__in=months)


def _apply(deltas: Counts) -> None:
    """Add each delta to its cell: missing cells created at 0, then the touched areas'
    cells of those months locked, read and written back (locked, so concurrent refreshes
    add, never overwrite)."""
    FigureCell.objects.bulk_create(
        [FigureCell(area_code=a, month=m, measure=s, key=k) for a, m, s, k in deltas],
        ignore_conflicts=True,
        batch_size=1000,
    )
    codes, months = {name[0] for name in deltas}, {name[1] for name in deltas}
    changed = []
    for cell in _stored(codes, months).select_for_update().order_by("pk"):
        delta = deltas.get((cell.area_code, cell.month, cell.measure, cell.key))
        if delta:
            cell.value += delta
            changed.append(cell)
    FigureCell.objects.bulk_update(changed, ["value"], batch_size=500)


def recount(cells: set[tuple[str, dt.date]]) -> None:
    """Count the RT × month ``cells`` (RT code, month) again and carry the difference up."""
    ordered = sorted(cells)
    for start in range(0, len(ordered), BATCH):
        _recount(set(ordered[start : start + BATCH]))


BATCH = 200  # RT × month cells recounted together: bounds the memory of a large refresh


def _recount(cells: set[tuple[str, dt.date]]) -> None:
    codes, months = {code for code, _m in cells}, {month for _c, month in cells}
    zone = timezone.get_current_timezone()
    first, last = min(months), add_months(max(months), 1)
    # The RTs' cases of the whole month range, then only the asked cells kept: a filter
    # of plain IN and a range instead of one OR term per cell.
    cases = Case.objects.filter(
        rt__code__in=codes,
        reported_at__gte=dt.datetime.combine(first, dt.time(), zone),
        reported_at__lt=dt.datetime.combine(last, dt.time(), zone),
    )
    fresh = {name: v for name, v in leaf_counts(cases).items() if name[:2] in cells}
    stored = {
        (a, m, s, k): v
        for a, m, s, k, v in _stored(codes, months).values_list(
            "area_code", "month", "measure", "key", "value"
        )
        if (a, m) in cells
    }
    changes: Counts = defaultdict(int)
    for name in set(fresh) | set(stored):
        delta = fresh.get(name, 0) - stored.get(name, 0)
        if delta:
            changes[name] = delta
    deltas = {name: delta for name, delta in _rolled_up(changes).items() if delta}
    if deltas:
        _apply(deltas)


def refresh(area_code: str | None = None) -> int:
    """Recount the marked cells (of the area, or all), each claimed by deleting its mark so
    two refreshes never count one change twice. Returns how many cells were recounted."""
    cases = DirtyCase.objects.all()
    marks = DirtyCell.objects.all()
    if area_code is not None:
        in_area = within(area_code, "rt__code")
        cases = cases.filter(case_id__in=Case.objects.filter(in_area).values("pk"))
        marks = marks.filter(in_area)
    case_ids = list(cases.values_list("case_id", flat=True))
    cells = {(code, month) for code, month in marks.values_list("rt__code", "month")}
    if not case_ids and not cells:
        return 0
    with transaction.atomic():
        DirtyCase.objects.filter(case_id__in=case_ids).delete()
        marks.filter(rt__code__in={code for code, _month in cells}).delete()
        moved = Case.objects.filter(pk__in=case_ids).values_list("rt__code", "reported_at")
        cells |= {(code, month_start(_month(at))) for code, at in moved}
        recount(cells)
        return len(cells)
