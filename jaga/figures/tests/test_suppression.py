"""Suppression leaks nothing: an attacker who knows how the page is made ("<5" is 1–4, "×"
is 0 or at least 5) enumerates every table consistent with what is shown; each hidden value
must keep at least two possibilities."""

import itertools
import random

from django.test import SimpleTestCase

from jaga.figures.suppression import HIDDEN, SMALL, suppress_one_way, suppress_two_way


def domain(shown: str, cap: int) -> range | list[int]:
    if shown == SMALL:
        return range(1, 5)
    if shown == HIDDEN:
        return [0, *range(5, cap + 1)]
    return [int(shown)]


def fits(shown: str, value: int) -> bool:
    return value in domain(shown, max(value, 5))


def possible_tables(table, cap: int) -> list[list[list[int]]]:
    """Every table of counts that prints as ``table``."""

    def limit(shown: str) -> int:
        return int(shown) if shown.isdigit() else 4 if shown == SMALL else cap

    row_options = []
    for r, line in enumerate(table.cells):
        caps = [
            min(limit(table.row_totals[r]), limit(table.column_totals[c])) for c in range(len(line))
        ]
        options = [
            list(values)
            for values in itertools.product(*(domain(cell, caps[c]) for c, cell in enumerate(line)))
            if fits(table.row_totals[r], sum(values))
        ]
        row_options.append(options)
    found = []
    for rows in itertools.product(*row_options):
        columns = [sum(col) for col in zip(*rows, strict=True)]
        shown_ok = zip(table.column_totals, columns, strict=True)
        if all(fits(shown, value) for shown, value in shown_ok) and fits(table.total, sum(columns)):
            found.append([list(r) for r in rows])
    return found


def assert_no_leak(test, counts, table, cap: int):
    tables = possible_tables(table, cap)
    test.assertIn(counts, tables)  # the truth is one of them
    for r, line in enumerate(table.cells):
        for c, shown in enumerate(line):
            if shown in (SMALL, HIDDEN):
                values = {t[r][c] for t in tables}
                test.assertGreater(len(values), 1, f"cell {r},{c} of {counts} leaks: {shown}")
    for r, shown in enumerate(table.row_totals):
        if shown in (SMALL, HIDDEN):
            test.assertGreater(len({sum(t[r]) for t in tables}), 1, f"row total {r} leaks")


class OneWayTest(SimpleTestCase):
    def test_small_counts_show_as_under_five_and_zero_stays(self):
        table = suppress_one_way(["a", "b", "c"], [0, 12, 30])
        self.assertEqual([row[0] for row in table.cells], ["0", "12", "30"])
        self.assertEqual(table.total, "42")

    def test_one_small_cell_and_its_total_hide_a_second_cell(self):
        table = suppress_one_way(["a", "b", "c"], [3, 10, 12])
        self.assertEqual([row[0] for row in table.cells], [SMALL, HIDDEN, "12"])
        self.assertEqual(table.total, "25")

    def test_a_complement_that_bounds_would_give_away_hides_the_total(self):
        # 1 + 5 = 6: "<5" and "×" (0 or ≥5) with total 6 can only be 1 and 5.
        table = suppress_one_way(["a", "b"], [1, 5])
        self.assertEqual([row[0] for row in table.cells], [SMALL, HIDDEN])
        self.assertEqual(table.total, HIDDEN)

    def test_overlapping_counts_have_no_total(self):
        table = suppress_one_way(["a", "b"], [3, 9], with_total=False)
        self.assertEqual(([row[0] for row in table.cells], table.total), ([SMALL, "9"], None))


class TwoWayTest(SimpleTestCase):
    def check(self, counts, cap=30):
        table = suppress_two_way(
            [str(i) for i in range(len(counts))], ["x"] * len(counts[0]), counts
        )
        assert_no_leak(self, counts, table, cap)
        return table

    def test_one_cell_of_three_in_a_row_whose_total_is_shown(self):
        table = self.check([[3, 7], [6, 8], [9, 10]], cap=20)
        self.assertEqual(table.cells[0][0], SMALL)
        self.assertEqual(sum(cell == HIDDEN for cell in table.cells[0]), 1)

    def test_a_small_row_total(self):
        table = self.check([[2, 0], [5, 9]])
        self.assertEqual(table.row_totals[0], SMALL)

    def test_a_single_small_cell_in_a_row_of_zeros(self):
        self.check([[4, 0, 0], [10, 12, 15]])

    def test_small_cells_in_one_column(self):
        self.check([[1, 5, 7], [2, 6, 5], [6, 5, 8]], cap=20)

    def test_random_tables_leak_nothing(self):
        generator = random.Random(6)
        for _ in range(15):
            counts = [[generator.choice([0, 1, 2, 3, 5, 6, 8]) for _ in range(3)] for _ in range(2)]
            self.check(counts, cap=12)
