"""The issue's "done when" in a real phone-sized browser (360×740): an activist records a
session and an accompaniment, the ketua confirms the month, the kelurahan officer sees the
reach page with those figures, and a silent kelurahan is flagged by the pulse and notified."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from jaga.access.roles import Role
from jaga.cases.tests.helpers import join, open_case
from jaga.codes.services import codes_load
from jaga.forum.models import (
    Accompaniment,
    Activist,
    Chapter,
    ChapterReport,
    EducationSession,
    Position,
)
from jaga.forum.tests.base import FORMED, activist_record
from jaga.testing import make_person
from jaga.testing.browser import BrowserTestCase


@pytest.mark.browser
class ForumBrowserTest(BrowserTestCase):
    window_size = "360,740"

    def load_data(self):
        codes_load()  # a live-server test empties tables between tests; the codes come back

    def test_session_accompaniment_report_reach_and_pulse(self):
        chapter = Chapter.objects.create(
            kelurahan=self.manggar, organisation=self.chapter, formed_on=FORMED
        )
        activist_record(chapter, 1, Position.CHAIR, self.activist)
        lamaru_officer = make_person("lamaru_officer", Role.KELURAHAN_OFFICER, area=self.lamaru)
        case = open_case(self)
        join(case, self.activist)
        today = timezone.localdate()

        # 1. The activist records a session on the phone.
        self.as_(self.activist)
        self.open("/fp2atbm/sosialisasi/baru/")
        self.driver.save_screenshot("/tmp/forum-session-form.png")
        self.fill(
            {
                "held_on": today.strftime("%m%d%Y"),
                "girls": "7",
                "boys": "5",
                "women": "9",
                "men": "3",
            },
            selects={"place_kind": "school"},
            clicks=[
                f'input[name="rts"][value="{self.rt1.pk}"]',
                'input[name="topics"][value="perundungan"]',
                'input[name="audience"][value="children"]',
            ],
        )
        self.submit()
        self.assertIn("Sosialisasi dicatat", self.find(".messages").text)
        self.assertEqual(EducationSession.objects.get().children, 12)

        # 2. … and an accompaniment on the case whose team they are on.
        self.open("/fp2atbm/pendampingan/")
        self.click(f'a[href="/fp2atbm/pendampingan/kasus/{case.pk}/"]')
        self.set_date("visited_on", today)
        self.fill(
            {"transport_cost": "30000"},
            clicks=['input[name="destination"][value="puskesmas"]'],
        )
        self.submit()
        self.assertIn("linimasa kasus", self.find(".messages").text)
        self.assertEqual(Accompaniment.objects.get().transport_cost, 30000)

        # 3. The ketua (the same activist) confirms the month in one tap.
        self.open("/fp2atbm/laporan/")
        self.driver.save_screenshot("/tmp/forum-report.png")
        self.submit("main form")
        report = ChapterReport.objects.get(month=today.replace(day=1))
        self.assertEqual(
            (report.sessions, report.children_reached, report.accompaniments), (1, 12, 1)
        )

        # 4. The kelurahan officer sees those figures on the reach page.
        self.as_(self.kel_officer)
        self.open(f"/fp2atbm/cakupan/{self.manggar.code}/?bulan={today:%Y-%m}")
        self.driver.save_screenshot("/tmp/forum-reach.png")
        self.assertEqual(self.find("#sessions").text, "1")
        self.assertEqual(self.find("#accompaniments").text, "1")
        self.assertIn("12 anak dan 12 dewasa", self.find("#totals").text)

        # 5. Lamaru (RTs, no answers, no chapter, no report) is flagged and its officer told.
        call_command("fp2atbm_pulse")
        self.as_(lamaru_officer)
        self.open("/notifikasi/")
        self.driver.save_screenshot("/tmp/forum-pulse-notice.png")
        self.assertIn("Lamaru senyap", self.find("main").text)
        self.as_(self.admin)
        self.open(f"/fp2atbm/cakupan/{self.city.code}/")
        self.assertIn("Lamaru", self.find("#pulse").text)
        self.assertFalse(Activist.objects.filter(chapter__kelurahan=self.lamaru).exists())
