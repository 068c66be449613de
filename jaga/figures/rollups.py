"""The case figures counted ahead: ``FigureCell`` rows per area (every level, RT up to the
national area) × month × measure × key, so a figure reads a handful of rows however many
cases there are (what a cell holds: ``jaga.figures.leaves``).

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

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from jaga.access.paths import NATIONAL_CODE, within
from jaga.cases.models import Case
from jaga.core.periods import add_months, month_start
from jaga.figures.leaves import Counts, Scope, leaf_counts, month_of
from jaga.figures.models import DirtyCase, DirtyCell, FigureCell
from jaga.reports.models import Report


def ancestors(code: str) -> list[str]:
    """The area and every area above it: 64.71.01 -> ID (national), 64, 64.71, 64.71.01."""
    parts = code.split(".")
    return [NATIONAL_CODE] + [".".join(parts[: n + 1]) for n in range(len(parts))]


def _rolled_up(leaves: Counts) -> Counts:
    counts: Counts = defaultdict(int)
    for (rt_code, month, measure, key), value in leaves.items():
        for code in ancestors(rt_code):
            counts[(code, month, measure, key)] += value
    return counts


# --- From scratch -----------------------------------------------------------------------


def _months() -> tuple[dt.date, dt.date] | None:
    """The first and last month with a case or a report, if any."""
    moments = [
        moment
        for model, field in ((Case, "reported_at"), (Report, "received_at"))
        for order in (field, f"-{field}")
        for moment in model.objects.order_by(order).values_list(field, flat=True)[:1]
    ]
    if not moments:
        return None
    return month_start(month_of(min(moments))), month_start(month_of(max(moments)))


def _midnight(month: dt.date) -> dt.datetime:
    return dt.datetime.combine(month, dt.time(), timezone.get_current_timezone())


def rebuild() -> int:
    """Every cell counted again from the cases and reports, one month at a time (memory
    bounded by one month's cells). Returns how many cells were written."""
    written = 0
    with transaction.atomic():
        DirtyCell.objects.all().delete()
        DirtyCase.objects.all().delete()
        FigureCell.objects.all().delete()
        months = _months()
        if months is None:
            return 0
        month, end = months
        while month <= end:
            cells = _rolled_up(
                leaf_counts(Scope(_midnight(month), _midnight(add_months(month, 1))))
            )
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
    # The RTs' cases and reports of the whole month range, then only the asked cells kept:
    # a filter of plain IN and a range instead of one OR term per cell.
    scope = Scope(_midnight(min(months)), _midnight(add_months(max(months), 1)), frozenset(codes))
    fresh = {name: v for name, v in leaf_counts(scope).items() if name[:2] in cells}
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
        cells |= {(code, month_start(month_of(at))) for code, at in moved}
        recount(cells)
        return len(cells)
