"""The second sign-in step and an expired session in a real browser (headless Chromium):
the page stays one page — no copy of it swapped into the header's notification badge — and
the person lands where they were going. Skipped, saying so, where no Chromium is installed."""

import time

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from jaga.security.middleware import SEEN_KEY
from jaga.testing import PASSWORD
from jaga.testing.browser import BrowserTestCase

QUEUE = "/laporan/antrean/"
# What a page may fetch in the background: the badge once (and nothing it swaps in asks again).
FRAGMENT_REQUESTS = "return performance.getEntriesByType('resource').filter(e => e.initiatorType === 'xmlhttprequest').length"  # noqa: E501


@pytest.mark.browser
class PhoneSignInBrowserTest(BrowserTestCase):
    """The steps as a person takes them, on a phone (the desktop test below repeats them)."""

    window_size = "360,740"

    def code_now(self, device: TOTPDevice) -> str:
        return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"

    def assert_one_page(self, *, at_most: int) -> None:
        time.sleep(5)  # the nested copies used to pile up within seconds
        self.assertEqual(len(self.driver.find_elements("css selector", "header")), 1)
        self.assertLessEqual(self.driver.execute_script(FRAGMENT_REQUESTS), at_most)

    def test_case_manager_signs_in_with_a_real_code_and_lands_on_the_queue(self):
        device = TOTPDevice.objects.create(user=self.manager, name="ponsel", confirmed=True)
        self.open(QUEUE)
        self.fill({"username": self.manager.username, "password": PASSWORD})
        self.submit()
        self.assertIn("/keamanan/dua-langkah/", self.driver.current_url)
        self.assert_one_page(at_most=0)  # no badge before the second step
        self.fill({"code": self.code_now(device)})
        self.click("main form button")  # "Verifikasi", within reach
        self.assertEqual(self.driver.current_url, self.live_server_url + QUEUE)
        self.assert_one_page(at_most=2)
        self.assertEqual(self.find("#notification-badge").tag_name, "a")

    def test_expired_session_leads_to_a_clean_sign_in_page(self):
        self.as_(self.manager)
        self.open(QUEUE)
        session = SessionStore(self.driver.get_cookie("sessionid")["value"])
        session[SEEN_KEY] = int(time.time()) - 31 * 60  # past the case manager's 30 minutes
        session.save()
        self.click('main a[hx-get="/laporan/antrean/"]')  # "Muat ulang": a fragment request
        self.assertEqual(
            self.driver.current_url, f"{self.live_server_url}/masuk/?next=%2Flaporan%2Fantrean%2F"
        )
        self.assert_one_page(at_most=0)
        self.assertIn("lama tidak digunakan", self.find(".messages").text)
        self.assertTrue(self.find('input[name="password"]').is_displayed())


@pytest.mark.browser
class DesktopSignInBrowserTest(PhoneSignInBrowserTest):
    window_size = "1280,800"
