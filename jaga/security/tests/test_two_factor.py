from unittest import mock

from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from jaga.access.policy import RULES, Rule, Scope
from jaga.access.roles import Role
from jaga.audit.models import AuditAction, AuditEvent
from jaga.security.selectors import idle_seconds, roles_now, sees_identities
from jaga.security.testing import login_unverified, password_sign_in
from jaga.testing import PASSWORD, JagaTestCase

PAGE = "/akun/kata-sandi/"  # any page behind sign-in
VERIFY = "/keamanan/dua-langkah/"
SETUP = "/keamanan/dua-langkah/daftar/"


def code_for(device: TOTPDevice, offset: int = 0) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, offset):06d}"


class TwoFactorTests(JagaTestCase):
    def enrol(self, person) -> list[str]:
        """Sign in with the password and enrol an authenticator; the recovery codes shown."""
        password_sign_in(self.client, person.username, PASSWORD)
        self.client.get(SETUP)
        device = TOTPDevice.objects.get(user=person, confirmed=False)
        response = self.client.post(SETUP, {"code": code_for(device), "next": PAGE})
        self.assertContains(response, "hanya ditampilkan sekali")
        return response.context["codes"]

    def test_identity_roles_are_sent_to_enrol_until_verified(self):
        # The activist on a case team sees names and NIK too (issue 19): the policy says so.
        for person in [self.admin, self.head, self.manager, self.partner, self.activist]:
            self.client.logout()
            response = password_sign_in(self.client, person.username, PASSWORD)
            self.assertEqual(response.status_code, 302)
            response = self.client.get(PAGE)
            self.assertRedirects(
                response, f"{VERIFY}?next={PAGE.replace('/', '%2F')}", fetch_redirect_response=False
            )
            # No authenticator yet: the second step starts with enrolment.
            response = self.client.get(VERIFY + "?next=/x/")
            self.assertRedirects(response, SETUP + "?next=%2Fx%2F", fetch_redirect_response=False)

    def test_api_answers_403_until_verified(self):
        login_unverified(self.client, self.manager)
        response = self.client.get("/api/akun/me")
        self.assertEqual(response.status_code, 403)
        self.assertIn("dua langkah", response.json()["detail"])
        self.login(self.manager)
        self.assertEqual(self.client.get("/api/akun/me").status_code, 200)

    def test_other_roles_are_not_asked(self):
        for person in [self.rt_officer, self.kel_officer, self.analyst]:
            self.client.logout()
            password_sign_in(self.client, person.username, PASSWORD)
            self.assertEqual(self.client.get(PAGE).status_code, 200)

    def test_a_role_given_an_identifying_rule_needs_the_second_step(self):
        """Decided from the policy, not a list of roles: grant the analyst any identifying
        rule and the analyst's next page asks for the second step."""
        self.assertFalse(sees_identities(self.analyst, roles_now(self.analyst)))
        grant = Rule("test.identity", "test", {Role.ANALYST: Scope.CITY}, identifying=True)
        with mock.patch.dict(RULES, {grant.name: grant}):
            self.assertTrue(sees_identities(self.analyst, roles_now(self.analyst)))
            password_sign_in(self.client, self.analyst.username, PASSWORD)
            self.assertEqual(self.client.get(PAGE).status_code, 302)
            self.assertEqual(idle_seconds(self.analyst, roles_now(self.analyst)), 30 * 60)

    def test_public_and_sign_out_pages_stay_open(self):
        login_unverified(self.client, self.manager)
        self.assertEqual(self.client.get("/sehat/").status_code, 200)
        self.client.post("/keluar/")
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_enrolment_shows_secret_uri_and_qr_without_inline_style(self):
        login_unverified(self.client, self.manager)
        response = self.client.get(SETUP)
        device = TOTPDevice.objects.get(user=self.manager, confirmed=False)
        self.assertContains(response, "otpauth://totp/")
        self.assertContains(response, 'src="data:image/svg+xml')
        self.assertNotContains(response, "style=")
        self.assertNotContains(response, "<script>")
        self.assertEqual(response.context["uri"], device.config_url)

    def test_enrol_then_pages_open_and_recovery_codes_shown_once(self):
        codes = self.enrol(self.manager)
        self.assertEqual(len(codes), 10)
        self.assertEqual(self.client.get(PAGE).status_code, 200)
        self.assertTrue(TOTPDevice.objects.get(user=self.manager).confirmed)
        event = AuditEvent.objects.filter(action=AuditAction.CHANGE).first()
        self.assertEqual(event.fields, ["two_factor"])
        # Shown once: no page shows them again.
        self.assertNotContains(self.client.get(SETUP), codes[0])

    def test_wrong_code_is_refused_and_audited(self):
        self.enrol(self.manager)
        self.client.logout()
        password_sign_in(self.client, "manager", PASSWORD)
        response = self.client.post(VERIFY, {"code": "000000", "next": PAGE})
        self.assertContains(response, "Kode salah")
        self.assertEqual(self.client.get(PAGE).status_code, 302)
        failed = AuditEvent.objects.filter(action=AuditAction.SIGN_IN_FAILED).first()
        self.assertEqual(failed.object_id, str(self.manager.pk))

    def test_authenticator_code_verifies(self):
        self.enrol(self.manager)
        self.client.logout()
        password_sign_in(self.client, "manager", PASSWORD)
        device = TOTPDevice.objects.get(user=self.manager)
        device.last_t = -1  # the enrolment code's time step may be reused here
        device.save()
        response = self.client.post(VERIFY, {"code": code_for(device), "next": PAGE})
        self.assertRedirects(response, PAGE)
        self.assertEqual(self.client.get(PAGE).status_code, 200)

    def test_recovery_code_works_once(self):
        codes = self.enrol(self.manager)
        for expected in [PAGE, None]:
            self.client.logout()
            password_sign_in(self.client, "manager", PASSWORD)
            response = self.client.post(VERIFY, {"code": codes[0].upper(), "next": PAGE})
            if expected:
                self.assertRedirects(response, PAGE)
            else:
                self.assertContains(response, "Kode salah")
        self.assertEqual(StaticToken.objects.filter(device__user=self.manager).count(), 9)

    def test_replacing_the_authenticator_needs_the_second_step(self):
        self.enrol(self.manager)
        self.client.logout()
        password_sign_in(self.client, "manager", PASSWORD)
        self.assertRedirects(self.client.get(SETUP), VERIFY, fetch_redirect_response=False)

    def test_new_recovery_codes_replace_old(self):
        codes = self.enrol(self.manager)
        response = self.client.post("/keamanan/dua-langkah/kode-cadangan/")
        new = response.context["codes"]
        self.assertEqual(len(set(new) & set(codes)), 0)
        tokens = set(
            StaticToken.objects.filter(device__user=self.manager).values_list("token", flat=True)
        )
        self.assertEqual(tokens, set(new))

    def test_next_must_stay_on_this_site(self):
        self.enrol(self.manager)
        self.client.logout()
        password_sign_in(self.client, "manager", PASSWORD)
        device = TOTPDevice.objects.get(user=self.manager)
        device.last_t = -1
        device.save()
        response = self.client.post(
            VERIFY, {"code": code_for(device), "next": "https://evil.example/"}
        )
        self.assertRedirects(response, "/", fetch_redirect_response=False)

    def test_admin_resets_a_lost_phone(self):
        self.enrol(self.manager)
        self.client.logout()
        self.login(self.admin)
        response = self.client.post("/keamanan/dua-langkah/atur-ulang/", {"username": "manager"})
        self.assertEqual(response.status_code, 302)
        self.assertFalse(TOTPDevice.objects.filter(user=self.manager).exists())
        self.login(self.outsider)
        response = self.client.post("/keamanan/dua-langkah/atur-ulang/", {"username": "head"})
        self.assertEqual(response.status_code, 404)


class TestHelperTests(JagaTestCase):
    """Other apps' tests sign in with force_login and must reach their pages."""

    def test_force_login_of_identity_roles_counts_as_verified(self):
        for person in [self.admin, self.head, self.manager, self.partner]:
            self.client.force_login(person)
            self.assertEqual(self.client.get(PAGE).status_code, 200)
            self.login(person)
            self.assertEqual(self.client.get(PAGE).status_code, 200)

    def test_other_roles_get_no_device(self):
        self.login(self.rt_officer)
        self.assertEqual(self.client.get(PAGE).status_code, 200)
        self.assertFalse(self.rt_officer.staticdevice_set.exists())

    def test_login_unverified_is_stopped(self):
        login_unverified(self.client, self.manager)
        self.assertEqual(self.client.get(PAGE).status_code, 302)
