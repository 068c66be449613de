"""Every figure of the fixed data set (tests/data.py), computed by hand."""

import datetime as dt

from jaga.core.periods import Period
from jaga.figures import selectors as s
from jaga.figures.selectors import Dimension, FigureFilter
from jaga.figures.tests import data
from jaga.testing import JagaTestCase

Q1 = Period.months(dt.date(2024, 1, 1), dt.date(2024, 3, 1))
CITY = FigureFilter("64.71", Q1)
NOW = data.at(2024, 4, 2, 12)


def table(rows):
    """Only the non-empty rows, as key -> (cases, victims)."""
    return {r.key: (r.cases, r.victims) for r in rows if r.cases or r.victims}


class FiguresTest(JagaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        data.build(cls)


class TalliesTest(FiguresTest):
    def test_totals_of_the_period_leave_out_april_and_the_other_city(self):
        self.assertEqual(s.totals(CITY), s.Totals(cases=4, victims=4, perpetrators=3))

    def test_same_period_last_year(self):
        self.assertEqual(s.totals(CITY.a_year_earlier()), s.Totals(1, 1, 0))

    def test_by_violence_form_counts_a_case_once_per_form(self):
        self.assertEqual(
            table(s.tally_by(CITY, Dimension.VIOLENCE_FORM)),
            {"fisik": (1, 2), "psikis": (2, 3), "seksual": (1, 1), "penelantaran": (1, 0)},
        )

    def test_by_age_group_and_sex_with_a_case_without_victims(self):
        self.assertEqual(
            table(s.tally_by(CITY, Dimension.AGE_GROUP)),
            {"6-12": (1, 1), "13-17": (2, 2), "25-44": (1, 1), "": (1, 0)},
        )
        self.assertEqual(
            table(s.tally_by(CITY, Dimension.SEX)), {"P": (3, 3), "L": (1, 1), "": (1, 0)}
        )

    def test_by_place_relationship_and_channel(self):
        self.assertEqual(
            table(s.tally_by(CITY, Dimension.PLACE)),
            {"rumah_tangga": (2, 2), "sekolah": (1, 1), "fasilitas_umum": (1, 1)},
        )
        self.assertEqual(
            table(s.tally_by(CITY, Dimension.RELATIONSHIP)),
            {"orang_tua": (1, 2), "guru": (1, 1), "suami_istri": (1, 1), "": (1, 0)},
        )
        self.assertEqual(
            table(s.tally_by(CITY, Dimension.CHANNEL)),
            {"rt": (1, 2), "hotline": (1, 1), "public": (1, 1), "": (1, 0)},
        )

    def test_by_area_one_level_down(self):
        self.assertEqual(
            table(s.tally_by(CITY, Dimension.AREA)), {"64.71.01": (3, 3), "64.71.06": (1, 1)}
        )
        timur = FigureFilter("64.71.01", Q1)
        self.assertEqual(
            table(s.tally_by(timur, Dimension.AREA)),
            {"64.71.01.1001": (2, 2), "64.71.01.1002": (1, 1)},
        )
        manggar = FigureFilter("64.71.01.1001", Q1)
        self.assertEqual(
            table(s.tally_by(manggar, Dimension.AREA)),
            {"64.71.01.1001.001": (1, 2), "64.71.01.1001.003": (1, 0)},
        )

    def test_every_category_is_listed_in_reference_order(self):
        rows = s.tally_by(CITY, Dimension.AGE_GROUP)
        self.assertEqual(rows[0].key, "0-5")
        self.assertEqual(rows[-1].key, "")  # "not recorded" last

    def test_a_province_scope_holds_the_other_city(self):
        province = FigureFilter("64", Q1)
        self.assertEqual(s.totals(province).cases, 5)

    def test_services_by_type(self):
        rows = {r.key: (r.services, r.cases) for r in s.services_by_type(CITY) if r.services}
        self.assertEqual(rows, {"kesehatan": (2, 2), "bantuan_hukum": (1, 1)})


class SpeedTest(FiguresTest):
    def test_incident_to_report_in_wita_days(self):
        # 5 days (10 Jan WITA, still 9 Jan in UTC) and 11 days: median 8, p90 5 + 0.9 × 6.
        self.assertEqual(s.incident_to_report(CITY), s.Spread(2, 8.0, 10.4, "hari"))

    def test_report_to_acknowledgement_in_hours(self):
        # 0.5, 2 (closed as duplicate), 10, 25: median 6, p90 rank 2.7 -> 10 + 0.7 × 15.
        self.assertEqual(s.report_to_acknowledgement(CITY), s.Spread(4, 6.0, 20.5, "jam"))

    def test_report_to_first_service(self):
        self.assertEqual(s.report_to_first_service(CITY), s.Spread(2, 3.5, 4.7, "hari"))

    def test_share_within_target_counts_the_overdue_one_as_due(self):
        share = s.acknowledged_within_target(CITY, now=NOW)
        self.assertEqual((share.due, share.on_time, share.percent), (5, 3, 60.0))

    def test_overdue_now(self):
        self.assertEqual(s.overdue_now("64.71", now=NOW), 1)
        self.assertEqual(s.overdue_now("64.71.06", now=NOW), 0)

    def test_percentiles_of_nothing(self):
        empty = FigureFilter("64.71", Period.months(dt.date(2020, 1, 1), dt.date(2020, 1, 1)))
        self.assertEqual(s.incident_to_report(empty), s.Spread(0, None, None, "hari"))

    def test_a_single_value_is_its_own_percentiles(self):
        one = FigureFilter("64.71.06", Q1)
        self.assertEqual(s.report_to_first_service(one), s.Spread(1, 5.0, 5.0, "hari"))


class QualityTest(FiguresTest):
    def test_quality(self):
        result = s.quality(CITY)
        self.assertEqual(result.closed_with_services, s.Ratio(2, 2))
        self.assertEqual(result.reopened, s.Ratio(1, 4))
        self.assertEqual(result.monitored_after_handling, s.Ratio(1, 2))
        self.assertEqual(result.referrals_completed, s.Ratio(1, 2))


class TrendTest(FiguresTest):
    def test_monthly_trend_beside_last_year(self):
        points = [
            (p.month.month, p.cases, p.victims, p.cases_year_before, p.victims_year_before)
            for p in s.monthly_trend(CITY)
        ]
        self.assertEqual(points, [(1, 2, 3, 0, 0), (2, 1, 1, 1, 1), (3, 1, 0, 0, 0)])


class PeriodTest(JagaTestCase):
    def test_period_arithmetic(self):
        period = Period.months(dt.date(2024, 3, 9), dt.date(2023, 11, 1))
        self.assertEqual((period.start, period.end), (dt.date(2023, 11, 1), dt.date(2024, 4, 1)))
        self.assertEqual(len(period.month_list()), 5)
        self.assertEqual(period.only_past(dt.date(2024, 2, 14)).end, dt.date(2024, 2, 1))
        self.assertIsNone(period.only_past(dt.date(2023, 11, 3)))
