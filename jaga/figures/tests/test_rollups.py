"""The rollups answer what the direct queries answer: on random cases, at every area level
and for several periods, after incremental upkeep and after a rebuild; a change shows in the
next read; a case moved to another RT or month corrects both cells."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from jaga.cases.models import CaseStatus
from jaga.core.periods import Period
from jaga.figures import rollups
from jaga.figures.models import FigureCell
from jaga.figures.selectors import counts as direct_counts
from jaga.figures.selectors import handling as direct_board
from jaga.figures.selectors import rolled
from jaga.figures.selectors.counts import Dimension, FigureFilter
from jaga.figures.tests import data
from jaga.referrals.models import Referral, ReferralStatus
from jaga.reports.models import Channel
from jaga.testing import JagaTestCase

FORMS = ["fisik", "psikis", "seksual", "penelantaran"]
MONTHS = [dt.date(2023, 12, 1), dt.date(2024, 1, 1), dt.date(2024, 2, 1), dt.date(2024, 3, 1)]
PERIODS = [
    Period(dt.date(2024, 1, 1), dt.date(2024, 4, 1)),
    Period(dt.date(2023, 12, 1), dt.date(2024, 3, 1)),
]

person = st.tuples(
    st.sampled_from(["victim", "perpetrator"]),
    st.sampled_from(["P", "L"]),
    st.sampled_from([None, "6-12", "13-17"]),
    st.sampled_from(["orang_tua", "guru", "tetangga"]),
)
a_case = st.fixed_dictionaries(
    {
        "rt": st.integers(0, 4),
        "month": st.integers(0, 3),
        "day": st.integers(1, 28),
        "hour": st.integers(0, 23),
        "report": st.sampled_from([None, Channel.RT, Channel.HOTLINE]),
        "forms": st.sets(st.sampled_from(FORMS), max_size=3),
        "place": st.sampled_from(["rumah_tangga", "sekolah"]),
        "people": st.lists(person, max_size=3),
        "services": st.integers(0, 2),
        "status": st.sampled_from([CaseStatus.CLOSED, CaseStatus.ASSESSED]),
        "events": st.sets(st.sampled_from(["reopened", "monitored"])),
        "referrals": st.lists(st.booleans(), max_size=2),
    }
)


def answers(module_totals, module_tally, module_quality, module_trend, figure_filter):
    return (
        module_totals(figure_filter),
        {dimension: module_tally(figure_filter, dimension) for dimension in Dimension},
        module_quality(figure_filter),
        module_trend(figure_filter),
    )


def direct(figure_filter):
    return answers(
        direct_counts.totals,
        direct_counts.tally_by,
        direct_board.quality,
        direct_board.monthly_trend,
        figure_filter,
    )


def from_rollups(figure_filter):
    return answers(
        rolled.totals, rolled.tally_by, rolled.quality, rolled.monthly_trend, figure_filter
    )


class RollupTest(HypothesisTestCase, JagaTestCase):
    rts: list
    areas: list[str]

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.rts = [cls.rt1, cls.rt2, cls.lamaru_rt1, cls.prapatan_rt1, cls.rt3]
        cls.areas = ["64", "64.71.01", "64.71.06", cls.manggar.code, cls.rt1.code]

    def make(self, number: int, spec: dict):
        month = MONTHS[spec["month"]]
        when = data.at(month.year, month.month, spec["day"], spec["hour"])
        rt = self.rts[spec["rt"]]
        extra = {}
        if spec["report"]:
            extra["report"] = data.report(rt, when, channel=spec["report"])
        row = data.case(
            self,
            f"KS-P-{number:04d}",
            rt,
            when,
            forms=sorted(spec["forms"]),
            place=spec["place"],
            status=spec["status"],
            **extra,
        )
        for kind, sex, age, relationship in spec["people"]:
            if kind == "victim":
                data.victim(row, sex, age)
            else:
                data.perpetrator(row, relationship)
        for n in range(spec["services"]):
            data.service(row, "kesehatan", month.replace(day=n + 1))
        if "reopened" in spec["events"]:
            data.status_event(row, when, CaseStatus.CLOSED, CaseStatus.ASSESSED)
        if "monitored" in spec["events"]:
            data.status_event(row, when, CaseStatus.IN_SERVICE, CaseStatus.MONITORING)
        for n, completed in enumerate(spec["referrals"]):
            sequence = number * 10 + n
            Referral.objects.create(
                case=row,
                organisation=self.puskesmas,
                service=data.code("service", "kesehatan"),
                due_date=month,
                status=ReferralStatus.COMPLETED if completed else ReferralStatus.SENT,
                letter_number=f"RJ/P/{sequence}",
                letter_year=2024,
                letter_sequence=sequence,
                sent_by=self.manager,
            )
        return row

    def assert_all_agree(self):
        for code in self.areas:
            for period in PERIODS:
                figure_filter = FigureFilter(code, period)
                self.assertEqual(from_rollups(figure_filter), direct(figure_filter), figure_filter)

    def cells(self):
        return sorted(
            FigureCell.objects.exclude(value=0).values_list(
                "area_code", "month", "measure", "key", "value"
            )
        )

    @settings(
        max_examples=10,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(
        specs=st.lists(a_case, max_size=6),
        moves=st.lists(
            st.tuples(st.integers(0, 5), st.integers(0, 4), st.integers(0, 3)), max_size=3
        ),
    )
    def test_rollups_equal_the_direct_answers(self, specs, moves):
        made = [self.make(number, spec) for number, spec in enumerate(specs)]
        self.assert_all_agree()
        for index, rt, month in moves:
            if made:
                row = made[index % len(made)]
                row.rt = self.rts[rt]
                row.reported_at = data.at(MONTHS[month].year, MONTHS[month].month, 15)
                row.save()
        if made:
            made[0].violence_forms.clear()
            for person_row in made[-1].people.all()[:1]:
                person_row.delete()
        self.assert_all_agree()
        incremental = self.cells()
        rollups.rebuild()
        self.assertEqual(self.cells(), incremental)
        self.assert_all_agree()


class FreshnessTest(JagaTestCase):
    def test_a_change_shows_in_the_next_read_and_a_move_corrects_both_cells(self):
        january = FigureFilter(self.manggar.code, PERIODS[0])
        rt1_january = FigureFilter(self.rt1.code, Period(MONTHS[1], MONTHS[2]))
        rt3_march = FigureFilter(self.rt3.code, Period(MONTHS[3], dt.date(2024, 4, 1)))
        row = data.case(self, "KS-F-0001", self.rt1, data.at(2024, 1, 10))
        self.assertEqual(rolled.totals(rt1_january).cases, 1)
        data.victim(row, "P", "6-12")
        self.assertEqual(rolled.totals(january).victims, 1)
        row.rt, row.reported_at = self.rt3, data.at(2024, 3, 5)
        row.save()
        self.assertEqual(rolled.totals(rt1_january).cases, 0)
        self.assertEqual(rolled.totals(rt3_march).cases, 1)
        self.assertEqual(rolled.totals(january), direct_counts.totals(january))
