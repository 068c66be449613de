"""Small-count suppression for published figures.

A count from 1 to ``floor - 1`` is shown as "<floor" (primary suppression): case figures use
a floor of 5 ("<5"), the children's survey a floor of 10 ("<10"). A published table also
shows totals, and a total minus the cells that are shown gives back a hidden cell; so further
cells or totals are hidden (complementary suppression, shown as "×") until no hidden value
can be recomputed:

- exactly, from any combination of the table's sums (a rank test over the equations), and
- by bounds: the reader knows a "<floor" cell lies in 1..floor-1 and a "×" cell is 0 or at
  least the floor, so a sum with little room can pin a value down (interval propagation over
  each sum).

A table is a list of ``items`` (cells and totals, each a count) and ``sums``: each sum says
that some items add up to another item. Tables here are small (a few dozen items), so the
exact arithmetic below is cheap.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

FLOOR = 5  # the smallest count case figures show
SMALL = "<5"
HIDDEN = "×"
UNBOUNDED = 10**9
MAX_ROUNDS = 100  # bounds only shrink; small tables settle in a few rounds


@dataclass(frozen=True)
class Sum:
    """``parts`` (item indexes) add up to item ``total``."""

    parts: tuple[int, ...]
    total: int


def small_label(floor: int = FLOOR) -> str:
    return f"<{floor}"


def is_small(count: int, floor: int = FLOOR) -> bool:
    return 1 <= count < floor


def suppress(
    items: list[int], sums: list[Sum], hidden: set[int] | None = None, *, floor: int = FLOOR
) -> list[str]:
    """What to print for each item: the count, "<floor" or "×". ``hidden`` forces items to
    be hidden (a value already hidden in a linked table)."""
    primary = {i for i, value in enumerate(items) if is_small(value, floor)}
    suppressed = primary | set(hidden or ())
    while (leak := _first_leak(items, sums, primary, suppressed, floor)) is not None:
        suppressed.add(_complement_for(leak, items, sums, suppressed))
    small = small_label(floor)
    return [
        small if i in primary else HIDDEN if i in suppressed else str(value)
        for i, value in enumerate(items)
    ]


def _first_leak(
    items: list[int], sums: list[Sum], primary: set[int], suppressed: set[int], floor: int
) -> int | None:
    """A hidden item a reader could recompute, or None."""
    for index in sorted(suppressed):
        if _solvable(index, items, sums, suppressed):
            return index
    return _bounded_leak(items, sums, primary, suppressed, floor)


def _equations(sums: list[Sum], suppressed: set[int]) -> list[dict[int, Fraction]]:
    """Each sum as coefficients over the hidden items only (the shown ones are constants)."""
    rows = []
    for relation in sums:
        row: dict[int, Fraction] = {}
        for part in relation.parts:
            if part in suppressed:
                row[part] = row.get(part, Fraction(0)) + 1
        if relation.total in suppressed:
            row[relation.total] = row.get(relation.total, Fraction(0)) - 1
        if row:
            rows.append(row)
    return rows


def _rank(rows: list[dict[int, Fraction]]) -> int:
    """Rank of a sparse matrix by Gaussian elimination over exact fractions."""
    rows = [dict(r) for r in rows]
    rank = 0
    while rows:
        pivot_row = rows.pop()
        pivot_row = {k: v for k, v in pivot_row.items() if v != 0}
        if not pivot_row:
            continue
        rank += 1
        column, value = next(iter(pivot_row.items()))
        for row in rows:
            factor = row.get(column, Fraction(0)) / value
            if factor:
                for key, coefficient in pivot_row.items():
                    row[key] = row.get(key, Fraction(0)) - factor * coefficient
    return rank


def _solvable(index: int, items: list[int], sums: list[Sum], suppressed: set[int]) -> bool:
    """Whether the sums fix hidden item ``index`` exactly: its unit vector lies in the span
    of the equations."""
    rows = _equations(sums, suppressed)
    return _rank([*rows, {index: Fraction(1)}]) == _rank(rows)


def _bounds(
    index: int, items: list[int], primary: set[int], suppressed: set[int], floor: int
) -> list[int]:
    if index in primary:
        return [1, floor - 1]
    if index in suppressed:
        return [0, UNBOUNDED]
    return [items[index], items[index]]


def _tighten_hidden(low: int, high: int, floor: int) -> tuple[int, int]:
    """A "×" item is 0 or at least the floor: cut the bounds to that set."""
    if low >= 1:
        low = max(low, floor)
    if high < floor:
        high = 0
    return low, high


def _bounded_leak(
    items: list[int], sums: list[Sum], primary: set[int], suppressed: set[int], floor: int
) -> int | None:
    """Propagate bounds through the sums; a hidden item whose range shrinks to one value
    leaks."""
    bounds = {i: _bounds(i, items, primary, suppressed, floor) for i in range(len(items))}
    changed, rounds = True, 0
    while changed and rounds < MAX_ROUNDS:
        changed, rounds = False, rounds + 1
        for relation in sums:
            changed |= _propagate(relation, bounds, primary, suppressed, floor)
    for index in sorted(suppressed):
        low, high = bounds[index]
        if low >= high:
            return index
    return None


def _propagate(
    relation: Sum,
    bounds: dict[int, list[int]],
    primary: set[int],
    suppressed: set[int],
    floor: int,
) -> bool:
    changed = False
    parts_low = sum(bounds[p][0] for p in relation.parts)
    parts_high = sum(bounds[p][1] for p in relation.parts)
    total_low, total_high = bounds[relation.total]
    targets = [(relation.total, parts_low, parts_high)]
    for part in relation.parts:
        others_low = parts_low - bounds[part][0]
        others_high = parts_high - bounds[part][1]
        targets.append((part, total_low - others_high, total_high - others_low))
    for index, low, high in targets:
        old_low, old_high = bounds[index]
        low, high = max(old_low, low), min(old_high, high)
        if index in suppressed and index not in primary:
            low, high = _tighten_hidden(low, high, floor)
        if (low, high) != (old_low, old_high) and low <= high:
            bounds[index] = [low, high]
            changed = True
    return changed


def _complement_for(leak: int, items: list[int], sums: list[Sum], suppressed: set[int]) -> int:
    """The item to hide next: in a sum that holds the leaking item, the smallest shown
    non-zero part (hiding a zero tells little), else that sum's total, else any shown item."""
    holding = [s for s in sums if leak == s.total or leak in s.parts]
    holding.sort(key=lambda s: sum(1 for i in (*s.parts, s.total) if i in suppressed))
    for relation in holding:
        shown = [p for p in relation.parts if p not in suppressed and items[p] > 0]
        if shown:
            return min(shown, key=lambda p: (items[p], p))
        if relation.total not in suppressed:
            return relation.total
    rest = [i for i in range(len(items)) if i not in suppressed]
    if not rest:
        raise ValueError("nothing left to hide")
    return min(rest, key=lambda i: (items[i] == 0, items[i], i))


# --- Table shapes -----------------------------------------------------------------------


@dataclass(frozen=True)
class PublicTable:
    """A table as published: row labels, column labels, printed cells, and printed row
    totals, column totals and grand total (any may be absent)."""

    rows: list[str]
    columns: list[str]
    cells: list[list[str]]
    row_totals: list[str] | None
    column_totals: list[str] | None
    total: str | None

    @property
    def lines(self) -> list[tuple[str, list[str], str | None]]:
        """(row label, printed cells, printed row total) for templates."""
        totals: list[str | None] = (
            [*self.row_totals] if self.row_totals else [None] * len(self.rows)
        )
        return list(zip(self.rows, self.cells, totals, strict=True))


def suppress_two_way(
    rows: list[str],
    columns: list[str],
    counts: list[list[int]],
    *,
    hide_total: bool = False,
    hidden_row_totals: set[int] | None = None,
    hidden_column_totals: set[int] | None = None,
    floor: int = FLOOR,
) -> PublicTable:
    """A rows × columns table of additive counts with every row total, column total and the
    grand total, suppressed together. Totals already hidden in a linked table (several
    tables sharing their margins) are forced hidden here too."""
    n_rows, n_cols = len(rows), len(columns)
    items = [value for line in counts for value in line]
    row_total_at = len(items)
    items += [sum(line) for line in counts]
    column_total_at = len(items)
    items += [sum(counts[r][c] for r in range(n_rows)) for c in range(n_cols)]
    grand_at = len(items)
    items.append(sum(items[row_total_at:column_total_at]))
    sums = [
        Sum(tuple(r * n_cols + c for c in range(n_cols)), row_total_at + r) for r in range(n_rows)
    ]
    sums += [
        Sum(tuple(r * n_cols + c for r in range(n_rows)), column_total_at + c)
        for c in range(n_cols)
    ]
    sums.append(Sum(tuple(range(row_total_at, column_total_at)), grand_at))
    sums.append(Sum(tuple(range(column_total_at, grand_at)), grand_at))
    forced = {grand_at} if hide_total else set()
    forced |= {row_total_at + r for r in hidden_row_totals or ()}
    forced |= {column_total_at + c for c in hidden_column_totals or ()}
    shown = suppress(items, sums, forced, floor=floor)
    return PublicTable(
        rows=rows,
        columns=columns,
        cells=[shown[r * n_cols : (r + 1) * n_cols] for r in range(n_rows)],
        row_totals=shown[row_total_at:column_total_at],
        column_totals=shown[column_total_at:grand_at],
        total=shown[grand_at],
    )


def suppress_one_way(
    labels: list[str], counts: list[int], *, with_total: bool = True, floor: int = FLOOR
) -> PublicTable:
    """One column of counts: with a total (additive counts) or without one (counts that
    overlap, like forms of violence, where only the small counts are hidden)."""
    items = list(counts)
    sums = []
    if with_total:
        items.append(sum(counts))
        sums.append(Sum(tuple(range(len(counts))), len(counts)))
    shown = suppress(items, sums, floor=floor)
    return PublicTable(
        rows=labels,
        columns=[],
        cells=[[value] for value in shown[: len(counts)]],
        row_totals=None,
        column_totals=None,
        total=shown[len(counts)] if with_total else None,
    )
