"""A redirected htmx request gets HX-Redirect to a whole page, never the page to swap in."""

import time

from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from jaga.security.middleware import SEEN_KEY
from jaga.security.testing import login_unverified
from jaga.testing import JagaTestCase

BADGE = "/notifikasi/jumlah/"
VERIFY = "/keamanan/dua-langkah/"
PAGE = "/akun/kata-sandi/"


def fragment_from(page: str) -> dict:
    """The headers htmx sends with a fragment request from ``page``."""
    return {"HX-Request": "true", "HX-Current-URL": f"http://testserver{page}"}


class FragmentRedirectTests(JagaTestCase):
    def test_badge_before_the_second_step_sends_the_page_to_it(self):
        login_unverified(self.client, self.manager)
        response = self.client.get(BADGE, headers=fragment_from("/laporan/antrean/"))
        self.assertEqual(response.status_code, 204)
        self.assertEqual(response.content, b"")
        # The person comes back to the page they were on, not to the badge.
        self.assertEqual(response["HX-Redirect"], f"{VERIFY}?next=%2Flaporan%2Fantrean%2F")

    def test_expired_session_sends_the_page_to_a_clean_sign_in(self):
        self.login(self.manager)
        session = self.client.session
        session[SEEN_KEY] = int(time.time()) - 31 * 60
        session.save()
        response = self.client.get(BADGE, headers=fragment_from(PAGE))
        self.assertEqual(response.status_code, 204)
        self.assertEqual(response["HX-Redirect"], "/masuk/?next=%2Fakun%2Fkata-sandi%2F")
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_no_current_page_drops_the_next(self):
        response = self.client.get(BADGE, headers={"HX-Request": "true"})
        self.assertEqual(response["HX-Redirect"], "/masuk/")

    @override_settings(ALLOWED_HOSTS=["testserver", "elsewhere.example"])
    def test_current_page_on_another_host_is_not_a_next(self):
        headers = {"HX-Request": "true", "HX-Current-URL": "http://elsewhere.example/x/"}
        self.assertEqual(self.client.get(BADGE, headers=headers)["HX-Redirect"], "/masuk/")

    def test_redirect_without_htmx_is_untouched(self):
        response = self.client.get(BADGE)
        self.assertRedirects(response, f"/masuk/?next={BADGE}", fetch_redirect_response=False)
        self.assertNotIn("HX-Redirect", response)

    def test_fragment_answered_normally_is_untouched(self):
        self.login(self.manager)
        response = self.client.get(BADGE, headers=fragment_from(PAGE))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'id="notification-badge"')
        self.assertNotIn("HX-Redirect", response)

    def test_a_refusal_is_not_swapped(self):
        # htmx swaps no 4xx answer; the 403 stays a 403 (and its page is not turned into 2xx).
        self.login(self.rt_officer)
        response = self.client.get("/laporan/antrean/", headers=fragment_from("/"))
        self.assertEqual(response.status_code, 403)


class BadgeOnTwoStepPagesTests(JagaTestCase):
    def test_two_step_pages_have_no_badge(self):
        login_unverified(self.client, self.manager)
        setup = self.client.get(VERIFY + "daftar/")  # no authenticator yet: enrolment first
        TOTPDevice.objects.filter(user=self.manager).update(confirmed=True)
        for response in [setup, self.client.get(VERIFY)]:
            self.assertEqual(response.status_code, 200)
            self.assertNotContains(response, BADGE)
            self.assertContains(response, "<header", count=1)

    def test_badge_is_back_once_verified(self):
        self.login(self.manager)
        self.assertContains(self.client.get(PAGE), BADGE)

    def test_next_is_never_a_fragment(self):
        login_unverified(self.client, self.manager)
        response = self.client.get(VERIFY + "daftar/?next=" + BADGE)
        self.assertContains(response, 'name="next" value="/"')
        self.assertNotContains(response, f'value="{BADGE}"')
