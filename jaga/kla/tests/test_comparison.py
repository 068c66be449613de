from jaga.kla.models import Answer, Assignment, Evidence, Item, RoundStatus
from jaga.kla.selectors import comparison_of, score_of
from jaga.kla.services import round_open
from jaga.taskforce.tests.helpers import TaskforceTestCase


class ComparisonTests(TaskforceTestCase):
    """A round beside the city's previous one: what fell shows before the ministry sees it."""

    def setUp(self):
        self.before = round_open(city=self.city, year=2025)
        self.now = round_open(city=self.city, year=2027)

    def answer_with_evidence(self, kla_round, code):
        item = Item.objects.get(indicator__instrument=kla_round.instrument, code=code)
        Answer.objects.create(round=kla_round, item=item, value="yes")
        assignment = Assignment.objects.get(round=kla_round, indicator=item.indicator)
        Evidence.objects.create(
            assignment=assignment,
            item=item,
            file="kla/sk.pdf",
            content_type="application/pdf",
            size=10,
        )

    def test_an_indicator_that_lost_its_points_is_shown_as_fallen(self):
        self.answer_with_evidence(self.before, "2.1")  # 2025: the legal basis, with the SK
        self.before.status, self.before.final_score = RoundStatus.FINAL, 801
        self.before.save()
        score = score_of(self.now)
        comparison = comparison_of(self.admin, self.now, score)
        assert comparison is not None
        self.assertEqual(comparison.previous, self.before)
        self.assertEqual(comparison.total.before, score_of(self.before).likely_score)
        self.assertGreater(comparison.total.before, 0)
        self.assertEqual(comparison.total.now, 0)
        self.assertEqual(comparison.indicators[2].delta, -10)
        self.assertEqual(comparison.fallen, [2])
        self.assertEqual(comparison.previous_final, 801)

        self.answer_with_evidence(self.now, "2.1")  # answered again: level, nothing fell
        self.assertEqual(comparison_of(self.admin, self.now, score_of(self.now)).fallen, [])

    def test_the_round_page_shows_the_previous_year_beside_this_one(self):
        self.answer_with_evidence(self.before, "2.1")
        self.login(self.admin)
        page = self.client.get(self.now.get_absolute_url())
        self.assertContains(page, 'id="compared"')
        self.assertContains(page, "Putaran 2025")
        self.assertContains(page, "1 indikator turun")
        self.assertContains(page, "(-13)")  # the cluster, on the 0–1000 scale
        self.assertContains(page, "(-10,0)")  # the indicator, in points
        # The first round of a city has nothing to compare with.
        first = self.client.get(self.before.get_absolute_url())
        self.assertNotContains(first, 'id="compared"')

    def test_a_round_of_another_city_is_never_the_previous_one(self):
        round_open(city=self.other_city, year=2023)
        self.assertIsNone(comparison_of(self.admin, self.before, score_of(self.before)))
        # Samarinda's administrator compares Samarinda's rounds only, never Balikpapan's.
        samarinda = round_open(city=self.other_city, year=2029)
        comparison = comparison_of(self.outsider, samarinda, score_of(samarinda))
        assert comparison is not None
        self.assertEqual(comparison.previous.city, self.other_city)
