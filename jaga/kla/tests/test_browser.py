"""The KLA evaluation's "done when" for an agency, in a real browser at a phone's size: the
Dinas Pendidikan focal person opens the round, finds the indicator given to their agency and
answers its item. Skipped, saying so, where no Chromium is installed."""

import pytest

from jaga.codes.services import codes_load
from jaga.kla.models import Answer
from jaga.kla.services import round_open
from jaga.taskforce.tests.helpers import build_taskforce
from jaga.testing.browser import BrowserTestCase


@pytest.mark.browser
class KlaBrowserTest(BrowserTestCase):
    window_size = "360,740"

    def load_data(self):
        codes_load()  # the live server's tables are emptied between tests

    def setUp(self):
        super().setUp()
        build_taskforce(type(self))
        self.round = round_open(city=self.city, year=2027)

    def test_a_focal_person_answers_an_item_on_a_phone(self):
        self.as_(self.education)
        self.open("/kla/")
        self.click("#round-2027")
        self.assertIn("tugas Anda", self.find("#indicators").text)
        self.click('#indicators a[href$="/indikator/19/"]')
        item = '[id="item-19.1"]'
        self.fill({self.find(f"{item} input[type=text]").get_attribute("name"): "150"})
        self.submit(f"{item} form")
        self.assertIn("0 sampai 100", self.find(item).text)
        self.assertFalse(Answer.objects.exists())
        self.fill({self.find(f"{item} input[type=text]").get_attribute("name"): "62,5"})
        self.submit(f"{item} form")
        self.assertIn("Jawaban 19.1 disimpan", self.find("main").text)
        self.assertEqual(Answer.objects.get().value, "62.5")
        self.assertIn("18,8", self.find(item).text)  # 62.5 % of 30 points
        width = self.driver.execute_script("return document.documentElement.scrollWidth")
        self.assertLessEqual(width, 360)  # nothing wider than the phone
