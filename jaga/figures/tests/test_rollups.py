"""The rollups answer what the direct queries answer: on random cases and reports, at every
area level and for several periods, after incremental upkeep and after a rebuild; a change
shows in the next read; a case moved to another RT or month corrects both cells."""

import datetime as dt
from importlib import import_module

from django.apps import apps
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from jaga.access.paths import NATIONAL_CODE
from jaga.areas.models import Area, AreaKind
from jaga.areas.services import areas_import_reference
from jaga.cases.models import CaseStatus
from jaga.core.periods import Period, add_months
from jaga.figures import rollups
from jaga.figures.models import FigureCell
from jaga.figures.selectors import counts as direct_counts
from jaga.figures.selectors import handling as direct_board
from jaga.figures.selectors import rolled
from jaga.figures.selectors import timing as direct_timing
from jaga.figures.selectors.counts import Dimension, FigureFilter
from jaga.figures.selectors.timing import Spread
from jaga.figures.tests import data
from jaga.referrals.models import Referral, ReferralStatus
from jaga.reports.models import Channel, ReportStatus
from jaga.testing import JagaTestCase, make_rts

FORMS = ["fisik", "psikis", "seksual", "penelantaran"]
MONTHS = [dt.date(2023, 12, 1), dt.date(2024, 1, 1), dt.date(2024, 2, 1), dt.date(2024, 3, 1)]
PERIODS = [
    Period(dt.date(2024, 1, 1), dt.date(2024, 4, 1)),
    Period(dt.date(2023, 12, 1), dt.date(2024, 3, 1)),
    Period(dt.date(2024, 2, 1), dt.date(2024, 3, 1)),
]
# Late in the last month, not on a whole hour: some waiting reports are late, some not.
NOW = data.at(2024, 3, 27, 9, 17)
SERVICES = ["kesehatan", "bantuan_hukum"]
# Minutes from a report's arrival to its verification or closing (None: not done), across
# the targets (an hour when urgent, a day otherwise).
after = st.one_of(st.none(), st.integers(0, 3 * 24 * 60))

person = st.tuples(
    st.sampled_from(["victim", "perpetrator"]),
    st.sampled_from(["P", "L"]),
    st.sampled_from([None, "6-12", "13-17"]),
    st.sampled_from(["orang_tua", "guru", "tetangga"]),
)
a_case = st.fixed_dictionaries(
    {
        "rt": st.integers(0, 5),
        "month": st.integers(0, 3),
        "day": st.integers(1, 28),
        "hour": st.integers(0, 23),
        "report": st.sampled_from([None, Channel.RT, Channel.HOTLINE]),
        "forms": st.sets(st.sampled_from(FORMS), max_size=3),
        "place": st.sampled_from(["rumah_tangga", "sekolah"]),
        "people": st.lists(person, max_size=3),
        "urgent": st.booleans(),
        "verified": after,
        "incident_days_before": st.one_of(st.none(), st.integers(0, 60)),
        # A service's code and month, from a month before the case's to three after.
        "services": st.lists(st.tuples(st.sampled_from(SERVICES), st.integers(-1, 3)), max_size=3),
        "status": st.sampled_from([CaseStatus.CLOSED, CaseStatus.ASSESSED]),
        "events": st.sets(st.sampled_from(["reopened", "monitored"])),
        "referrals": st.lists(st.booleans(), max_size=2),
    }
)
# A report without a case: waiting, verified or closed.
a_report = st.fixed_dictionaries(
    {
        "rt": st.integers(0, 5),
        "month": st.integers(0, 3),
        "day": st.integers(1, 28),
        "hour": st.integers(0, 23),
        "urgent": st.booleans(),
        "verified": after,
        "closed": after,
    }
)


def answers(counting, tallying, handling, timing, figure_filter):
    """Every figure the rollups keep, from the modules given (``rolled`` has them all)."""
    return (
        counting.totals(figure_filter),
        {dimension: tallying.tally_by(figure_filter, dimension) for dimension in Dimension},
        handling.quality(figure_filter),
        handling.monthly_trend(figure_filter),
        counting.services_by_type(figure_filter),
        timing.acknowledged_within_target(figure_filter, NOW),
        timing.incident_to_report(figure_filter),
        timing.report_to_first_service(figure_filter),
    )


def direct(figure_filter):
    return answers(direct_counts, direct_counts, direct_board, direct_timing, figure_filter)


def from_rollups(figure_filter):
    return answers(rolled, rolled, rolled, rolled, figure_filter)


def days_before(when: dt.datetime, days: int | None) -> dt.date | None:
    return None if days is None else when.date() - dt.timedelta(days=days)


def minutes_after(when: dt.datetime, minutes: int | None) -> dt.datetime | None:
    return None if minutes is None else when + dt.timedelta(minutes=minutes)


class RollupTest(HypothesisTestCase, JagaTestCase):
    rts: list
    areas: list[str]

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # The last RT in another province: the national area counts two.
        areas_import_reference(prefix="63.71")
        kelurahan = Area.objects.filter(kind=AreaKind.KELURAHAN, code__startswith="63.71.")[0]
        other_province_rt, *_ = make_rts(kelurahan, 1)
        cls.rts = [cls.rt1, cls.rt2, cls.lamaru_rt1, cls.prapatan_rt1, cls.rt3, other_province_rt]
        cls.areas = [NATIONAL_CODE, "64", "64.71.01", "64.71.06", cls.manggar.code, cls.rt1.code]

    def make(self, number: int, spec: dict):
        month = MONTHS[spec["month"]]
        when = data.at(month.year, month.month, spec["day"], spec["hour"])
        rt = self.rts[spec["rt"]]
        extra = {}
        if spec["report"]:
            extra["report"] = data.report(
                rt,
                when,
                channel=spec["report"],
                is_urgent=spec["urgent"],
                verified_at=minutes_after(when, spec["verified"]),
            )
        row = data.case(
            self,
            f"KS-P-{number:04d}",
            rt,
            when,
            forms=sorted(spec["forms"]),
            place=spec["place"],
            status=spec["status"],
            incident_date=days_before(when, spec["incident_days_before"]),
            **extra,
        )
        for kind, sex, age, relationship in spec["people"]:
            if kind == "victim":
                data.victim(row, sex, age)
            else:
                data.perpetrator(row, relationship)
        for n, (service, months_later) in enumerate(spec["services"]):
            data.service(row, service, add_months(month, months_later).replace(day=n + 1))
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

    def make_report(self, spec: dict):
        month = MONTHS[spec["month"]]
        when = data.at(month.year, month.month, spec["day"], spec["hour"])
        closed = minutes_after(when, spec["closed"])
        return data.report(
            self.rts[spec["rt"]],
            when,
            is_urgent=spec["urgent"],
            status=ReportStatus.CLOSED if closed else ReportStatus.RECEIVED,
            verified_at=minutes_after(when, spec["verified"]),
            closed_at=closed,
        )

    def assert_all_agree(self):
        for code in self.areas:
            for period in PERIODS:
                figure_filter = FigureFilter(code, period)
                self.assertEqual(from_rollups(figure_filter), direct(figure_filter), figure_filter)
                self.assert_within_the_hour(
                    rolled.report_to_acknowledgement(figure_filter),
                    direct_timing.report_to_acknowledgement(figure_filter),
                )

    def assert_within_the_hour(self, got: Spread, expected: Spread):
        """The waits' median and 90th percentile from hour-wide buckets: within the hour."""
        self.assertEqual((got.count, got.unit), (expected.count, expected.unit))
        for value, reference in ((got.median, expected.median), (got.p90, expected.p90)):
            self.assertEqual(value is None, reference is None, (got, expected))
            if value is not None and reference is not None:
                self.assertLessEqual(abs(value - reference), 1.0, (got, expected))

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
        report_specs=st.lists(a_report, max_size=4),
        moves=st.lists(
            st.tuples(st.integers(0, 5), st.integers(0, 5), st.integers(0, 3)), max_size=3
        ),
    )
    def test_rollups_equal_the_direct_answers(self, specs, report_specs, moves):
        made = [self.make(number, spec) for number, spec in enumerate(specs)]
        reports = [self.make_report(spec) for spec in report_specs]
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
            for service in made[-1].services.all()[:1]:
                service.delete()
        if reports:
            # Acknowledged late, and another moved to another RT and month (its arrival
            # corrected: what followed moves with it, the waits stay under the hourly bound).
            reports[0].verified_at = reports[0].received_at + dt.timedelta(hours=30)
            reports[0].save(update_fields=["verified_at"])
            moved = reports[-1]
            shift = data.at(2024, 2, 14, 16) - moved.received_at
            moved.rt = self.rts[(self.rts.index(moved.rt) + 1) % len(self.rts)]
            moved.received_at += shift
            moved.verified_at = moved.verified_at and moved.verified_at + shift
            moved.closed_at = moved.closed_at and moved.closed_at + shift
            moved.save()
        if made and made[-1].report:
            made[-1].referrals.all().delete()
            made[-1].delete()
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

    def test_the_migration_sums_the_national_cells_from_the_provinces(self):
        row = data.case(self, "KS-F-0002", self.rt1, data.at(2024, 1, 10))
        data.victim(row, "P", "6-12")
        rollups.refresh()
        national = FigureCell.objects.filter(area_code=NATIONAL_CODE)
        counted = sorted(national.values_list("month", "measure", "key", "value"))
        self.assertTrue(counted)
        national.delete()
        migration = import_module("jaga.figures.migrations.0005_national_cells")
        migration.add_national_cells(apps, None)
        self.assertEqual(sorted(national.values_list("month", "measure", "key", "value")), counted)

    def test_waits_beyond_the_hourly_buckets_are_kept_to_the_day(self):
        period = FigureFilter(self.rt1.code, Period(MONTHS[1], MONTHS[2]))
        for hours in (5, 6, 40 * 24 + 7):
            when = data.at(2024, 1, 10, 8)
            data.report(self.rt1, when, verified_at=when + dt.timedelta(hours=hours, minutes=20))
        got, expected = (
            rolled.report_to_acknowledgement(period),
            direct_timing.report_to_acknowledgement(period),
        )
        self.assertEqual(got.median, 6.5)  # 6:20 is in the bucket (6, 7] h: its middle
        self.assertEqual(expected.median, 6.3)
        self.assertLessEqual(abs(got.p90 - expected.p90), 12, (got, expected))
