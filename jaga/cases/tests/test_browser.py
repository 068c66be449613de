"""The whole path in a real browser (headless Chromium from Debian's ``chromium`` and
``chromium-driver`` packages): an RT officer reports, a case manager triages and opens a case,
adds victim, perpetrator and services, people outside the case are refused, the case closes.
Skipped, saying so, where no Chromium is installed."""

import shutil
import tempfile

import pytest
from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from django.test import Client

from jaga.cases.hooks import guards_suspended
from jaga.cases.models import Case, CaseStatus
from jaga.cases.tests.helpers import join
from jaga.codes.services import codes_load
from jaga.reports.models import Report, ReportStatus
from jaga.testing import JagaTestCase

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=412,915",  # a phone
    "--lang=id",
]


def _browser():
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        pytest.skip(
            "Browser test skipped: Chromium is not installed "
            "(install Debian packages 'chromium' and 'chromium-driver')."
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    options.add_experimental_option("prefs", {"intl.accept_languages": "id"})
    profile = tempfile.mkdtemp(prefix="jaga-chromium-")
    for flag in [*FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(5)
    return driver, profile


@pytest.mark.browser
class CaseFlowBrowserTest(StaticLiveServerTestCase):
    def setUp(self):
        codes_load()  # a live-server test empties tables between tests; the codes come back
        JagaTestCase.setUpTestData.__func__(type(self))  # the same personas as every test
        self.driver, self.profile = _browser()

    def tearDown(self):
        self.driver.quit()
        shutil.rmtree(self.profile, ignore_errors=True)

    def as_(self, person):
        """Sign the browser in as ``person`` (a session made server-side, two-factor done)."""
        client = Client()
        client.force_login(person)
        self.driver.delete_all_cookies()
        self.driver.get(self.live_server_url + "/sehat/")
        self.driver.add_cookie(
            {"name": "sessionid", "value": client.cookies["sessionid"].value, "path": "/"}
        )

    def open(self, path):
        self.driver.get(self.live_server_url + path)

    def find(self, css):
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.CSS_SELECTOR, css)

    def fill(self, values: dict, selects: dict | None = None, clicks: list | None = None):
        from selenium.webdriver.support.ui import Select

        for name, value in values.items():
            field = self.find(f'[name="{name}"]')
            field.clear()
            field.send_keys(value)
        for name, value in (selects or {}).items():
            Select(self.find(f'select[name="{name}"]')).select_by_value(value)
        for css in clicks or []:
            self.find(css).click()

    def submit(self, form_css="main form"):
        self.click(f"{form_css} button")

    def click(self, css):
        """Click and wait for the next page (forms post without JavaScript)."""
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.support.ui import WebDriverWait

        page = self.find("html")
        self.find(css).click()

        def left(_driver) -> bool:
            # While the old page goes away Chromium may answer "stale element" or, in the
            # instant between documents, "node does not belong to the document": both mean gone.
            try:
                page.is_enabled()
            except WebDriverException:
                return True
            return False

        wait = WebDriverWait(self.driver, 15)
        wait.until(left)
        wait.until(lambda d: d.execute_script("return document.readyState") == "complete")

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
        self.assertIn("Selesai", self.find("main table").text)
        self.assertNotIn(case.number, self.driver.page_source)
        self.assertEqual(Report.objects.get().status, ReportStatus.CLOSED)
