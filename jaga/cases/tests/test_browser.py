"""The whole path in a real browser (headless Chromium from Debian's ``chromium`` and
``chromium-driver`` packages): an RT officer reports, a case manager triages and opens a case,
adds victim, perpetrator and services, people outside the case are refused, the case closes.
Skipped, saying so, where no Chromium is installed."""

import datetime

import pytest

from jaga.cases.hooks import guards_suspended
from jaga.cases.models import Case, CaseStatus
from jaga.cases.tests.helpers import join, open_case
from jaga.codes.services import codes_load
from jaga.reports.models import Report, ReportStatus
from jaga.testing.browser import BrowserTestCase


@pytest.mark.browser
class CaseFlowBrowserTest(BrowserTestCase):
    def load_data(self):
        codes_load()  # a live-server test empties tables between tests; the codes come back

    # The case workflow as cases alone knows it; casework's browser test walks the same case
    # through its assessment, plan and approvals.
    @guards_suspended()
    def test_report_to_closed_case(self):
        # 1. The RT officer reports on a phone-sized screen, no JavaScript needed.
        self.as_(self.rt_officer)
        self.open("/laporan/baru/")
        self.fill(
            {"victim_age": "8", "description": "Anak sering dipukul di rumah."},
            selects={"place": "rumah_tangga"},
            clicks=[
                'input[name="violence_forms"][value="fisik"]',
                'input[name="victim_kind"][value="child"]',
                'input[name="victim_sex"][value="P"]',
            ],
        )
        self.submit()
        report = Report.objects.get()
        self.assertIn(report.tracking_code, self.find(".messages").text)

        # 2. The case manager triages: verify, then open a case.
        self.as_(self.manager)
        self.open("/laporan/antrean/")
        self.click(f'a[href="/laporan/{report.pk}/"]')
        self.submit(f'form[action="/laporan/{report.pk}/verifikasi/"]')
        self.submit(f'form[action="/kasus/buka/{report.pk}/"]')
        case = Case.objects.get()
        self.assertIn(case.number, self.find("h1").text)

        # 3. Victim, alleged perpetrator, services.
        self.click("#add-victim")
        self.fill(
            {"name": "Melati Putri", "nik": "6471010101170003", "age": "8"},
            selects={"victim_kind": "child", "education": "sd"},
            clicks=['input[name="kind"][value="victim"]', 'input[name="sex"][value="P"]'],
        )
        self.submit()
        self.click("#add-perpetrator")
        self.fill(
            {"age": "38"},
            selects={"relationship": "orang_tua"},
            clicks=['input[name="kind"][value="perpetrator"]', 'input[name="sex"][value="L"]'],
        )
        self.submit()
        for service in ("kesehatan", "bantuan_hukum"):
            self.find("#service-action summary").click()  # htmx brings the form in
            self.fill({}, selects={"service": service})
            self.submit("#service-action form")
        self.assertIn("Melati Putri", self.find("#people").text)
        self.assertIn("Bantuan Hukum", self.find("#services").text)
        for step in ("verified", "assessed", "in_service"):
            self.fill({}, selects={"to_status": step})
            self.submit("#transition-form")
        self.assertEqual(Case.objects.get().status, CaseStatus.IN_SERVICE)

        # 4. Another RT's officer and a partner outside the case team are refused.
        self.as_(self.rt_other)
        self.open(f"/kasus/{case.pk}/")
        self.assertNotIn("Melati", self.driver.page_source)
        self.assertIn("Tidak berwenang", self.driver.title)  # 403
        self.as_(self.partner)
        self.open(f"/kasus/{case.pk}/")
        self.assertNotIn("Melati", self.driver.page_source)
        self.assertIn("tidak ditemukan", self.driver.title.lower())  # 404: not even its existence

        # 5. A partner on the team sees it; the manager closes the case.
        join(case, self.partner, role="partner")
        self.open(f"/kasus/{case.pk}/")
        self.assertIn("Melati Putri", self.find("#people").text)
        self.as_(self.manager)
        self.open(f"/kasus/{case.pk}/")
        self.fill(
            {"note": "Layanan selesai, korban aman bersama keluarga."},
            selects={"to_status": "closed"},
        )
        self.submit("#transition-form")
        self.assertIn("Ditutup", self.find("#case-status").text)

        # 6. The RT officer sees only that their report is closed.
        self.as_(self.rt_officer)
        self.open("/laporan/saya/")
        self.assertIn("Selesai", self.find("#own-reports").text)
        self.assertNotIn(case.number, self.driver.page_source)
        self.find("#own-reports a.report-card").click()  # the card opens the status page
        self.assertIn("Selesai", self.find("#own-status").text)
        self.assertIn(report.tracking_code, self.find("h1").text)
        self.assertNotIn(case.number, self.driver.page_source)
        self.assertEqual(Report.objects.get().status, ReportStatus.CLOSED)


@pytest.mark.browser
class ConsentPartnersBrowserTest(BrowserTestCase):
    """On a phone the partners of a consent are grouped checkboxes with a filter box."""

    window_size = "360,740"

    def load_data(self):
        codes_load()

    def test_filter_finds_a_partner_and_the_summary_names_what_it_receives(self):
        from selenium.webdriver.common.by import By

        case = open_case(self)
        self.as_(self.manager)
        self.open(f"/kasus/{case.pk}/persetujuan/")
        search = self.find("[data-choice-filter] input")
        self.assertTrue(search.is_displayed())  # the script revealed it
        search.send_keys("polres\n")  # Enter filters, it does not send the form
        shown = [
            label.text
            for label in self.driver.find_elements(By.CSS_SELECTOR, ".choice-groups fieldset label")
            if label.is_displayed()
        ]
        self.assertEqual(shown, ["Unit PPA Polresta"])
        self.find(f'input[name="organisations"][value="{self.police.pk}"]').click()
        self.set_date("given_on", datetime.date(2026, 11, 20))
        self.fill({}, clicks=["#id_for_sharing", 'input[name="shared_fields"][value="case_facts"]'])
        self.submit()
        self.assertIn("Unit PPA Polresta: Fakta kasus", self.find("#sharing").text)
        wide = "return document.documentElement.scrollWidth - window.innerWidth"
        self.assertLessEqual(self.driver.execute_script(wide), 0)  # nothing wider than the phone
