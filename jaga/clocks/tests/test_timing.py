"""The pure clock arithmetic: working days, every state, escalation levels."""

import datetime
from zoneinfo import ZoneInfo

from django.test import SimpleTestCase

from jaga.clocks.timing import (
    ClockState,
    add_working_days,
    clock_state,
    due_at,
    escalation_level,
    make_clock,
)

WITA = ZoneInfo("Asia/Makassar")


def at(day: int, hour: int = 10, minute: int = 0) -> datetime.datetime:
    """A time in March 2026 (WITA): the 6th is a Friday, the 7th/8th a weekend."""
    return datetime.datetime(2026, 3, day, hour, minute, tzinfo=WITA)


class WorkingDayTests(SimpleTestCase):
    def test_weekdays_count_one_each(self):
        self.assertEqual(add_working_days(at(2), 2), at(4))  # Monday → Wednesday

    def test_weekend_is_skipped(self):
        self.assertEqual(add_working_days(at(6), 2), at(10))  # Friday → Tuesday
        self.assertEqual(add_working_days(at(5), 3), at(10))  # Thursday → Tuesday

    def test_a_start_on_the_weekend_counts_from_monday(self):
        self.assertEqual(add_working_days(at(7), 1), at(9))  # Saturday → Monday
        self.assertEqual(add_working_days(at(8, 23, 30), 1), at(9, 23, 30))  # Sunday night

    def test_holidays_are_skipped(self):
        nyepi = datetime.date(2026, 3, 19)  # Thursday
        self.assertEqual(add_working_days(at(18), 1, {nyepi}), at(20))
        self.assertEqual(add_working_days(at(18), 2, {nyepi, datetime.date(2026, 3, 20)}), at(24))

    def test_wall_clock_time_is_kept_in_wita_whatever_the_input_zone(self):
        utc = at(6).astimezone(datetime.UTC)
        self.assertEqual(add_working_days(utc, 1), at(9))

    def test_units(self):
        self.assertEqual(due_at(at(6), 24, "hours"), at(7))
        self.assertEqual(due_at(at(6), 3, "days"), at(9))
        self.assertEqual(due_at(at(6), 3, "working_days"), at(11))
        with self.assertRaises(ValueError):
            due_at(at(6), 1, "weeks")


class StateTests(SimpleTestCase):
    start, due = at(2, 10), at(2, 14)  # a four-hour window: the last hour is "due soon"

    def state(self, now, done=None):
        return clock_state(started_at=self.start, due=self.due, done_at=done, now=now)

    def test_every_state(self):
        self.assertEqual(self.state(at(2, 10)), ClockState.ON_TIME)
        self.assertEqual(self.state(at(2, 12, 59)), ClockState.ON_TIME)
        self.assertEqual(self.state(at(2, 13)), ClockState.DUE_SOON)
        self.assertEqual(self.state(at(2, 13, 59)), ClockState.DUE_SOON)
        self.assertEqual(self.state(at(2, 14)), ClockState.OVERDUE)
        self.assertEqual(self.state(at(9), done=at(2, 14)), ClockState.DONE_ON_TIME)
        self.assertEqual(self.state(at(9), done=at(2, 14, 1)), ClockState.DONE_LATE)

    def test_levels(self):
        def level(now):
            return escalation_level(started_at=self.start, due=self.due, now=now)

        self.assertEqual(level(at(2, 13, 59)), 0)
        self.assertEqual(level(at(2, 14)), 1)
        self.assertEqual(level(at(2, 17, 59)), 1)
        self.assertEqual(level(at(2, 18)), 2)
        self.assertEqual(level(at(2, 22)), 3)
        self.assertEqual(level(at(20)), 3)  # never beyond DP3AKB

    def test_a_done_clock_does_not_escalate(self):
        clock = make_clock(
            step="report_ack", started_at=self.start, due=self.due, done_at=at(3), now=at(9)
        )
        self.assertEqual(
            (clock.state, clock.level, clock.badge), (ClockState.DONE_LATE, 0, "overdue")
        )
        clock = make_clock(
            step="report_ack", started_at=self.start, due=self.due, done_at=None, now=at(2, 13)
        )
        self.assertEqual(
            (clock.badge, clock.label), ("due-soon", "menunggu tanggapan — sisa 1 jam")
        )


class LabelTests(SimpleTestCase):
    """A chip never says a step that has not happened was done on time."""

    start = at(2, 9)
    due = at(3, 9)  # a 24-hour window

    def label(self, step="report_ack", done_at=None, now=None):
        clock = make_clock(
            step=step, started_at=self.start, due=self.due, done_at=done_at, now=now or at(2, 10)
        )
        return clock.label

    def test_a_running_step_says_what_is_awaited_and_how_long_is_left(self):
        self.assertEqual(self.label(now=at(3, 4)), "menunggu tanggapan — sisa 5 jam")
        self.assertEqual(self.label(now=at(3, 8, 30)), "menunggu tanggapan — sisa 30 menit")
        self.assertEqual(
            self.label("outreach", now=at(2, 10)), "menunggu kontak pertama — sisa 23 jam"
        )
        self.assertNotIn("tepat waktu", self.label(now=at(2, 10)))

    def test_an_overdue_step_says_how_late_it_is(self):
        self.assertEqual(self.label(now=at(3, 12)), "menunggu tanggapan — terlambat 3 jam")
        self.assertEqual(self.label(now=at(6, 9)), "menunggu tanggapan — terlambat 3 hari")

    def test_a_done_step_says_when_and_whether_on_time(self):
        self.assertEqual(
            self.label(done_at=at(2, 15, 5), now=at(9)), "selesai 2 Mar 2026 15:05, tepat waktu"
        )
        self.assertEqual(
            self.label(done_at=at(3, 11), now=at(9)), "selesai 3 Mar 2026 11:00, terlambat"
        )
