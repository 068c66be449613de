"""The public page: no sign-in, past months only, small counts never readable."""

import re

from jaga.core.suppression import HIDDEN, SMALL
from jaga.figures.tests import data
from jaga.figures.tests.test_selectors import FiguresTest
from jaga.reports.models import Report


class PublicStatisticsTest(FiguresTest):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        Report.objects.filter(rt=cls.rt1).update(description="RAHASIA-TEKS-BEBAS")
        data.bulk(cls, 6)  # February 2024: six more girls 6-12 in Manggar

    def get(self, query="?kota=64.71&tahun=2024"):
        response = self.client.get(f"/statistik/{query}")
        self.assertEqual(response.status_code, 200)
        return response

    def test_open_to_everyone_and_free_of_text(self):
        page = self.get().content.decode()
        self.assertNotIn("RAHASIA", page)
        self.assertNotIn("KS-2024", page)
        self.assertNotIn("style=", page)

    def test_month_table_hides_small_months_and_what_would_give_them_back(self):
        table = self.get().context["by_month"]
        shown = dict(zip(table.rows, (cells[0] for cells in table.cells), strict=True))
        # Jan 2, Feb 1 + 6 = 7, Mar 1, Apr 1 (C4), the rest 0; total 11.
        self.assertEqual(shown["Januari"], SMALL)
        self.assertEqual(shown["Maret"], SMALL)
        self.assertEqual(shown["Mei"], "0")
        self.assertEqual(table.total, "11")
        # Without a second hidden cell, 11 − 7 − 0… would give back the "<5" months together
        # only; each stays between 1 and 4, so the total may show.
        self.assertNotIn(shown["Februari"], ("1", "2", "3", "4"))

    def test_kecamatan_by_sex_prints_no_count_from_one_to_four(self):
        table = self.get().context["by_kecamatan"]
        printed = [c for cells in table.cells for c in cells] + table.row_totals
        printed += table.column_totals + [table.total]
        self.assertFalse([c for c in printed if re.fullmatch("[1-4]", c)])
        # Balikpapan Timur: P 2 + 6 = 8, L 2; Balikpapan Kota: P 1. The L cell of Timur is
        # small, so the Timur total (10) would give it back with P shown: one of them hides.
        timur = table.rows.index("Balikpapan Timur")
        self.assertEqual(table.cells[timur][0], SMALL)
        self.assertTrue(HIDDEN in (table.cells[timur][1], table.row_totals[timur]))

    def test_the_other_city_never_counts(self):
        table = self.get("?kota=64.72&tahun=2024").context["by_month"]
        self.assertEqual(table.total, SMALL)  # only C5

    def test_the_running_month_is_never_shown(self):
        response = self.get("?kota=64.71&tahun=2999")
        period = response.context["period"]
        self.assertIsNotNone(period)
        from jaga.core.periods import current_month

        self.assertLessEqual(period.end, current_month())
