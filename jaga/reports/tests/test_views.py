import io
import time

from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from jaga.cases.services import case_open
from jaga.reports.forms import public_form_token
from jaga.reports.models import Channel, Report, ReportStatus
from jaga.reports.tests.helpers import make_report, png_bytes
from jaga.testing import JagaTestCase, count_queries


def form_data(**overrides):
    data = {
        "violence_forms": ["fisik"],
        "victim_kind": "child",
        "victim_sex": "P",
        "victim_age": "8",
        "place": "rumah_tangga",
        "incident_date": "2025-01-02",
        "description": "Anak sering dipukul.",
    }
    data.update(overrides)
    return data


class RtOfficerFormTests(JagaTestCase):
    def test_one_screen_form_with_rt_preset(self):
        self.login(self.rt_officer)
        page = self.client.get(reverse("reports:create"))
        self.assertContains(page, f'type="hidden" name="rt" value="{self.rt1.pk}"')
        self.assertNotContains(page, 'name="channel"')
        response = self.client.post(reverse("reports:create"), form_data(rt=self.rt1.pk))
        self.assertRedirects(response, reverse("reports:own"))
        report = Report.objects.get()
        self.assertEqual(
            (report.channel, report.rt, report.reported_by), (Channel.RT, self.rt1, self.rt_officer)
        )

    def test_posting_another_rt_is_refused(self):
        self.login(self.rt_officer)
        response = self.client.post(reverse("reports:create"), form_data(rt=self.prapatan_rt1.pk))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Report.objects.exists())

    def test_bad_input_shows_message_and_saves_nothing(self):
        self.login(self.rt_officer)
        response = self.client.post(
            reverse("reports:create"),
            form_data(rt=self.rt1.pk, victim_age="19", victim_nik="12", description="<b>x</b>"),
        )
        self.assertContains(response, "bukan anak")
        self.assertContains(response, "NIK harus tepat 16 digit")
        self.assertContains(response, "tag HTML")
        self.assertFalse(Report.objects.exists())

    def test_fake_image_upload_is_refused(self):
        self.login(self.rt_officer)
        fake = io.BytesIO(b"not an image at all")
        fake.name = "foto.jpg"
        response = self.client.post(
            reverse("reports:create"), {**form_data(rt=self.rt1.pk), "attachment": fake}
        )
        self.assertContains(response, "Jenis berkas tidak diterima")
        self.assertFalse(Report.objects.exists())

    def test_own_list_shows_status_only(self):
        mine = make_report(self)
        make_report(self, by=self.manager, channel=Channel.HOTLINE)
        self.login(self.rt_officer)
        response = self.client.get(reverse("reports:own"))
        self.assertContains(response, mine.tracking_code)
        self.assertContains(response, "Diterima")
        self.assertEqual(len(response.context["page"].object_list), 1)
        self.assertNotContains(response, "Siti")

    def test_own_list_query_count_does_not_grow(self):
        self.login(self.rt_officer)
        make_report(self)
        self.client.get(reverse("reports:own"))
        # person, memberships, count, page (plus the session)
        self.assertEqual(count_queries(self.client, reverse("reports:own")), 4)
        for _ in range(6):
            make_report(self)
        self.assertEqual(count_queries(self.client, reverse("reports:own")), 4)


class AccessTests(JagaTestCase):
    def test_who_may_reach_which_page(self):
        report = make_report(self)
        pages = {
            reverse("reports:create"): {
                "rt_officer": 200,
                "manager": 200,
                "partner": 403,
                "analyst": 403,
                "activist": 403,
            },
            reverse("reports:own"): {"rt_officer": 200, "manager": 403, "analyst": 403},
            reverse("reports:queue"): {
                "manager": 200,
                "head": 200,
                "rt_officer": 403,
                "partner": 403,
                "analyst": 403,
                "admin": 403,
            },
            reverse("reports:detail", args=[report.pk]): {
                "manager": 200,
                "rt_officer": 403,
                "rt_other": 403,
                "analyst": 403,
            },
        }
        for url, expected in pages.items():
            for persona, status in expected.items():
                with self.subTest(url=url, persona=persona):
                    self.login(getattr(self, persona))
                    self.assertEqual(self.client.get(url).status_code, status)

    def test_anonymous_goes_to_sign_in(self):
        response = self.client.get(reverse("reports:queue"))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("login"), response["Location"])


class TriageViewTests(JagaTestCase):
    def test_queue_urgent_first_then_oldest(self):
        old = make_report(self)
        urgent = make_report(self, is_urgent=True)
        newer = make_report(self)
        self.login(self.manager)
        response = self.client.get(reverse("reports:queue"))
        self.assertEqual(list(response.context["page"].object_list), [urgent, old, newer])
        partial = self.client.get(reverse("reports:queue"), headers={"HX-Request": "true"})
        self.assertNotContains(partial, "<html")
        self.assertContains(partial, urgent.tracking_code)

    def test_queue_query_count_does_not_grow(self):
        self.login(self.manager)
        make_report(self)
        self.client.get(reverse("reports:queue"))
        # person, two-factor device, memberships, count, page, violence forms (plus the session)
        self.assertEqual(count_queries(self.client, reverse("reports:queue")), 6)
        for _ in range(8):
            make_report(self, is_urgent=True)
        self.assertEqual(count_queries(self.client, reverse("reports:queue")), 6)

    def test_detail_proposes_duplicates_and_audits_the_read(self):
        from jaga.audit.models import AuditAction, AuditEvent

        first = make_report(self)
        second = make_report(self)
        self.login(self.manager)
        response = self.client.get(reverse("reports:detail", args=[second.pk]))
        self.assertContains(response, first.tracking_code)
        self.assertTrue(
            AuditEvent.objects.filter(action=AuditAction.READ, object_id=str(second.pk)).exists()
        )

    def test_verify_close_and_open_case(self):
        report = make_report(self)
        self.login(self.manager)
        self.client.post(reverse("reports:verify", args=[report.pk]))
        report.refresh_from_db()
        self.assertIsNotNone(report.verified_at)
        response = self.client.post(reverse("cases:open", args=[report.pk]))
        report.refresh_from_db()
        self.assertEqual(report.status, ReportStatus.HANDLING)
        self.assertRedirects(response, reverse("cases:detail", args=[report.case.pk]))

    def test_close_out_of_area(self):
        report = make_report(self)
        self.login(self.manager)
        self.client.post(
            reverse("reports:close", args=[report.pk]),
            {"reason": "out_of_area", "forwarded_to": "UPTD PPA Kota Samarinda"},
        )
        report.refresh_from_db()
        self.assertEqual(
            (report.status, report.forwarded_to), (ReportStatus.CLOSED, "UPTD PPA Kota Samarinda")
        )

    def test_attachment_served_through_policy_and_audited(self):
        from jaga.audit.models import AuditAction, AuditEvent

        data = png_bytes()
        upload = io.BytesIO(data)
        upload.name = "a.png"
        report = make_report(self, attachment=upload, attachment_size=len(data))
        url = reverse("reports:attachment", args=[report.pk])
        self.login(self.rt_other)
        self.assertEqual(self.client.get(url).status_code, 403)
        self.login(self.manager)
        response = self.client.get(url)
        self.assertEqual(b"".join(response.streaming_content), data)
        self.assertEqual(response["Content-Type"], "image/png")
        self.assertTrue(AuditEvent.objects.filter(action=AuditAction.DOWNLOAD).exists())


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})
class PublicFormTests(JagaTestCase):
    def setUp(self):
        cache.clear()

    def data(self, **overrides):
        shown = public_form_token(time.time() - 60)  # each call: a form newly shown
        base = {"kelurahan": self.manggar.code, "rt_number": "2", "started": shown, "website": ""}
        return form_data(**{**base, **overrides})

    def test_anonymous_report_gets_a_tracking_code_and_status_page(self):
        response = self.client.post(reverse("public_reports:form"), self.data())
        report = Report.objects.get()
        self.assertContains(response, report.tracking_code)
        self.assertEqual(
            (report.channel, report.rt, report.reported_by), (Channel.PUBLIC, self.rt2, None)
        )
        self.assertContains(response, "Catat kode ini")
        # the way to the status carries the code in a POST form, never in an address
        self.assertContains(response, f'name="code" value="{report.tracking_code}"')
        self.assertNotContains(response, "?code=")
        status = self.client.post(
            reverse("public_reports:status"), {"code": report.tracking_code.lower()}
        )
        self.assertContains(status, "Diterima")
        self.assertNotContains(status, "fisik")

    def test_the_status_takes_the_code_by_post_only(self):
        report = make_report(self)
        status = self.client.get(reverse("public_reports:status"), {"code": report.tracking_code})
        self.assertEqual(status.status_code, 200)
        self.assertNotContains(status, "Diterima")  # a code in the address shows nothing
        self.assertContains(status, 'method="post"')

    def test_the_rt_number_is_optional(self):
        response = self.client.post(reverse("public_reports:form"), self.data(rt_number=""))
        report = Report.objects.get()
        self.assertContains(response, report.tracking_code)
        self.assertEqual(report.rt, self.manggar)  # the kelurahan: triage asks for the RT
        self.login(self.manager)
        self.assertContains(self.client.get(reverse("reports:queue")), report.tracking_code)
        self.assertContains(self.client.get(reverse("reports:detail", args=[report.pk])), "Manggar")
        self.assertEqual(case_open(report=report, by=self.manager).rt, self.manggar)

    def test_the_kelurahan_is_required(self):
        response = self.client.post(reverse("public_reports:form"), self.data(kelurahan=""))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Report.objects.exists())

    def test_unknown_rt(self):
        response = self.client.post(reverse("public_reports:form"), self.data(rt_number="99"))
        self.assertContains(response, "RT 099 tidak terdaftar di Kelurahan Manggar")
        self.assertFalse(Report.objects.exists())

    def test_honeypot_and_too_fast_are_refused(self):
        response = self.client.post(
            reverse("public_reports:form"), self.data(website="http://spam")
        )
        self.assertEqual(response.status_code, 429)
        fast = self.data(started=public_form_token())
        self.assertEqual(self.client.post(reverse("public_reports:form"), fast).status_code, 429)
        forged = self.data(started="123")
        self.assertContains(
            self.client.post(reverse("public_reports:form"), forged), "kedaluwarsa", status_code=429
        )
        self.assertFalse(Report.objects.exists())

    def test_rate_limited_per_address(self):
        for _ in range(5):
            self.client.post(reverse("public_reports:form"), self.data(), REMOTE_ADDR="10.0.0.9")
        response = self.client.post(
            reverse("public_reports:form"), self.data(), REMOTE_ADDR="10.0.0.9"
        )
        self.assertContains(response, "Terlalu banyak laporan", status_code=429)
        self.assertEqual(Report.objects.count(), 5)
        other = self.client.post(
            reverse("public_reports:form"), self.data(), REMOTE_ADDR="10.0.0.10"
        )
        self.assertEqual(other.status_code, 200)
        self.assertEqual(Report.objects.count(), 6)

    def test_unknown_tracking_code(self):
        response = self.client.post(reverse("public_reports:status"), {"code": "LP-XXXX"})
        self.assertContains(response, "Kode lacak tidak ditemukan")
