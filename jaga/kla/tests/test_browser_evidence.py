"""A focal person attaching evidence to their indicator on a phone (360 px): the upload sits
under the item, a refused file says why without the name, a kept one lifts the risk."""

import pytest
from django.urls import reverse

from jaga.cases.tests.helpers import open_case
from jaga.codes.services import codes_load
from jaga.kla.models import Evidence, Item
from jaga.kla.services import answer_record, round_open
from jaga.kla.tests.test_evidence import CLEAN, pdf_with
from jaga.reports.tests.helpers import NAME
from jaga.taskforce.tests.helpers import build_taskforce
from jaga.testing.browser import BrowserTestCase


@pytest.mark.browser
class EvidenceBrowserTest(BrowserTestCase):
    window_size = "360,740"

    def load_data(self):
        codes_load()  # the live server's tables are emptied between tests

    def test_a_focal_person_uploads_evidence_on_a_phone(self):
        build_taskforce(type(self))
        open_case(self)
        kla_round = round_open(city=self.city, year=2027)
        item = Item.objects.get(indicator__instrument=kla_round.instrument, code="19.1")
        assignment = kla_round.assignments.get(indicator__number=19)
        answer_record(assignment=assignment, item=item, value="80", note="", by=self.education)
        self.as_(self.education)
        self.open(reverse("kla:indicator", args=[kla_round.pk, 19]))
        upload = tmp = f"{self.profile}/daftar.pdf"
        with open(tmp, "wb") as out:
            out.write(pdf_with(f"Penerima: {NAME}"))
        self.find("#upload-19\\.1 summary").click()  # opens in place, no new page
        self.find(f"#id_bukti-{item.pk}-file").send_keys(upload)
        self.click("#upload-19\\.1 button")
        self.assertIn("berisi nama korban", self.find("#item-19\\.1").text)
        self.assertNotIn("Rahmawati", self.driver.page_source)
        self.driver.execute_script("document.querySelector('#upload-19\\\\.1').scrollIntoView()")
        with open(tmp, "wb") as out:
            out.write(CLEAN)
        self.find(f"#id_bukti-{item.pk}-file").send_keys(upload)
        self.click("#upload-19\\.1 button")
        self.assertIn("Bukti 1", self.find("#evidence-19\\.1").text)
        self.assertEqual(Evidence.objects.count(), 1)
        self.driver.execute_script("document.querySelector('#item-19\\\\.1').scrollIntoView()")
