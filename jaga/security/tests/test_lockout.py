from axes.models import AccessAttempt
from django.core.cache import cache
from django.test import Client, RequestFactory, override_settings

from jaga.audit.models import AuditAction, AuditEvent
from jaga.audit.services import client_ip
from jaga.security.lockout import KNOWN_DEVICE_COOKIE
from jaga.security.selectors import lockouts_for
from jaga.security.testing import password_sign_in
from jaga.testing import PASSWORD, JagaTestCase


class LockoutTests(JagaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.rt_officer.phone = "+6281234567890"
        cls.rt_officer.save(update_fields=["phone"])

    def setUp(self):
        cache.clear()  # the slow-down's last try is kept there

    def fail(self, login, address="10.0.0.1"):
        return password_sign_in(self.client, login, "salah-sekali", REMOTE_ADDR=address)

    def test_five_failures_lock_the_address_with_an_indonesian_page(self):
        for _ in range(4):
            self.assertEqual(self.fail("rt_officer").status_code, 200)
        response = self.fail("rt_officer")
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "Akses masuk dikunci sementara", status_code=429)
        self.assertContains(response, "30 menit", status_code=429)
        # Even the right password is refused from that address now...
        response = password_sign_in(self.client, "rt_officer", PASSWORD, REMOTE_ADDR="10.0.0.1")
        self.assertEqual(response.status_code, 429)
        self.assertNotIn("_auth_user_id", self.client.session)
        # ... but whoever failed there cannot lock the owner out: from another address the
        # right password still signs in (the account is only slowed down).
        response = password_sign_in(self.client, "rt_officer", PASSWORD, REMOTE_ADDR="10.0.0.9")
        self.assertEqual(response.status_code, 302)

    def test_many_addresses_only_slow_the_account_down(self):
        logins = ["rt_officer", "081234567890", "+62 812-3456-7890", "rt_officer", "081234567890"]
        for n, login in enumerate(logins):  # the limit (5), each from its own address
            self.fail(login, address=f"10.0.1.{n}")
        # Every form of login counted against the one account.
        self.assertEqual(
            set(AccessAttempt.objects.values_list("username", flat=True)), {"rt_officer"}
        )
        # Past the limit, from an unknown browser: one try, then wait.
        self.assertEqual(self.fail("rt_officer", address="10.0.2.1").status_code, 200)
        response = self.fail("0812 3456 7890", address="10.0.2.2")
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "setiap 30 detik", status_code=429)

    def test_a_known_device_is_neither_locked_out_nor_slowed_down(self):
        response = password_sign_in(self.client, "rt_officer", PASSWORD, REMOTE_ADDR="10.0.0.1")
        self.assertIn(KNOWN_DEVICE_COOKIE, response.cookies)
        self.assertNotIn("rt_officer", response.cookies[KNOWN_DEVICE_COOKIE].value)
        self.client.post("/keluar/")  # signing out keeps the browser known
        attacker = Client()  # the same office network, another browser
        for n in range(6):
            password_sign_in(attacker, "rt_officer", "salah", REMOTE_ADDR="10.0.0.1")
            password_sign_in(attacker, "rt_officer", "salah", REMOTE_ADDR=f"10.0.3.{n}")
        response = password_sign_in(attacker, "rt_officer", PASSWORD, REMOTE_ADDR="10.0.0.1")
        self.assertEqual(response.status_code, 429)
        # The owner's own browser on that same address still gets in.
        response = password_sign_in(self.client, "rt_officer", PASSWORD, REMOTE_ADDR="10.0.0.1")
        self.assertEqual(response.status_code, 302)

    def test_one_address_trying_many_names_is_locked(self):
        for n in range(5):
            response = self.fail(f"nobody-{n}", address="10.9.9.9")
        self.assertEqual(response.status_code, 429)
        # Names that match no account are stored only as a keyed hash.
        names = list(AccessAttempt.objects.values_list("username", flat=True))
        self.assertTrue(all(name.startswith("?") and "nobody" not in name for name in names))
        response = password_sign_in(self.client, "manager", PASSWORD, REMOTE_ADDR="10.9.9.9")
        self.assertEqual(response.status_code, 429)

    def test_success_resets_the_count(self):
        for _ in range(4):
            self.fail("rt_officer")
        response = password_sign_in(self.client, "rt_officer", PASSWORD, REMOTE_ADDR="10.0.0.1")
        self.assertEqual(response.status_code, 302)
        self.client.logout()
        self.assertEqual(self.fail("rt_officer").status_code, 200)

    def test_failures_are_audited_without_the_typed_name(self):
        self.fail("081234567890")
        event = AuditEvent.objects.get(action=AuditAction.SIGN_IN_FAILED)
        self.assertEqual(event.object_id, str(self.rt_officer.pk))
        self.assertNotIn("0812", event.reason + str(event.fields))

    @override_settings(AXES_FAILURE_LIMIT=2)
    def test_limit_is_configurable(self):
        self.fail("rt_officer")
        self.assertEqual(self.fail("rt_officer").status_code, 429)

    def test_force_login_is_not_affected(self):
        for _ in range(5):
            self.fail("manager")
        self.login(self.manager)
        self.assertEqual(self.client.get("/akun/kata-sandi/").status_code, 200)


class UnlockTests(JagaTestCase):
    def lock(self, login, address="10.0.0.1"):
        for _ in range(5):
            password_sign_in(self.client, login, "salah", REMOTE_ADDR=address)

    def test_city_admin_sees_and_unlocks_an_account(self):
        self.lock("rt_officer")
        self.login(self.admin)
        response = self.client.get("/keamanan/kunci/")
        self.assertContains(response, "Rt Officer")
        self.assertContains(response, "10.0.0.1")
        response = self.client.post(
            "/keamanan/kunci/buka/", {"kind": "account", "key": "rt_officer"}, follow=True
        )
        self.assertContains(response, "Kunci dibuka")
        self.client.logout()
        response = password_sign_in(self.client, "rt_officer", PASSWORD, REMOTE_ADDR="10.0.0.2")
        self.assertEqual(response.status_code, 302)
        event = AuditEvent.objects.filter(action=AuditAction.CHANGE).first()
        self.assertEqual(event.fields, ["lockout"])

    def test_unlock_an_address(self):
        self.lock("nobody-at-all", address="10.5.5.5")
        self.login(self.admin)
        self.client.post("/keamanan/kunci/buka/", {"kind": "address", "key": "10.5.5.5"})
        self.assertFalse(AccessAttempt.objects.filter(ip_address="10.5.5.5").exists())

    def test_other_city_admin_cannot_see_or_unlock_our_people(self):
        self.lock("rt_officer")
        accounts, _addresses = lockouts_for(self.outsider)
        self.assertEqual(accounts, [])
        self.login(self.outsider)
        response = self.client.post(
            "/keamanan/kunci/buka/", {"kind": "account", "key": "rt_officer"}
        )
        self.assertEqual(response.status_code, 404)
        self.assertTrue(AccessAttempt.objects.filter(username="rt_officer").exists())

    def test_only_city_admins_hold_the_rule(self):
        for person in [self.manager, self.rt_officer, self.analyst]:
            self.login(person)
            self.assertEqual(self.client.get("/keamanan/kunci/").status_code, 403)
        self.client.logout()
        self.assertEqual(self.client.get("/keamanan/kunci/").status_code, 302)

    def test_lockout_list_query_count(self):
        self.lock("rt_officer")
        self.lock("kel_officer", address="10.0.0.2")
        self.login(self.admin)
        self.client.get("/keamanan/kunci/")
        with self.assert_query_count(6):
            self.client.get("/keamanan/kunci/")


class ClientAddressTests(JagaTestCase):
    def address(self, forwarded=None, remote="10.1.1.1"):
        request = RequestFactory().get("/", REMOTE_ADDR=remote)
        if forwarded is not None:
            request.META["HTTP_X_FORWARDED_FOR"] = forwarded
        return client_ip(request)

    def test_without_trusted_proxies_a_client_cannot_claim_an_address(self):
        self.assertEqual(self.address("203.0.113.7"), "10.1.1.1")

    @override_settings(TRUSTED_PROXIES=1)
    def test_behind_one_proxy_the_address_it_saw(self):
        # The client wrote "1.2.3.4" itself; the proxy appended the address it was reached from.
        self.assertEqual(self.address("1.2.3.4, 203.0.113.7"), "203.0.113.7")
        self.assertEqual(self.address("203.0.113.7"), "203.0.113.7")
        self.assertEqual(self.address("bukan-alamat"), "10.1.1.1")
        self.assertEqual(self.address(None), "10.1.1.1")

    @override_settings(TRUSTED_PROXIES=2)
    def test_behind_two_proxies(self):
        self.assertEqual(self.address("1.2.3.4, 203.0.113.7, 10.0.0.2"), "203.0.113.7")

    @override_settings(TRUSTED_PROXIES=1)
    def test_lockout_counts_the_real_client_behind_the_proxy(self):
        for _ in range(5):
            password_sign_in(
                self.client,
                "rt_officer",
                "salah",
                REMOTE_ADDR="10.0.0.1",
                HTTP_X_FORWARDED_FOR="203.0.113.7",
            )
        # Another resident behind the same proxy is not locked out with the first.
        response = password_sign_in(
            self.client,
            "manager",
            PASSWORD,
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.8",
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(
            set(AccessAttempt.objects.values_list("ip_address", flat=True)), {"203.0.113.7"}
        )
