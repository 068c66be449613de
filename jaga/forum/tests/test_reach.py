"""Reach figures and the pulse against hand-counted expectations.

Last closed month M: Manggar (3 RTs; ketua trained, one untrained member) holds two sessions
(RT 1+2: 3 girls, 2 boys, 10 women, 5 men; RT 2: 4 women), one accompaniment and one meeting.
Prapatan (2 RTs; one untrained activist) held a session three months before M (RT 1, 1 girl),
and its RT 1 confirmed nil in M-1. Lamaru (2 RTs) has no chapter, no answer and no report.
"""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from jaga.access.roles import Role
from jaga.cases.tests.helpers import join, open_case
from jaga.core.periods import last_closed_month, months_ending, previous_month
from jaga.forum.figures import pulse_silent, reach_figures, reach_summary
from jaga.forum.models import ActivistTraining, EducationSession, PulseFlag
from jaga.forum.services.accompaniment import accompaniment_record
from jaga.forum.services.pulse import pulse_flag
from jaga.forum.services.sessions import meeting_record
from jaga.forum.tests.base import ForumTestCase, activist_record, add_session
from jaga.notifications.models import Notification
from jaga.reports.models import Channel
from jaga.reports.tests.helpers import make_report
from jaga.sections.models import MonthlyReturn, ReturnKind
from jaga.testing import count_queries, make_person


class ReachTests(ForumTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.month = last_closed_month()
        m = cls.month
        ActivistTraining.objects.create(
            activist=cls.chair, title="PATBM", held_on=dt.date(2025, 7, 15)
        )
        add_session(
            cls.manggar_chapter,
            m.replace(day=3),
            [cls.rt1, cls.rt2],
            girls=3,
            boys=2,
            women=10,
            men=5,
        )
        add_session(cls.manggar_chapter, m.replace(day=20), [cls.rt2], women=4)
        meeting_record(
            chapter=cls.manggar_chapter, held_on=m.replace(day=9), partner="pkk", recorded_by=None
        )
        three_before = months_ending(m, 4)[0]
        add_session(cls.prapatan_chapter, three_before.replace(day=5), [cls.prapatan_rt1], girls=1)
        MonthlyReturn.objects.create(
            rt=cls.prapatan_rt1, month=previous_month(m), kind=ReturnKind.NIL
        )
        cls.lamaru_officer = make_person("lamaru_officer", Role.KELURAHAN_OFFICER, area=cls.lamaru)

    def setUp(self):
        case = open_case(self)
        join(case, self.activist)
        # The case was reported today; a visit on it is dated today but counted in M by
        # moving it back (accompaniments before the report are refused by the service).
        visit = accompaniment_record(
            case=case,
            activist=self.activist,
            visited_on=timezone.localdate(case.reported_at),
            destination="court",
        )
        type(visit).objects.filter(pk=visit.pk).update(visited_on=self.month.replace(day=12))
        # open_case files an RT report in Manggar today: it does not touch M or M-1.

    def test_kelurahan_figures(self):
        r = reach_figures(self.manggar, self.month)
        self.assertEqual(
            (r.kelurahan, r.chapters, r.activists, r.trained, r.pct_trained, r.at_norm),
            (1, 1, 2, 1, 50.0, 0),
        )
        self.assertEqual((r.sessions, r.children, r.adults), (2, 5, 19))
        self.assertEqual((r.rts, r.rts_reached, r.accompaniments, r.meetings), (3, 2, 1, 1))

    def test_city_figures_and_rows_sum_up(self):
        r = reach_figures(self.city, self.month)
        self.assertEqual((r.kelurahan, r.chapters, r.activists, r.trained), (34, 2, 3, 1))
        self.assertEqual((r.sessions, r.children, r.adults, r.rts, r.rts_reached), (2, 5, 19, 7, 3))
        rows = {row.area.code: row.reach for row in reach_summary(self.city, self.month)[1]}
        self.assertEqual(len(rows), 6)
        timur = rows[self.manggar.parent.code]
        self.assertEqual((timur.chapters, timur.activists, timur.rts, timur.sessions), (1, 2, 5, 2))

    def test_norm_of_four_active_activists(self):
        for n in (3, 4):
            activist_record(self.manggar_chapter, n)
        self.assertEqual(reach_figures(self.manggar, self.month).at_norm, 1)

    def test_pulse_flags_lamaru_only(self):
        self.assertEqual(pulse_silent(self.city, self.month), [self.lamaru])

    def test_a_report_from_the_kelurahan_breaks_the_silence(self):
        report = make_report(self, rt=self.lamaru_rt1, by=self.manager, channel=Channel.HOTLINE)
        type(report).objects.filter(pk=report.pk).update(
            received_at=report.received_at.replace(
                year=self.month.year, month=self.month.month, day=15
            )
        )
        self.assertEqual(pulse_silent(self.city, self.month), [])

    def test_pulse_notifies_the_kelurahan_officer_and_dp3akb_once(self):
        flags = pulse_flag(area=self.city, month=self.month)
        self.assertEqual([f.kelurahan for f in flags], [self.lamaru])
        told = set(
            Notification.objects.filter(kind="forum.pulse").values_list("recipient", flat=True)
        )
        self.assertEqual(told, {self.lamaru_officer.pk, self.admin.pk})
        self.assertEqual(pulse_flag(area=self.city, month=self.month), [])
        self.assertEqual(Notification.objects.filter(kind="forum.pulse").count(), 2)
        self.assertEqual(PulseFlag.objects.count(), 1)

    def test_reach_page_for_the_kelurahan_officer(self):
        self.login(self.kel_officer)
        response = self.client.get(reverse("forum:reach_index"), follow=True)
        self.assertContains(response, "Cakupan FP2ATBM")
        self.assertContains(response, '<strong id="sessions">2</strong>', html=False)
        self.assertEqual(
            self.client.get(reverse("forum:reach", args=[self.prapatan.code])).status_code, 404
        )

    def test_city_page_shows_the_pulse_and_exports(self):
        self.login(self.admin)
        url = reverse("forum:reach", args=[self.city.code]) + f"?bulan={self.month:%Y-%m}"
        self.assertContains(self.client.get(url), "Lamaru")
        xlsx = self.client.get(reverse("forum:export_xlsx", args=[self.city.code]))
        self.assertEqual(xlsx.status_code, 200)
        self.assertTrue(xlsx.content.startswith(b"PK"))
        pdf = self.client.get(reverse("forum:export_pdf", args=[self.city.code]))
        self.assertTrue(pdf.content.startswith(b"%PDF"))

    def test_analyst_sees_aggregates_not_chapters(self):
        self.login(self.analyst)
        self.assertEqual(
            self.client.get(reverse("forum:reach", args=[self.city.code])).status_code, 200
        )
        self.assertEqual(
            self.client.get(reverse("forum:chapter", args=[self.manggar.code])).status_code, 403
        )

    def test_reach_page_queries_constant_at_two_sizes(self):
        self.login(self.admin)
        url = reverse("forum:reach", args=[self.city.code])
        self.client.get(url)
        small = count_queries(self.client, url)
        for day in range(1, 25):
            add_session(self.manggar_chapter, self.month.replace(day=day), [self.rt3], men=day)
            add_session(
                self.prapatan_chapter, self.month.replace(day=day), [self.prapatan_rt1], men=day
            )
        for n in range(5, 15):
            activist_record(self.prapatan_chapter, n)
        self.assertEqual(EducationSession.objects.count(), 51)
        self.assertEqual(count_queries(self.client, url), small)
        self.assertEqual(small, REACH_PAGE_QUERIES)


REACH_PAGE_QUERIES = 28
