import subprocess
import sys
import time

from django.conf import settings
from django.test import SimpleTestCase, override_settings

from jaga.security.middleware import SEEN_KEY
from jaga.testing import PASSWORD, JagaTestCase

PAGE = "/akun/kata-sandi/"


class IdleTimeoutTests(JagaTestCase):
    def age_session(self, seconds: int) -> None:
        session = self.client.session
        session[SEEN_KEY] = int(time.time()) - seconds
        session.save()

    def test_identity_roles_expire_after_30_minutes(self):
        self.login(self.manager)
        self.assertEqual(self.client.session.get_expiry_age(), 30 * 60)
        self.age_session(29 * 60)
        self.assertEqual(self.client.get(PAGE).status_code, 200)
        self.age_session(31 * 60)
        response = self.client.get(PAGE)
        self.assertRedirects(response, f"/masuk/?next={PAGE}", fetch_redirect_response=False)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_other_roles_keep_8_hours(self):
        self.login(self.rt_officer)
        self.assertEqual(self.client.session.get_expiry_age(), 8 * 3600)
        self.age_session(7 * 3600)
        self.assertEqual(self.client.get(PAGE).status_code, 200)
        self.age_session(8 * 3600 + 60)
        self.assertEqual(self.client.get(PAGE).status_code, 302)

    @override_settings(IDLE_SECONDS=120)
    def test_limit_is_configurable(self):
        self.login(self.rt_officer)
        self.age_session(180)
        self.assertEqual(self.client.get(PAGE).status_code, 302)

    def test_use_moves_the_clock(self):
        self.login(self.manager)
        self.age_session(20 * 60)
        self.client.get(PAGE)
        self.assertLess(time.time() - self.client.session[SEEN_KEY], 5)

    def test_a_recent_session_costs_no_session_write(self):
        self.login(self.rt_officer)
        self.client.get(PAGE)
        with self.assert_query_count(3, session_store=True):  # session, person, memberships
            self.client.get(PAGE)


class PasswordChangeTests(JagaTestCase):
    def test_changing_the_password_signs_out_other_sessions(self):
        from django.test import Client

        other = Client()
        other.force_login(self.rt_officer)
        self.login(self.rt_officer)
        response = self.client.post(
            PAGE,
            {
                "old_password": PASSWORD,
                "new_password1": "sandi-baru-yang-panjang-42",
                "new_password2": "sandi-baru-yang-panjang-42",
            },
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.client.get(PAGE).status_code, 200)  # this session stays
        self.assertEqual(other.get(PAGE).status_code, 302)  # the other is signed out

    def test_password_rules_are_djangos_validators(self):
        self.login(self.rt_officer)
        response = self.client.post(
            PAGE,
            {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors["new_password2"])
        names = [v["NAME"].rsplit(".", 1)[1] for v in settings.AUTH_PASSWORD_VALIDATORS]
        self.assertIn("CommonPasswordValidator", names)


class SecurityHeaderTests(JagaTestCase):
    def test_headers_on_a_page(self):
        response = self.client.get("/masuk/")
        csp = response.headers["Content-Security-Policy"]
        self.assertIn("script-src 'self'", csp)
        self.assertNotIn("unsafe-inline", csp)
        self.assertIn("frame-ancestors 'none'", csp)
        self.assertEqual(response.headers["X-Frame-Options"], "DENY")
        # Pages: same-origin (their forms must carry an Origin); anything else: no-referrer.
        self.assertEqual(response.headers["Referrer-Policy"], "same-origin")
        self.assertEqual(self.client.get("/sehat/").headers["Referrer-Policy"], "no-referrer")
        self.assertEqual(response.headers["X-Content-Type-Options"], "nosniff")
        self.assertNotIn("<script>", response.content.decode())
        self.assertNotIn("style=", response.content.decode())

    @override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_SSL_REDIRECT=False)
    def test_hsts_over_https(self):
        response = self.client.get("/masuk/", secure=True)
        self.assertIn("max-age=31536000", response.headers["Strict-Transport-Security"])


class DeployCheckTests(SimpleTestCase):
    def test_deploy_check_is_clean_with_production_settings(self):
        env = {
            "PATH": "/usr/bin:/bin",
            "JAGA_HTTPS": "true",
            "JAGA_DEBUG": "false",
            "JAGA_SECRET_KEY": "k" * 20 + "production-secret-key-with-enough-variety-0123456789",
            "JAGA_ALLOWED_HOSTS": "jaga.example.go.id",
            "JAGA_VAR_DIR": settings.VAR_DIR.as_posix(),
        }
        result = subprocess.run(
            [sys.executable, "-m", "jaga.cli", "check", "--deploy", "--fail-level", "WARNING"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
