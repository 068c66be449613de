"""The side-by-side table of the results page against hand-counted FP2ATBM reach.

The round opens 30 days ago and closes in 60: its months run from the first day of the month
it opened in. Manggar (Balikpapan Timur) holds a session today (3 girls, 2 boys, 4 women,
1 man: 10 people) and one on the round's first day (6 women), and one the day before the
round's first month (20 girls: outside). Prapatan (Balikpapan Kota) holds one today (7 boys).
Lamaru (Balikpapan Timur) has no chapter. No child has answered: the reach shows anyway.
"""

import datetime as dt

from django.utils import timezone

from jaga.core.periods import month_start
from jaga.forum.tests.base import ForumTestCase, add_session
from jaga.testing import count_queries
from jaga.voice.tests.helpers import SurveyTestCase

TIMUR, KOTA = "64.71.01", "64.71.06"


class ComparisonReachTest(SurveyTestCase, ForumTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        today = timezone.localdate()
        first = month_start(cls.survey_round.opens_on)
        manggar_rts, prapatan_rts = [cls.rt1], [cls.prapatan_rt1]
        add_session(cls.manggar_chapter, today, manggar_rts, girls=3, boys=2, women=4, men=1)
        add_session(cls.manggar_chapter, first, manggar_rts, women=6)
        add_session(cls.manggar_chapter, first - dt.timedelta(days=1), manggar_rts, girls=20)
        add_session(cls.prapatan_chapter, today, prapatan_rts, boys=7)

    def setUp(self):
        super().setUp()
        self.open_session()  # results show for a round with a session

    def reach_rows(self, code: str) -> dict[str, tuple[int, int]]:
        page = self.client.get("/suara-anak/hasil/", {"wilayah": code})
        return {row.code: (row.sessions, row.people) for row in page.context["comparison"]}

    def test_sessions_and_people_reached_in_the_rounds_months(self):
        self.login(self.admin)
        city = self.reach_rows("64.71")
        self.assertEqual(city[TIMUR], (2, 16))
        self.assertEqual(city[KOTA], (1, 7))
        self.assertEqual(sum(s for s, _people in city.values()), 3)  # no other kecamatan
        timur = self.reach_rows(TIMUR)
        self.assertEqual(timur[self.manggar.code], (2, 16))
        self.assertEqual(timur[self.lamaru.code], (0, 0))

    def test_the_columns_are_on_the_page(self):
        self.login(self.analyst)
        page = self.client.get("/suara-anak/hasil/?wilayah=64.71")
        self.assertContains(page, "Sosialisasi FP2ATBM")
        self.assertContains(page, '<td class="num">16</td>')

    def test_constant_queries_however_many_sessions(self):
        self.login(self.analyst)
        url = "/suara-anak/hasil/?wilayah=64.71"
        self.client.get(url)  # warm caches (code lists, the questionnaire)
        few = count_queries(self.client, url)
        today = timezone.localdate()
        for _ in range(5):
            add_session(self.manggar_chapter, today, [self.rt2], women=2)
            add_session(self.prapatan_chapter, today, [self.prapatan_rt1], women=2)
        with self.assert_query_count(few):
            self.client.get(url)
        self.assertEqual(self.reach_rows("64.71")[TIMUR], (7, 26))
