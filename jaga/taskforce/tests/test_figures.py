"""The KLA figures against a hand-counted task force (see each test's comments)."""

import datetime

from jaga.taskforce import figures
from jaga.taskforce.services.actions import action_item_close
from jaga.taskforce.services.meetings import Mark, attendance_record
from jaga.taskforce.tests.helpers import TaskforceTestCase, indicator, wita
from jaga.testing import queries_run

NOW = wita(2026, 3, 10, 12, 0)
TODAY = NOW.date()


class FiguresTests(TaskforceTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        test = cls("run")
        cls.m0 = test.meeting(wita(2025, 11, 7, 9, 0))
        cls.m1 = test.meeting(wita(2026, 1, 5, 9, 0))
        cls.m2 = test.meeting(wita(2026, 2, 10, 9, 0))
        for day in (2, 3, 4):  # three more in March 2026, attendance not recorded
            test.meeting(wita(2026, 3, day, 9, 0))
        test.meeting(wita(2026, 12, 20, 9, 0))  # not held yet on NOW

        def attend(meeting, **statuses):
            orgs = {
                "dp3akb": cls.dp3akb,
                "education": cls.education_org,
                "health": cls.health_org,
                "forum": cls.forum_org,
            }
            marks = [Mark(orgs[k].pk, v) for k, v in statuses.items()]
            attendance_record(meeting=meeting, marks=marks, by=cls.secretary)

        attend(cls.m0, forum="present")
        attend(cls.m1, dp3akb="present", education="present", health="represented", forum="present")
        attend(cls.m2, dp3akb="present", education="absent", health="present", forum="absent")

        a1 = test.action(cls.m1, datetime.date(2026, 2, 1), indicators=[indicator(19)])
        a2 = test.action(
            cls.m1, datetime.date(2026, 2, 1), indicators=[indicator(19), indicator(6)]
        )
        test.action(
            cls.m2, datetime.date(2026, 3, 1), owner=cls.m_health, indicators=[indicator(15)]
        )
        test.action(
            cls.m2, datetime.date(2026, 4, 1), owner=cls.m_health, indicators=[indicator(15)]
        )
        test.action(cls.m0, datetime.date(2025, 12, 1), owner=cls.m_forum)  # 2025: not counted
        # Closed at 22:00 WITA on its due date (14:00 UTC): on time.
        action_item_close(item=a1, evidence="ok", by=cls.education, at=wita(2026, 2, 1, 22, 0))
        action_item_close(item=a2, evidence="ok", by=cls.education, at=wita(2026, 2, 5, 9, 0))

    def test_meetings_per_year_and_the_questionnaire_band(self):
        rows = figures.meetings_per_year(self.tf, NOW)
        # 2024: none; 2025: 7 Nov; 2026 by 10 March: 5 Jan, 10 Feb, 2, 3 and 4 March.
        self.assertEqual(
            [(r.year, r.count, r.band) for r in rows],
            [
                (2024, 0, "0"),
                (2025, 1, "1–4"),
                (2026, 5, "> 4"),
            ],
        )

    def test_attendance_per_organisation(self):
        rows = {r.label: r for r in figures.attendance_by_organisation(self.tf, 2026)}
        # Two 2026 meetings have attendance recorded (the March ones do not).
        self.assertEqual(
            {label: (r.meetings, r.present, r.represented, r.rate) for label, r in rows.items()},
            {
                "DP3AKB Balikpapan": (2, 2, 0, 100.0),
                "Dinas Pendidikan": (2, 1, 0, 50.0),
                "Dinas Kesehatan": (2, 1, 1, 100.0),
                "Forum Anak Balikpapan": (2, 1, 0, 50.0),
            },
        )
        self.assertTrue(rows["Forum Anak Balikpapan"].is_forum_anak)

    def test_attendance_per_cluster(self):
        rows = figures.attendance_by_cluster(self.tf, 2026)
        self.assertEqual(
            [(r.label.split(" ")[0], r.attended, r.meetings) for r in rows],
            [("kelembagaan", 2, 2), ("I", 1, 2), ("III", 2, 2), ("IV", 1, 2)],
        )

    def test_forum_anak_attendance(self):
        forum = figures.forum_anak_attendance(self.tf, 2026)
        self.assertEqual((forum.attended, forum.meetings, forum.rate), (1, 2, 50.0))
        self.assertEqual(figures.forum_anak_attendance(self.tf, 2025).rate, 100.0)

    def test_action_items_per_organisation(self):
        rows = figures.actions_by_organisation(self.tf, 2026, TODAY)
        self.assertEqual(
            [(r.label, r.total, r.done, r.done_on_time, r.overdue) for r in rows],
            [("Dinas Kesehatan", 2, 0, 0, 1), ("Dinas Pendidikan", 2, 2, 1, 0)],
        )
        self.assertEqual(rows[1].on_time_rate, 50.0)

    def test_action_items_per_indicator(self):
        rows = figures.actions_by_indicator(self.tf, 2026, TODAY)
        self.assertEqual(
            [(r.label.split(".")[0], r.total, r.done, r.done_on_time, r.overdue) for r in rows],
            [("6", 1, 1, 0, 0), ("15", 2, 0, 0, 1), ("19", 2, 2, 1, 0)],
        )

    def test_a_fixed_number_of_queries(self):
        with queries_run() as few:
            figures.figures_for(self.tf, 2026, NOW)
        for n in range(5):
            meeting = self.meeting(wita(2026, 2, 11 + n, 9, 0))
            self.action(meeting, datetime.date(2026, 2, 28), indicators=[indicator(n + 1)])
        with self.assert_query_count(len(few)):
            figures.figures_for(self.tf, 2026, NOW)
