import datetime

from django.core.exceptions import ValidationError

from jaga.cases.models import Case
from jaga.cases.tests.helpers import open_case
from jaga.kla.computations import COMPUTATIONS
from jaga.kla.instrument import instrument_default, instrument_for
from jaga.kla.models import Assignment, Computed, Indicator, Item, RoundStatus
from jaga.kla.selectors import score_of
from jaga.kla.services import answer_record, computed_refresh, round_open, round_submit
from jaga.taskforce.tests.helpers import TaskforceTestCase, wita

YEAR = 2027  # looks at the calendar year 2026


class InstrumentTests(TaskforceTestCase):
    def test_the_default_instrument_has_the_24_indicators_and_known_computations(self):
        instrument = instrument_default(YEAR)
        self.assertEqual(Indicator.objects.filter(instrument=instrument).count(), 24)
        items = Item.objects.filter(indicator__instrument=instrument)
        self.assertEqual(items.count(), 44)
        keys = set(items.exclude(computation="").values_list("computation", flat=True))
        self.assertEqual(keys - set(COMPUTATIONS), set())
        self.assertEqual(
            items.get(code="2.4").choices[0],
            {"label": "Lebih dari 4 kali", "points": 15, "min": 5.0},
        )
        self.assertFalse(instrument.points_official)

    def test_a_new_year_copies_the_last_instrument(self):
        first = instrument_default(YEAR)
        Item.objects.filter(indicator__instrument=first, code="1.2").update(max_points=33)
        copy = instrument_for(YEAR + 2)
        self.assertEqual(copy.copied_from, first)
        self.assertEqual(Item.objects.get(indicator__instrument=copy, code="1.2").max_points, 33)
        self.assertEqual(Item.objects.filter(indicator__instrument=copy).count(), 44)


class RoundTests(TaskforceTestCase):
    def setUp(self):
        self.round = round_open(city=self.city, year=YEAR)

    def assignment(self, number):
        return Assignment.objects.get(round=self.round, indicator__number=number)

    def test_indicators_go_to_the_member_of_their_cluster(self):
        self.assertEqual(self.assignment(18).organisation, self.education_org)
        self.assertEqual(self.assignment(12).organisation, self.health_org)
        self.assertIsNone(self.assignment(21).organisation)  # nobody serves cluster V here
        with self.assertRaises(ValidationError):
            round_open(city=self.city, year=YEAR)

    def test_computed_items_from_jagas_own_records(self):
        for month in (1, 3, 5, 7, 9):  # five meetings in 2026: "more than 4"
            self.meeting(wita(2026, month, 14, 9))
        self.meeting(wita(2025, 12, 1, 9))  # outside the period
        first = open_case(self)
        second = open_case(self, victim_name="Dewi Anggraini", victim_nik="6471010101900002")
        late = open_case(self, victim_name="Rina Wulandari", victim_nik="6471010101900003")
        Case.objects.filter(pk__in=[first.pk, second.pk]).update(reported_at=wita(2026, 6, 1))
        Case.objects.filter(pk=late.pk).update(reported_at=wita(2027, 1, 2))  # after the period
        computed_refresh(kla_round=self.round)
        values = {c.item.code: c for c in Computed.objects.filter(round=self.round)}
        self.assertEqual(values["2.4"].value, 5)
        self.assertEqual(values["21.5"].value, 2)  # two child victims
        self.assertEqual(values["21.5"].period_start, datetime.date(2026, 1, 1))
        self.assertEqual(values["21.5"].period_end, datetime.date(2026, 12, 31))
        score = score_of(self.round)
        by_code = {i.item.code: i for ind in score.indicators for i in ind.items}
        self.assertEqual(by_code["2.4"].claimed, 15)  # the "> 4" answer's points
        self.assertEqual(by_code["2.4"].at_risk, 0)
        self.assertEqual(by_code["21.5"].value_label, "<5")  # a small count never shown
        self.assertEqual(by_code["21.5"].claimed, 5)

    def test_answers_score_and_risk(self):
        item = Item.objects.get(indicator__instrument=self.round.instrument, code="2.1")
        answer_record(
            assignment=self.assignment(2), item=item, value="yes", note="SK 2024", by=self.secretary
        )
        score = score_of(self.round)
        total = score.max_points
        self.assertEqual(score.score, round(1000 * 10 / total))
        self.assertEqual(score.at_risk, score.score)  # no evidence yet
        self.assertEqual(score.likely_score, 0)
        self.assertEqual(score.likely_predicate, "Belum berpredikat")
        self.assertEqual(score.next_step, ("Pratama", 500))

    def test_bad_answers(self):
        percent = Item.objects.get(indicator__instrument=self.round.instrument, code="4.1")
        cases = {
            "120": "0 sampai 100",
            "-3": "0 sampai 100",
            "banyak": "Isikan angka",
        }
        for value, message in cases.items():
            with self.subTest(value=value), self.assertRaises(ValidationError) as caught:
                answer_record(
                    assignment=self.assignment(4), item=percent, value=value, note="", by=self.admin
                )
            self.assertIn(message, " ".join(caught.exception.messages))
        computed = Item.objects.get(indicator__instrument=self.round.instrument, code="2.4")
        with self.assertRaises(ValidationError):
            answer_record(
                assignment=self.assignment(2), item=computed, value="0", note="", by=self.admin
            )
        with self.assertRaises(ValidationError):  # an item of another indicator
            answer_record(
                assignment=self.assignment(3), item=percent, value="50", note="", by=self.admin
            )

    def test_submitting_freezes_the_round(self):
        round_submit(kla_round=self.round)
        self.round.refresh_from_db()
        self.assertEqual(self.round.status, RoundStatus.SUBMITTED)
        with self.assertRaises(ValidationError):
            computed_refresh(kla_round=self.round)
