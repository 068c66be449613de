"""The case browser test extended (same helpers): a case is referred to the puskesmas, its
officer accepts and completes the service, the case manager sees it on the case page.
Skipped, saying so, where no Chromium is installed."""

import datetime

import pytest
from django.utils import timezone

from jaga.cases.services import consent_record
from jaga.cases.tests.helpers import open_case
from jaga.codes.services import codes_load
from jaga.referrals.models import Referral, ReferralStatus
from jaga.testing.browser import BrowserTestCase


@pytest.mark.browser
class ReferralBrowserTest(BrowserTestCase):
    def load_data(self):
        codes_load()  # a live-server test empties tables between tests; the codes come back

    def test_referral_to_puskesmas_accepted_and_completed(self):
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
        # 1. The case manager refers the case from its page.
        self.as_(self.manager)
        self.open(f"/kasus/{case.pk}/")
        self.click("#refer")
        self.fill(
            {"note": "Mohon pemeriksaan kesehatan."},
            selects={"organisation": str(self.puskesmas.pk), "service": "kesehatan"},
            clicks=[
                'input[name="shared_fields"][value="case_facts"]',
                'input[name="shared_fields"][value="contact"]',
            ],
        )
        self.set_date("due_date", timezone.localdate() + datetime.timedelta(days=7))
        self.submit("#referral-form")
        referral = Referral.objects.get()
        self.assertIn(referral.letter_number, self.find("h1").text)

        # 2. The puskesmas officer accepts, records the service and completes it.
        self.as_(self.partner)
        self.open("/rujukan/")
        self.click(f'a[href="/rujukan/{referral.pk}/"]')
        self.assertIn("Jalan Mawar", self.find("#shared").text)  # contact shared
        self.assertNotIn("6471010101900001", self.driver.page_source)  # NIK not shared
        self.click("#accept")
        self.fill({"note": "Visum dan konseling."})
        self.set_date("served_on", timezone.localdate())
        self.click("#record-service")
        self.click("#complete")
        self.assertIn("Selesai", self.find("#referral-status").text)

        # 3. The case manager sees it on the case page, and the service among the case's.
        self.as_(self.manager)
        self.open(f"/kasus/{case.pk}/")
        self.assertIn("Selesai", self.find("#case-referrals").text)
        self.assertIn("Puskesmas Manggar", self.find("#services").text)
        self.assertIn(referral.letter_number, self.find("#timeline").text)
        self.assertEqual(Referral.objects.get().status, ReferralStatus.COMPLETED)
