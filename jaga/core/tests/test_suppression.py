"""Suppression leaks nothing: an attacker who knows how the page is made ("<5" is 1–4, "×"
is 0 or at least 5; with the survey's floor "<10" is 1–9 and "×" 0 or at least 10)
enumerates every table consistent with what is shown; each hidden value must keep at least
two possibilities. Other apps' tables (the children's survey) reuse ``assert_no_leak``."""

import itertools
import random

from django.test import SimpleTestCase

from jaga.core.suppression import (
    HIDDEN,
    SMALL,
    small_label,
    suppress_one_way,
    suppress_two_way,
)


def domain(shown: str, cap: int, floor: int = 5) -> range | list[int]:
    if shown == small_label(floor):
        return range(1, floor)
    if shown == HIDDEN:
        return [0, *range(floor, cap + 1)]
    return [int(shown)]


def fits(shown: str, value: int, floor: int = 5) -> bool:
    return value in domain(shown, max(value, floor), floor)


def possible_tables(table, cap: int, floor: int = 5) -> list[list[list[int]]]:
    """Every table of counts that prints as ``table``."""

    def limit(shown: str) -> int:
        return int(shown) if shown.isdigit() else floor - 1 if shown == small_label(floor) else cap

    row_options = []
    for r, line in enumerate(table.cells):
        caps = [
            min(limit(table.row_totals[r]), limit(table.column_totals[c])) for c in range(len(line))
        ]
        options = [
            list(values)
            for values in itertools.product(
                *(domain(cell, caps[c], floor) for c, cell in enumerate(line))
            )
            if fits(table.row_totals[r], sum(values), floor)
        ]
        row_options.append(options)
    found = []
    for rows in itertools.product(*row_options):
        columns = [sum(col) for col in zip(*rows, strict=True)]
        shown_ok = zip(table.column_totals, columns, strict=True)
        if all(fits(shown, value, floor) for shown, value in shown_ok) and fits(
            table.total, sum(columns), floor
        ):
            found.append([list(r) for r in rows])
    return found


def assert_no_leak(test, counts, table, cap: int, floor: int = 5):
    tables = possible_tables(table, cap, floor)
    test.assertIn(counts, tables)  # the truth is one of them
    hidden = (small_label(floor), HIDDEN)
    for r, line in enumerate(table.cells):
        for c, shown in enumerate(line):
            if shown in hidden:
                values = {t[r][c] for t in tables}
                test.assertGreater(len(values), 1, f"cell {r},{c} of {counts} leaks: {shown}")
    for r, shown in enumerate(table.row_totals):
        if shown in hidden:
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


class SurveyFloorTest(SimpleTestCase):
    """The children's survey shows a cell only from 10 answers up."""

    def check(self, counts, cap=25):
        rows = [str(i) for i in range(len(counts))]
        table = suppress_two_way(rows, ["x"] * len(counts[0]), counts, floor=10)
        assert_no_leak(self, counts, table, cap, floor=10)
        return table

    def test_counts_under_ten_show_as_under_ten(self):
        table = suppress_one_way(["a", "b", "c"], [0, 12, 30], floor=10)
        self.assertEqual([row[0] for row in table.cells], ["0", "12", "30"])
        table = suppress_one_way(["a", "b", "c"], [9, 12, 30], floor=10)
        self.assertEqual([row[0] for row in table.cells], ["<10", HIDDEN, "30"])

    def test_a_complement_the_bounds_give_away(self):
        # 1 + 10 = 11: "<10" and "×" (0 or ≥10) with total 11 can only be 1 and 10.
        table = suppress_one_way(["a", "b"], [1, 10], floor=10)
        self.assertEqual(table.total, HIDDEN)
        # 9 + 10 = 19 leaves the reader nine possibilities: the total stays.
        self.assertEqual(suppress_one_way(["a", "b"], [9, 10], floor=10).total, "19")

    def test_a_row_of_four_faces(self):
        self.check([[2, 3, 10, 0], [11, 10, 12, 10]])

    def test_random_tables_leak_nothing(self):
        generator = random.Random(15)
        for _ in range(8):
            counts = [[generator.choice([0, 1, 4, 9, 10, 12]) for _ in range(2)] for _ in range(2)]
            self.check(counts, cap=22)
