"""Sharing follows consent at every read and ends after the referral ends (issue 19, item 1):
the page, the letter and the API read what a consent *still in force* allows, for the victims
named in the referral, and nothing of the victims once the grace period has passed."""

import datetime
import json
from unittest import mock

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from jaga.cases.models import CaseEvent, EventKind
from jaga.cases.services import case_person_add, consent_withdraw
from jaga.referrals import services
from jaga.referrals.selectors import referral_shared_data
from jaga.referrals.tests.helpers import ADDRESS, ReferralTestCase, pdf_text

LATER_ADDRESS = "Jalan Kenanga Ujung No. 9"


class SharingFollowsConsentTests(ReferralTestCase):
    def reads(self, referral):
        """What the partner reads on the page, in the letter and over the API."""
        self.login(self.partner)
        page = self.client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
        letter = self.client.get(reverse("referrals:letter", args=[referral.pk]))
        api = json.dumps(self.client.get(f"/api/rujukan/{referral.pk}").json())
        return page, pdf_text(letter.content), api

    def test_withdrawn_consent_ends_sharing_at_once_everywhere(self):
        referral = self.send()
        self.assertTrue(all(ADDRESS in text for text in self.reads(referral)))
        consent_withdraw(consent=self.consent, by=self.manager)
        for text in self.reads(referral):
            self.assertNotIn(ADDRESS, text)
        data = referral_shared_data(self.partner, referral)
        self.assertEqual(data.fields, [])
        self.assertIn("persetujuan telah ditarik", data.withheld)
        note = CaseEvent.objects.filter(case=self.case, kind=EventKind.NOTE).latest("pk").note
        self.assertIn(referral.letter_number, note)
        self.assertIn("Persetujuan ditarik", note)

    def test_victim_added_after_sending_is_not_shared(self):
        referral = self.send()
        case_person_add(
            case=self.case,
            by=self.manager,
            kind="victim",
            victim_kind="child",
            sex="P",
            age=9,
            name="Adik Korban Kedua",
            nik="",
            address=LATER_ADDRESS,
            phone="",
        )
        data = referral_shared_data(self.partner, referral)
        self.assertEqual(len(data.victims), 1)
        for text in self.reads(referral):
            self.assertNotIn(LATER_ADDRESS, text)

    @override_settings(REFERRAL_GRACE_DAYS=30)
    def test_completed_referral_shares_until_the_grace_period_ends(self):
        referral = self.send()
        services.referral_accept(referral=referral, by=self.partner)
        services.referral_record_service(
            referral=referral, by=self.partner, served_on=timezone.localdate(), note="Visum."
        )
        referral = services.referral_complete(referral=referral, by=self.partner)
        self.assertIn("tidak lagi terbuka bagi mitra sejak", self.case.events.latest("pk").note)
        self.assertIn(ADDRESS, self.reads(referral)[0])
        later = timezone.now() + datetime.timedelta(days=31)
        with mock.patch("django.utils.timezone.now", return_value=later):
            page, letter, api = self.reads(referral)
            data = referral_shared_data(self.partner, referral)
        for text in (page, letter, api):
            self.assertNotIn(ADDRESS, text)
        self.assertTrue(data.ended)
        self.assertEqual(data.victims, [])
        # The partner keeps the referral's record and their own service entry.
        self.assertIn(referral.letter_number, page)
        self.assertIn("Visum.", page)

    @override_settings(REFERRAL_GRACE_DAYS=0)
    def test_declined_referral_with_no_grace_shares_nothing(self):
        referral = self.send()
        referral = services.referral_decline(referral=referral, by=self.partner, reason="Penuh.")
        for text in self.reads(referral):
            self.assertNotIn(ADDRESS, text)
