"""Headless Chromium for browser tests (Debian's ``chromium`` and ``chromium-driver``): a
live server with the personas of ``JagaTestCase`` and helpers to sign in, open, fill and
click. A test is skipped, saying so, where no Chromium is installed."""

import datetime
import shutil
import tempfile

import pytest
from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from django.test import Client

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
    "--lang=id",
]


def _browser(window_size: str):
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
    for flag in [*FLAGS, f"--window-size={window_size}", f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(5)
    return driver, profile


class BrowserTestCase(StaticLiveServerTestCase):
    """A phone-sized browser against a live server with the usual personas."""

    window_size = "412,915"  # a phone

    def load_data(self) -> None:
        """What a test needs beyond the personas (a live-server test empties every table)."""

    def setUp(self):
        self.load_data()
        JagaTestCase.setUpTestData.__func__(type(self))  # the same personas as every test
        self.driver, self.profile = _browser(self.window_size)
        # Headless Chromium may open wider than asked: set the phone's size again.
        self.driver.set_window_size(*(int(n) for n in self.window_size.split(",")))

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

    def set_date(self, name: str, day: datetime.date):
        # A date field's typing format depends on the browser's locale; set the ISO value.
        field = self.find(f'[name="{name}"]')
        self.driver.execute_script("arguments[0].value = arguments[1];", field, day.isoformat())

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
