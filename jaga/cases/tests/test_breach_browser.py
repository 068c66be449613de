"""The breach-notice page on a phone (360×740): the city administrator types a victim's NIK
and reads who saw it. Skipped, saying so, where no Chromium is installed."""

import datetime

import pytest
from django.utils import timezone

from jaga.cases.services import consent_record
from jaga.cases.tests.helpers import open_case
from jaga.codes.services import codes_load
from jaga.referrals.services import referral_send
from jaga.referrals.tests.helpers import NIK
from jaga.testing.browser import BrowserTestCase


@pytest.mark.browser
class BreachBrowserTest(BrowserTestCase):
    window_size = "360,740"

    def load_data(self):
        codes_load()

    def test_the_admin_finds_who_saw_a_victim_by_nik(self):
        case = open_case(self)
        consent_record(
            case=case,
            by=self.manager,
            given_by="guardian",
            given_on=timezone.localdate(),
            for_services=True,
            for_sharing=True,
            organisations=[self.puskesmas],
            shared_fields=["case_facts", "contact"],
        )
        referral = referral_send(
            case=case,
            by=self.manager,
            organisation=self.puskesmas,
            service="kesehatan",
            is_urgent=False,
            shared_fields=["case_facts", "contact"],
            due_date=timezone.localdate() + datetime.timedelta(days=7),
            note="Mohon pemeriksaan kesehatan.",
        )
        self.as_(self.partner)
        self.open(f"/rujukan/{referral.pk}/")
        self.as_(self.admin)
        self.open("/kasus/kebocoran/")
        self.fill({"nik": NIK})
        self.submit("#breach-lookup")
        events = self.find("#breach-report").text
        self.driver.execute_script("document.getElementById('breach-report').scrollIntoView()")
        self.driver.save_screenshot("/tmp/breach-report.png")
        self.assertIn("Puskesmas Manggar", events)
        self.assertIn(case.number, events)
        self.assertLessEqual(self.driver.execute_script("return document.body.scrollWidth"), 360)
