from django.test import TestCase

from jaga.core.demo import DEMO_PASSWORD, demo_load
from jaga.security.demo import DEMO_CODE
from jaga.security.testing import password_sign_in


class DemoSecondStepTests(TestCase):
    def test_demo_case_manager_signs_in_with_the_printed_code(self):
        demo_load()
        demo_load()  # idempotent: still one device
        password_sign_in(self.client, "manajer.kasus", DEMO_PASSWORD)
        self.assertEqual(self.client.get("/kasus/").status_code, 302)  # second step first
        response = self.client.post(
            "/keamanan/dua-langkah/", {"code": DEMO_CODE, "next": "/kasus/"}
        )
        self.assertRedirects(response, "/kasus/", fetch_redirect_response=False)
        self.assertEqual(self.client.get("/kasus/").status_code, 200)

    def test_rt_officers_need_no_second_step(self):
        demo_load()
        password_sign_in(self.client, "rt.manggar.001", DEMO_PASSWORD)
        self.assertEqual(self.client.get("/laporan/baru/").status_code, 200)

    def test_the_national_analyst_reads_the_country_without_a_second_step(self):
        # Figures only, no identity: no rule of theirs asks for the second step.
        demo_load()
        password_sign_in(self.client, "analis.nasional", DEMO_PASSWORD)
        response = self.client.get("/angka/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["area"].code, "ID")
