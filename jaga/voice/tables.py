"""Survey results as tables that leak nothing: a number is shown only from 10 answers up.

1. Groups (areas, schools, age bands …) with fewer than 10 answers are merged into one row
   "other groups", growing it with the smallest shown groups until it holds at least 10
   answers (with everything under 10, nothing is shown). So no row speaks for fewer than 10
   children — not even by its zeros.
2. Each question is a rows × answers table with totals, suppressed with the shared
   suppression of ``jaga.core.suppression`` at a floor of 10 (cells under 10 show "<10",
   complementary cells "×").
3. All question tables of a page share their row totals (the same children answered every
   question): a total hidden in one table is hidden in all, repeated until nothing changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from jaga.core.suppression import HIDDEN, PublicTable, small_label, suppress_two_way

FLOOR = 10


@dataclass(frozen=True)
class QuestionCounts:
    code: str
    text: str
    options: list[str]  # answer labels, in order
    counts: dict[str, list[int]]  # group key → count per option
    legend: str = ""  # what the column heads (faces) mean


@dataclass
class ResultTable:
    code: str
    text: str
    table: PublicTable
    legend: str = ""


@dataclass
class Results:
    rows: list[str]  # row labels, the merged row last
    sizes: list[str]  # answers per row, as printed (the same in every table)
    keys: list[str] = field(default_factory=list)  # the group of each row but the merged one
    merged_keys: set[str] = field(default_factory=set)
    tables: list[ResultTable] = field(default_factory=list)
    total: int = 0
    merged: int = 0  # how many groups went into the merged row

    @property
    def enough(self) -> bool:
        return bool(self.rows)

    def size_of(self, key: str) -> str:
        """A group's number of answers as published: its row total; for a group inside the
        merged row (published only as a whole) "digabung", or "<10" when nothing at all is
        shown; "0" for a group nobody answered in."""
        if key in self.keys:
            return self.sizes[self.keys.index(key)]
        if key not in self.merged_keys:
            return "0"
        return _("digabung") if self.rows else f"<{FLOOR}"


def merge_small(sizes: dict[str, int], floor: int = FLOOR) -> tuple[list[str], set[str]]:
    """(groups shown on their own, groups merged). Empty groups are left out."""
    present = {key: n for key, n in sizes.items() if n > 0}
    merged = {key for key, n in present.items() if n < floor}
    shown = sorted(set(present) - merged, key=lambda key: present[key])
    while merged and sum(present[k] for k in merged) < floor and shown:
        merged.add(shown.pop(0))
    if merged and sum(present[k] for k in merged) < floor:
        merged |= set(shown)
        shown = []
    return [key for key in present if key not in merged], merged


def build(
    groups: list[tuple[str, str]],
    sizes: dict[str, int],
    questions: list[QuestionCounts],
    floor: int = FLOOR,
) -> Results:
    """Suppressed tables for ``groups`` ((key, label), in display order)."""
    shown, merged = merge_small(sizes, floor)
    total = sum(sizes.values())
    if total < floor:
        return Results(rows=[], sizes=[], total=total, merged_keys={k for k in sizes if sizes[k]})
    labels = dict(groups)
    keys = [key for key, _label in groups if key in shown]
    rows = [labels[key] for key in keys]
    if merged:
        rows.append(_("Kelompok lain (digabung)"))

    def row_counts(question: QuestionCounts) -> list[list[int]]:
        width = len(question.options)
        lines = [question.counts.get(key, [0] * width) for key in keys]
        if merged:
            lines.append(
                [sum(question.counts.get(k, [0] * width)[o] for k in merged) for o in range(width)]
            )
        return lines

    hidden_rows: set[int] = set()
    hide_total = False
    while True:
        tables = [
            ResultTable(
                q.code,
                q.text,
                legend=q.legend,
                table=suppress_two_way(
                    rows,
                    q.options,
                    row_counts(q),
                    hide_total=hide_total,
                    hidden_row_totals=hidden_rows,
                    floor=floor,
                ),
            )
            for q in questions
        ]
        hidden = (HIDDEN, small_label(floor))
        now_hidden = {
            r for t in tables for r, shown in enumerate(t.table.row_totals or []) if shown in hidden
        }
        now_total = any(t.table.total in hidden for t in tables)
        if now_hidden <= hidden_rows and now_total <= hide_total:
            break
        hidden_rows |= now_hidden
        hide_total = hide_total or now_total
    sizes_shown = tables[0].table.row_totals or [] if tables else []
    return Results(
        rows=rows,
        sizes=list(sizes_shown),
        tables=tables,
        total=total,
        merged=len(merged),
        keys=keys,
        merged_keys=merged,
    )


def safe_share(safe: int, answered: int, floor: int = FLOOR) -> int | None:
    """The percentage of headline answers that say "safe", or None under the floor."""
    if answered < floor or not answered:
        return None
    return round(100 * safe / answered)
