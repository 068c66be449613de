"""Referral pages, API and letter: who sees what, consent refusals shown, downloads audited."""

import datetime
import json

from django.urls import reverse
from django.utils import timezone

from jaga.audit.models import AuditAction, AuditEvent
from jaga.cases.models import MemberRole
from jaga.cases.tests.helpers import join
from jaga.referrals.models import Referral, ReferralStatus
from jaga.referrals.tests.helpers import ADDRESS, NAME, NIK, ReferralTestCase, pdf_text


class PageTests(ReferralTestCase):
    def test_manager_refers_from_the_case_page(self):
        self.login(self.manager)
        page = self.client.get(reverse("cases:detail", args=[self.case.pk]))
        self.assertContains(page, reverse("referrals:create", args=[self.case.pk]))
        self.assertContains(page, 'data-step="outreach"')  # the case's step clocks
        due = timezone.localdate() + datetime.timedelta(days=5)
        response = self.client.post(
            reverse("referrals:create", args=[self.case.pk]),
            {
                "organisation": self.puskesmas.pk,
                "service": "kesehatan",
                "shared_fields": ["case_facts", "contact"],
                "due_date": due.isoformat(),
                "note": "Pemeriksaan kesehatan.",
            },
        )
        referral = Referral.objects.get()
        self.assertRedirects(response, reverse("referrals:detail", args=[referral.pk]))
        page = self.client.get(reverse("cases:detail", args=[self.case.pk]))
        self.assertContains(page, referral.letter_number)

    def test_consent_refusal_is_shown_on_the_form(self):
        self.login(self.manager)
        response = self.client.post(
            reverse("referrals:create", args=[self.case.pk]),
            {
                "organisation": self.puskesmas.pk,
                "service": "kesehatan",
                "shared_fields": ["identity"],
                "due_date": (timezone.localdate() + datetime.timedelta(days=2)).isoformat(),
            },
        )
        self.assertContains(
            response, "Persetujuan yang tercatat tidak mengizinkan", status_code=400
        )
        self.assertFalse(Referral.objects.exists())

    def test_only_the_case_team_may_refer(self):
        for person, status in ((self.manager2, 403), (self.partner, 403), (self.kel_officer, 403)):
            self.login(person)
            response = self.client.get(reverse("referrals:create", args=[self.case.pk]))
            self.assertIn(response.status_code, (status, 404), person)

    def test_partner_page_shows_only_shared_fields(self):
        referral = self.send()
        self.login(self.partner)
        page = self.client.get(reverse("referrals:detail", args=[referral.pk]))
        self.assertContains(page, ADDRESS)
        self.assertNotContains(page, NIK)
        self.assertNotContains(page, NAME)
        self.assertContains(page, 'id="accept"')

    def test_partner_life_cycle_through_pages_and_manager_sees_it(self):
        referral = self.send()
        self.login(self.partner)
        self.client.post(reverse("referrals:accept", args=[referral.pk]))
        self.client.post(
            reverse("referrals:service", args=[referral.pk]),
            {"served_on": timezone.localdate().isoformat(), "note": "Visum et repertum."},
        )
        self.client.post(reverse("referrals:complete", args=[referral.pk]))
        referral.refresh_from_db()
        self.assertEqual(referral.status, ReferralStatus.COMPLETED)
        self.login(self.manager)
        page = self.client.get(reverse("cases:detail", args=[self.case.pk]))
        self.assertContains(page, "Selesai")
        self.assertContains(page, "Puskesmas Manggar")  # the service, given by the partner

    def test_other_organisation_and_outsiders_get_nothing(self):
        referral = self.send()
        for person in (self.police_officer, self.manager2, self.outsider):
            self.login(person)
            with self.subTest(person=person.username):
                self.assertEqual(
                    self.client.get(reverse("referrals:detail", args=[referral.pk])).status_code,
                    404,
                )
                response = self.client.post(reverse("referrals:accept", args=[referral.pk]))
                self.assertIn(response.status_code, (403, 404))
        self.login(self.police_officer)
        self.assertNotContains(self.client.get(reverse("referrals:list")), referral.letter_number)
        referral.refresh_from_db()
        self.assertEqual(referral.status, ReferralStatus.SENT)

    def test_head_sees_the_referral_without_its_shared_data(self):
        referral = self.send()
        self.login(self.head)
        page = self.client.get(reverse("referrals:detail", args=[referral.pk]))
        self.assertContains(page, referral.letter_number)
        self.assertNotContains(page, ADDRESS)

    def test_list_query_count_is_constant(self):
        self.login(self.partner)
        url = reverse("referrals:list")
        self.send()
        self.client.get(url)  # warm the session
        with self.assert_query_count(4):
            self.client.get(url)
        for _ in range(4):
            self.send()
        with self.assert_query_count(4):
            self.assertEqual(self.client.get(url).content.decode().count("referral-row"), 5)


class LetterTests(ReferralTestCase):
    def test_letter_has_letterhead_number_and_only_shared_fields(self):
        referral = self.send()
        self.login(self.partner)
        response = self.client.get(reverse("referrals:letter", args=[referral.pk]))
        self.assertEqual(response["Content-Type"], "application/pdf")
        text = pdf_text(response.content)
        for expected in ("KOTA BALIKPAPAN", "DP3AKB BALIKPAPAN", "UPTD PPA BALIKPAPAN", ADDRESS):
            self.assertIn(expected, text)
        self.assertIn(referral.letter_number.replace("/", "/"), text)
        self.assertNotIn(NIK, text)
        self.assertNotIn(NAME, text)
        event = AuditEvent.objects.filter(action=AuditAction.DOWNLOAD).get()
        self.assertEqual((event.object_id, event.actor), (str(referral.pk), self.partner))

    def test_letter_denied_to_others_and_not_audited(self):
        referral = self.send()
        for person, statuses in (
            (self.police_officer, {404}),
            (self.manager2, {403, 404}),
            (self.admin, {403, 404}),
            (self.kel_officer, {403}),
        ):
            self.login(person)
            response = self.client.get(reverse("referrals:letter", args=[referral.pk]))
            self.assertIn(response.status_code, statuses, person.username)
        self.assertFalse(AuditEvent.objects.filter(action=AuditAction.DOWNLOAD).exists())


class LetterLinkTests(ReferralTestCase):
    """The letter carries the shared data, so its link and its download follow
    ``referrals.shared``: the partner's officers and the case team, the head only on the team."""

    def assert_letter(self, person, status):
        referral = self.send()
        self.login(person)
        page = self.client.get(reverse("referrals:detail", args=[referral.pk]))
        self.assertEqual(page.status_code, 200)
        letter_url = reverse("referrals:letter", args=[referral.pk])
        if status == 200:
            self.assertContains(page, letter_url)
        else:
            self.assertNotContains(page, letter_url)
        self.assertEqual(self.client.get(letter_url).status_code, status)
        api = self.client.get(f"/api/rujukan/{referral.pk}/surat")
        self.assertEqual(api.status_code, status)

    def test_partner_and_case_manager_download_it(self):
        for person in (self.partner, self.manager):
            with self.subTest(person=person.username):
                self.assert_letter(person, 200)

    def test_head_on_the_case_team_downloads_it(self):
        join(self.case, self.head, MemberRole.OTHER)
        self.assert_letter(self.head, 200)

    def test_head_outside_the_team_sees_the_referral_without_link_and_is_refused(self):
        self.assert_letter(self.head, 403)
        self.assertFalse(AuditEvent.objects.filter(action=AuditAction.DOWNLOAD).exists())


class ApiTests(ReferralTestCase):
    def post(self, url, data=None):
        return self.client.post(url, json.dumps(data or {}), content_type="application/json")

    def test_life_cycle_over_the_api(self):
        self.login(self.manager)
        due = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
        payload = {
            "case_id": self.case.pk,
            "organisation_id": self.puskesmas.pk,
            "service": "kesehatan",
            "shared_fields": ["identity"],
            "due_date": due,
        }
        refused = self.post("/api/rujukan/", payload)
        self.assertEqual(refused.status_code, 422)
        self.assertIn("Persetujuan", refused.json()["detail"])
        created = self.post("/api/rujukan/", {**payload, "shared_fields": ["contact"]})
        self.assertEqual(created.status_code, 201, created.content)
        referral_id = created.json()["id"]

        self.login(self.police_officer)
        self.assertEqual(self.client.get(f"/api/rujukan/{referral_id}").status_code, 404)
        self.assertEqual(self.client.get("/api/rujukan/").json(), [])
        self.assertEqual(self.post(f"/api/rujukan/{referral_id}/terima").status_code, 404)

        self.login(self.partner)
        detail = self.client.get(f"/api/rujukan/{referral_id}").json()
        self.assertEqual(detail["shared"]["victims"][0]["shared"]["address"], ADDRESS)
        self.assertNotIn(NIK, json.dumps(detail))
        self.assertNotIn(NAME, json.dumps(detail))
        self.assertEqual(
            self.post(f"/api/rujukan/{referral_id}/terima").json()["status"], "accepted"
        )
        served = self.post(
            f"/api/rujukan/{referral_id}/layanan",
            {"served_on": timezone.localdate().isoformat(), "note": "Konseling."},
        )
        self.assertEqual(served.json()["status"], "served")
        done = self.post(f"/api/rujukan/{referral_id}/selesai").json()
        self.assertEqual(done["status"], "completed")
        self.assertEqual(done["clocks"][0]["state"], "done_on_time")
        letter = self.client.get(f"/api/rujukan/{referral_id}/surat")
        self.assertEqual(letter["Content-Type"], "application/pdf")
        self.assertNotIn(NIK, pdf_text(letter.content))
