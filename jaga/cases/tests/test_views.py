import io

from django.urls import reverse

from jaga.audit.models import AuditAction, AuditEvent
from jaga.cases.models import Case, CaseStatus
from jaga.cases.tests.helpers import join, open_case
from jaga.reports.tests.helpers import NAME, NIK, PDF_BYTES, count_queries
from jaga.testing import JagaTestCase


class DetailAccessTests(JagaTestCase):
    def setUp(self):
        self.case = open_case(self)
        join(self.case, self.activist)
        self.url = reverse("cases:detail", args=[self.case.pk])

    def test_case_team_sees_identity(self):
        for persona in ("manager", "activist"):
            with self.subTest(persona=persona):
                self.login(getattr(self, persona))
                response = self.client.get(self.url)
                self.assertContains(response, NIK)
                self.assertContains(response, NAME)

    def test_others_see_a_deidentified_summary_or_nothing(self):
        expected = {
            "manager2": 200,
            "head": 200,
            "admin": 200,
            "partner": 404,
            "rt_officer": 403,
            "rt_other": 403,
            "analyst": 403,
            "kel_officer": 403,
            "outsider": 404,
        }
        for persona, status in expected.items():
            with self.subTest(persona=persona):
                self.login(getattr(self, persona))
                response = self.client.get(self.url)
                self.assertEqual(response.status_code, status)
                self.assertNotContains(response, NIK, status_code=status)
                self.assertNotContains(response, NAME, status_code=status)
                if status == 200:
                    self.assertContains(response, "Ringkasan tanpa identitas")

    def test_every_read_is_audited_with_what_was_shown(self):
        self.login(self.manager2)
        self.client.get(self.url)
        event = AuditEvent.objects.filter(action=AuditAction.READ, object_type="cases.case").latest(
            "seq"
        )
        self.assertEqual((event.actor, event.fields), (self.manager2, ["summary"]))
        self.login(self.manager)
        self.client.get(self.url)
        event = AuditEvent.objects.filter(action=AuditAction.READ, object_type="cases.case").latest(
            "seq"
        )
        self.assertIn("people.nik", event.fields)

    def test_admin_reveals_with_a_reason(self):
        self.login(self.admin)
        refused = self.client.post(reverse("cases:reveal", args=[self.case.pk]), {"reason": "x"})
        self.assertEqual(refused.status_code, 400)
        self.assertNotContains(refused, NIK, status_code=400)
        response = self.client.post(
            reverse("cases:reveal", args=[self.case.pk]),
            {"reason": "Surat permintaan Polresta 12/2025"},
        )
        self.assertContains(response, NIK)
        event = AuditEvent.objects.get(action=AuditAction.REVEAL)
        self.assertEqual(event.reason, "Surat permintaan Polresta 12/2025")
        self.login(self.manager2)
        self.assertEqual(
            self.client.post(
                reverse("cases:reveal", args=[self.case.pk]), {"reason": "x" * 20}
            ).status_code,
            403,
        )

    def test_writes_are_for_the_case_team(self):
        transition = reverse("cases:transition", args=[self.case.pk])
        data = {"to_status": "verified", "version": 1}
        for persona, status in {
            "manager2": 403,
            "partner": 403,
            "activist": 403,
            "rt_other": 403,
            "admin": 403,
        }.items():
            with self.subTest(persona=persona):
                self.login(getattr(self, persona))
                self.assertEqual(self.client.post(transition, data).status_code, status)
        self.login(self.activist)  # a companion on the team writes notes
        self.client.post(
            reverse("cases:note", args=[self.case.pk]), {"note": "Pendampingan ke puskesmas."}
        )
        self.assertTrue(self.case.events.filter(kind="note").exists())
        self.login(self.manager)
        self.assertRedirects(self.client.post(transition, data), self.url)
        self.case.refresh_from_db()
        self.assertEqual(self.case.status, CaseStatus.VERIFIED)


class CaseFormTests(JagaTestCase):
    def setUp(self):
        self.case = open_case(self)
        self.login(self.manager)

    def test_forbidden_transition_message_on_the_page(self):
        response = self.client.post(
            reverse("cases:transition", args=[self.case.pk]),
            {"to_status": "monitoring", "version": 1},
        )
        self.assertContains(response, "tidak dapat diubah dari", status_code=400)

    def test_stale_page_is_refused(self):
        url = reverse("cases:transition", args=[self.case.pk])
        self.client.post(url, {"to_status": "verified", "version": 1})
        response = self.client.post(url, {"to_status": "closed", "version": 1, "note": "x"})
        self.assertContains(response, "diubah oleh", status_code=400)
        self.assertContains(response, "Muat ulang", status_code=400)

    def test_add_perpetrator_and_service(self):
        response = self.client.post(
            reverse("cases:person_add", args=[self.case.pk]),
            {
                "kind": "perpetrator",
                "sex": "L",
                "age": "41",
                "relationship": "tetangga",
                "education": "slta",
            },
        )
        self.assertRedirects(response, reverse("cases:detail", args=[self.case.pk]))
        self.client.post(
            reverse("cases:service_add", args=[self.case.pk]), {"service": "bantuan_hukum"}
        )
        self.assertEqual(
            self.case.people.filter(kind="perpetrator").get().relationship.code, "tetangga"
        )
        self.assertEqual(self.case.services.get().service.code, "bantuan_hukum")

    def test_person_bad_input_shows_messages(self):
        response = self.client.post(
            reverse("cases:person_add", args=[self.case.pk]),
            {"kind": "victim", "victim_kind": "child", "sex": "P", "age": "20", "nik": "abc"},
        )
        self.assertContains(response, "bukan anak")
        self.assertContains(response, "NIK harus tepat 16 digit")
        self.assertEqual(self.case.people.count(), 1)

    def test_attachment_upload_and_download_through_policy(self):
        upload = io.BytesIO(PDF_BYTES)
        upload.name = "visum.pdf"
        self.client.post(reverse("cases:attachment_add", args=[self.case.pk]), {"file": upload})
        attachment = self.case.attachments.get()
        url = reverse("cases:attachment", args=[self.case.pk, attachment.pk])
        self.assertEqual(b"".join(self.client.get(url).streaming_content), PDF_BYTES)
        self.assertTrue(
            AuditEvent.objects.filter(
                action=AuditAction.DOWNLOAD, object_type="cases.caseattachment"
            ).exists()
        )
        # Off the team, the file does not exist for them (404); without the rule at all, 403.
        for persona, status in {"manager2": 404, "partner": 404, "admin": 403}.items():
            self.login(getattr(self, persona))
            self.assertEqual(self.client.get(url).status_code, status)


class ListTests(JagaTestCase):
    def test_list_and_search_with_constant_queries(self):
        self.login(self.manager)
        open_case(self)
        self.client.get(reverse("cases:list"))
        # person, two-factor device, memberships, count, page, violence forms (plus the session)
        self.assertEqual(count_queries(self.client, reverse("cases:list")), 6)
        for _ in range(6):
            open_case(self)
        self.assertEqual(count_queries(self.client, reverse("cases:list")), 6)
        response = self.client.get(reverse("cases:list"))
        self.assertEqual(len(response.context["page"].object_list), Case.objects.count())
        found = self.client.get(reverse("cases:list"), {"q": "rahmawati"})
        self.assertEqual(len(found.context["page"].object_list), 7)
        self.assertNotContains(found, NIK)

    def test_partner_sees_only_cases_of_their_team(self):
        mine = open_case(self)
        open_case(self)
        join(mine, self.partner, role="partner")
        self.login(self.partner)
        response = self.client.get(reverse("cases:list"))
        self.assertEqual(list(response.context["page"].object_list), [mine])
