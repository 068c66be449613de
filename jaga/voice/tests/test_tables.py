"""The survey's tables leak nothing (the attacker model of jaga/core/tests/test_suppression.py
run on survey tables): no row speaks for fewer than 10 children, every cell under 10 is
hidden with its complements, and tables that share their row totals hide the same ones."""

import itertools
import random

from django.test import SimpleTestCase

from jaga.core.suppression import HIDDEN
from jaga.core.tests.test_suppression import assert_no_leak, possible_tables
from jaga.voice.tables import QuestionCounts, build, merge_small


def question(code, counts):
    width = len(next(iter(counts.values())))
    return QuestionCounts(code, code, [f"o{i}" for i in range(width)], counts)


def survey(groups: dict[str, list[list[int]]]):
    """``groups`` maps a group to its counts per question; sizes follow from the first."""
    keys = list(groups)
    sizes = {key: sum(groups[key][0]) for key in keys}
    n_questions = len(groups[keys[0]])
    questions = [question(f"q{i}", {k: groups[k][i] for k in keys}) for i in range(n_questions)]
    return build([(k, k) for k in keys], sizes, questions), sizes, questions


class MergeTest(SimpleTestCase):
    def test_small_groups_merge_until_they_hold_ten(self):
        shown, merged = merge_small({"a": 3, "b": 4, "c": 12, "d": 30})
        self.assertEqual((shown, merged), (["d"], {"a", "b", "c"}))

    def test_big_groups_stay_apart(self):
        self.assertEqual(merge_small({"a": 10, "b": 30, "c": 0}), (["a", "b"], set()))

    def test_everything_under_ten_shows_nothing(self):
        results, _sizes, _questions = survey({"a": [[2, 1]], "b": [[3, 2]]})
        self.assertFalse(results.enough)
        self.assertEqual(results.total, 8)

    def test_three_children_answering_shows_nothing(self):
        results, _sizes, _questions = survey({"a": [[1, 1, 1, 0]]})
        self.assertFalse(results.enough)

    def test_no_row_speaks_for_fewer_than_ten(self):
        results, _sizes, _questions = survey({"a": [[0, 4]], "b": [[20, 10]], "c": [[6, 9]]})
        self.assertEqual(results.rows[-1], "Kelompok lain (digabung)")
        # "a" (4) alone would speak for four children: the smallest other group joins it.
        self.assertEqual((results.merged, len(results.rows)), (2, 2))


class SurveyAttackerTest(SimpleTestCase):
    def rows_of(self, results, question_index, groups, sizes):
        """The counts as the table printed them (merged row last)."""
        table = results.tables[question_index].table
        _, merged = merge_small(sizes)
        keys = [k for k in groups if k not in merged]
        lines = [groups[k][question_index] for k in keys]
        if merged:
            lines.append([sum(groups[k][question_index][o] for k in merged) for o in range(2)])
        return table, lines

    def check(self, groups, cap=30):
        results, sizes, _questions = survey(groups)
        if not results.enough:
            return
        per_question = []
        for index in range(len(results.tables)):
            table, lines = self.rows_of(results, index, groups, sizes)
            assert_no_leak(self, lines, table, cap, floor=10)
            per_question.append((table, possible_tables(table, cap, floor=10)))
        # Linked: the same children answered every question, so row totals agree; every
        # hidden value keeps two possibilities even so.
        joint = [
            combo
            for combo in itertools.product(*(found for _table, found in per_question))
            if len({tuple(sum(line) for line in t) for t in combo}) == 1
        ]
        self.assertTrue(joint)
        for q, (table, _found) in enumerate(per_question):
            for r, line in enumerate(table.cells):
                for c, shown in enumerate(line):
                    if shown in (HIDDEN, "<10"):
                        values = {combo[q][r][c] for combo in joint}
                        self.assertGreater(len(values), 1, f"{groups}: q{q} {r},{c} leaks")

    def test_a_small_cell_in_a_big_group(self):
        self.check({"a": [[3, 20], [12, 11]], "b": [[15, 15], [20, 10]]})

    def test_zeros_and_small_groups(self):
        self.check({"a": [[0, 12], [12, 0]], "b": [[4, 1], [2, 3]], "c": [[11, 10], [19, 2]]})

    def test_random_surveys_leak_nothing(self):
        generator = random.Random(129)
        for _ in range(6):
            groups = {}
            for key in "abc":
                size = generator.choice([4, 10, 12, 15])
                first = [generator.randint(0, size) for _ in range(2)]
                groups[key] = [[f, size - f] for f in first]
            self.check(groups, cap=16)
