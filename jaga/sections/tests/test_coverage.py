from jaga.areas.models import Area
from jaga.sections.selectors import (
    State,
    coverage_by_level,
    coverage_figures,
    coverage_trend,
    rt_ids_reported,
    rt_statuses,
    state_for,
)
from jaga.sections.tests.base import CityTestCase, add_rts


class CoverageArithmeticTests(CityTestCase):
    """Figures against the hand-computed expectations in ``base``'s docstring."""

    def test_city(self):
        with self.assert_query_count(1):
            f = coverage_figures(self.city, self.month)
        self.assertEqual(f.rts, 34 * 50)
        self.assertEqual(f.formed, 34 * 45)
        self.assertEqual(f.pct_formed, 90.0)
        self.assertEqual(f.trained, 34 * 30)
        self.assertEqual(f.pct_trained, 60.0)
        self.assertEqual(f.reported, 33 * 5)
        self.assertEqual(f.confirmed, 33 * 30)
        self.assertEqual(f.active, 1155)
        self.assertEqual(f.pct_active, 67.9)  # 1155 / 1700 = 67.94 %
        self.assertEqual(f.silent, 545)

    def test_kecamatan_with_the_silent_kelurahan(self):
        f = coverage_figures(self.timur, self.month)
        self.assertEqual((f.rts, f.formed, f.trained), (200, 180, 120))
        self.assertEqual((f.reported, f.confirmed), (15, 90))
        self.assertEqual(f.pct_active, 52.5)

    def test_kelurahan(self):
        manggar = coverage_figures(self.manggar, self.month)
        self.assertEqual((manggar.rts, manggar.active, manggar.pct_active), (50, 0, 0.0))
        lamaru = coverage_figures(self.lamaru, self.month)
        self.assertEqual((lamaru.rts, lamaru.active, lamaru.pct_active), (50, 35, 70.0))
        self.assertEqual(lamaru.pct_formed, 90.0)

    def test_rows_per_kecamatan_and_per_kelurahan(self):
        with self.assert_query_count(2):
            rows = coverage_by_level(self.city, self.month, "kecamatan")
        self.assertEqual(len(rows), 6)
        self.assertEqual(sum(r.figures.rts for r in rows), 1700)
        timur = next(r for r in rows if r.area == self.timur)
        self.assertEqual(timur.figures.active, 105)
        kelurahan = coverage_by_level(self.city, self.month, "kelurahan")
        self.assertEqual(len(kelurahan), 34)
        self.assertEqual({r.figures.formed for r in kelurahan}, {45})

    def test_trend(self):
        with self.assert_query_count(1):
            trend = coverage_trend(self.city, self.month)
        self.assertEqual(len(trend), 12)
        self.assertEqual(trend[-1].month, self.month)
        self.assertEqual(trend[-1].active, 1155)
        self.assertEqual(trend[-2].active, 680)  # RT 1–20 of all 34 kelurahan
        self.assertEqual(trend[-2].pct_active, 40.0)
        self.assertEqual(trend[0].active, 0)

    def test_states(self):
        rt = {n: Area.objects.get(code=f"{self.lamaru.code}.{n:03d}") for n in (3, 10, 40)}
        self.assertEqual(state_for(rt[3], self.month), State.REPORTED)
        self.assertEqual(state_for(rt[10], self.month), State.CONFIRMED)
        self.assertEqual(state_for(rt[40], self.month), State.SILENT)
        self.assertEqual(state_for(rt[40], self.before), State.SILENT)
        self.assertEqual(state_for(rt[10], self.before), State.CONFIRMED)
        self.assertIn(rt[3].pk, set(rt_ids_reported(self.month)))

    def test_rt_statuses_and_gaps(self):
        with self.assert_query_count(1):
            rows = list(rt_statuses(self.lamaru, self.month))
        self.assertEqual(len(rows), 50)
        first = rows[0]
        self.assertEqual((first.formed, first.trained, first.state), (True, True, "reported"))
        self.assertEqual(rows[39].state, "silent")
        # Gaps: RT 31–50 (untrained, and from 36 silent); RT 1–30 lack nothing.
        gaps = rt_statuses(self.lamaru, self.month, gaps_only=True)
        self.assertEqual([rt.number for rt in gaps], list(range(31, 51)))

    def test_more_rts_cost_no_more_queries(self):
        add_rts(self.kelurahan, 60)  # 340 more RTs, none with a section
        with self.assert_query_count(1):
            f = coverage_figures(self.city, self.month)
        self.assertEqual(f.rts, 2040)
        self.assertEqual(f.formed, 1530)
        self.assertEqual(f.pct_formed, 75.0)
