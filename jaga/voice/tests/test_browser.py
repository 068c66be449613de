"""The survey in a real browser at 360 px: a facilitator opens a session, three children
answer (one reaches the help screen), the session closes at its expected number, the analyst
sees nothing below 10 and the public page nothing derivable."""

import datetime as dt

import pytest
from django.utils import timezone

from jaga.testing.browser import BrowserTestCase
from jaga.voice.models import Questionnaire, Response
from jaga.voice.services.survey import questionnaire_load, round_create
from jaga.voice.tests.helpers import DANGER, FINE


@pytest.mark.browser
class SurveyBrowserTest(BrowserTestCase):
    window_size = "360,740"

    def load_data(self):
        questionnaire_load()  # a live-server test empties tables; the questionnaire comes back

    def child_answers(self, code: str, values: dict[str, str]) -> str:
        """A child on a fresh phone: no account, no cookie of anyone before."""
        self.driver.delete_all_cookies()
        self.open("/suara/")
        self.fill({"kode": code.lower()})
        self.submit()
        self.click('a[href$="/8-12/"]')
        for name, value in values.items():
            self.find(f'input[name="{name}"][value="{value}"]').click()
        self.submit()
        return self.find("h1").text

    def test_a_session_from_opening_to_results(self):
        today = timezone.localdate()
        round_create(
            by=self.admin,
            city=self.city,
            name="Semester uji",
            questionnaire=Questionnaire.objects.get(),
            opens_on=today - dt.timedelta(days=5),
            closes_on=today + dt.timedelta(days=30),
        )
        # 1. The facilitator opens a session for three children.
        self.as_(self.activist)
        self.open("/suara-anak/sesi/baru/")
        self.fill(
            {
                "place": "Balai Kelurahan Manggar",
                "expected_answers": "3",
                "helper_name": "Kak Rina",
            },
            selects={"kelurahan": str(self.manggar.pk)},
        )
        self.submit()
        code = self.find(".session-code").text
        self.assertEqual(len(code), 6)

        # 2. Three children answer; the third reaches the help screen.
        self.assertEqual(self.child_answers(code, FINE), "Terima kasih!")
        self.assertEqual(self.child_answers(code, FINE), "Terima kasih!")
        self.assertEqual(self.child_answers(code, DANGER), "Kamu tidak sendiri")
        self.assertIn("Kak Rina", self.find("main").text)
        self.assertTrue(self.find('a[href="tel:129"]').text.endswith("Telepon SAPA 129"))
        self.assertEqual(Response.objects.count(), 3)

        # 3. The session closed itself at three answers; a fourth child is told so.
        self.driver.delete_all_cookies()
        self.open("/suara/")
        self.fill({"kode": code})
        self.submit()
        self.assertIn("sudah selesai", self.find("main").text)
        self.as_(self.activist)
        self.open("/suara-anak/")
        self.click(f'a[href$="/sesi/{Response.objects.first().session_id}/"]')
        self.assertIn("Ditutup", self.find("main").text)
        self.assertIn("3 / 3", self.find("main").text.replace("\n", " "))

        # 4. The analyst sees nothing below 10; neither does the public.
        self.as_(self.analyst)
        self.open("/suara-anak/hasil/?wilayah=64.71")
        self.assertIn("Baru 3 jawaban", self.find("main").text)
        self.assertEqual(self.driver.find_elements("css selector", "main h3"), [])  # no tables
        # Side by side with the case figures: the kecamatan's answers show as "<10".
        first_row = self.find("main table tbody tr").text
        self.assertIn("Balikpapan Timur <10", first_row)
        self.driver.delete_all_cookies()
        self.open("/suara/hasil/")
        self.assertIn("Baru 3 jawaban", self.find("main").text)
        self.assertEqual(self.driver.find_elements("css selector", "main table td.num"), [])
        width, view = self.driver.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth]"
        )
        self.assertEqual(view, 360)
        self.assertLessEqual(width, view)  # nothing wider than the phone
