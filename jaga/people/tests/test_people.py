from django.core.exceptions import ValidationError

from jaga.access.roles import Role
from jaga.people.models import Membership, Person
from jaga.people.phone import normalise_phone
from jaga.people.services import membership_grant, person_invite
from jaga.testing import PASSWORD, JagaTestCase


class PhoneTests(JagaTestCase):
    def test_forms_people_type_are_normalised(self):
        for raw in ("0812-3456-7890", "62 812 3456 7890", "+6281234567890"):
            self.assertEqual(normalise_phone(raw), "+6281234567890")

    def test_bad_numbers_get_a_clear_message(self):
        for raw in ("12345", "0212345678", "08123", "08abc4567890", ""):
            with self.assertRaisesMessage(ValidationError, "Nomor HP tidak sah"):
                normalise_phone(raw)


class SignInTests(JagaTestCase):
    def test_sign_in_with_phone_number_or_username(self):
        self.rt_officer.phone = "+6281234567890"
        self.rt_officer.save()
        for login in ("0812 3456 7890", "rt_officer"):
            response = self.client.post("/masuk/", {"username": login, "password": PASSWORD})
            self.assertRedirects(response, "/", fetch_redirect_response=False)
            self.client.post("/keluar/")

    def test_wrong_password_says_so_in_indonesian(self):
        response = self.client.post("/masuk/", {"username": "rt_officer", "password": "x"})
        self.assertContains(response, "kata sandi salah")

    def test_passwords_are_hashed_with_argon2_in_production(self):
        import jaga.settings as production

        self.assertEqual(
            production.PASSWORD_HASHERS[0], "django.contrib.auth.hashers.Argon2PasswordHasher"
        )


class InviteTests(JagaTestCase):
    def test_invite_creates_account_membership_and_one_time_link(self):
        self.login(self.admin)
        response = self.client.post(
            "/orang/undang/",
            {
                "full_name": "Siti Aminah",
                "username": "siti",
                "phone": "081298765432",
                "role": Role.RT_OFFICER,
                "area": self.manggar.pk,
                "rt_number": 2,
            },
            follow=True,
        )
        siti = Person.objects.get(username="siti")
        self.assertFalse(siti.has_usable_password())
        self.assertEqual(siti.phone, "+6281298765432")
        self.assertEqual(siti.memberships.get().area, self.rt2)
        link = response.context["invitation_url"]
        self.assertIn("/akun/aktivasi/", link)
        self.client.post("/keluar/")
        path = link.split("testserver")[1]
        form_page = self.client.get(path, follow=True)
        self.client.post(
            form_page.redirect_chain[-1][0],
            {"new_password1": "Balikpapan-aman-2026", "new_password2": "Balikpapan-aman-2026"},
        )
        siti.refresh_from_db()
        self.assertTrue(siti.check_password("Balikpapan-aman-2026"))
        self.assertEqual(self.client.get(path, follow=True).context["validlink"], False)

    def test_bad_input_saves_nothing(self):
        self.login(self.admin)
        cases = [
            ({"phone": "12345"}, "Nomor HP tidak sah"),
            ({"username": "rt_officer"}, "sudah dipakai"),
            ({"rt_number": 77}, "RT ini belum terdaftar"),
            ({"role": Role.CASE_MANAGER}, "harus terikat pada organisasi"),
            ({"area": 999999}, "Masukkan pilihan yang valid"),
        ]
        base = {
            "full_name": "Baru",
            "username": "baru",
            "phone": "",
            "role": Role.RT_OFFICER,
            "area": self.manggar.pk,
            "rt_number": 1,
        }
        for change, message in cases:
            with self.subTest(change=change):
                response = self.client.post("/orang/undang/", {**base, **change})
                self.assertContains(response, message)
                self.assertFalse(Person.objects.filter(full_name="Baru").exists())

    def test_cannot_place_people_in_another_city(self):
        self.login(self.outsider)
        response = self.client.post(
            "/orang/undang/",
            {
                "full_name": "X",
                "username": "x",
                "role": Role.KELURAHAN_OFFICER,
                "area": self.manggar.pk,
            },
        )
        self.assertContains(response, "Masukkan pilihan yang valid")

    def test_only_city_admin_invites(self):
        for person in (self.kel_officer, self.manager, self.rt_officer, self.analyst):
            self.login(person)
            self.assertEqual(self.client.get("/orang/undang/").status_code, 403)


class MembershipTests(JagaTestCase):
    def test_role_must_fit_its_anchor(self):
        with self.assertRaises(ValidationError):
            membership_grant(person=self.nobody, role=Role.RT_OFFICER, area=self.manggar)
        with self.assertRaises(ValidationError):
            membership_grant(person=self.nobody, role=Role.PARTNER_OFFICER, organisation=self.uptd)
        membership_grant(person=self.nobody, role=Role.PARTNER_OFFICER, organisation=self.puskesmas)

    def test_grant_and_end_from_the_person_page(self):
        self.login(self.admin)
        self.client.post(
            f"/orang/{self.rt_officer.pk}/peran/",
            {"role": Role.KELURAHAN_OFFICER, "area": self.lamaru.pk},
        )
        membership = Membership.objects.get(person=self.rt_officer, area=self.lamaru)
        self.assertTrue(membership.is_active)
        self.client.post(f"/orang/{self.rt_officer.pk}/peran/{membership.pk}/akhiri/")
        membership.refresh_from_db()
        self.assertFalse(membership.is_active)

    def test_deactivated_account_cannot_sign_in(self):
        self.login(self.admin)
        self.client.post(f"/orang/{self.rt_officer.pk}/status/", {"active": "0"})
        self.client.post("/keluar/")
        response = self.client.post("/masuk/", {"username": "rt_officer", "password": PASSWORD})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(response.wsgi_request.user.is_authenticated)

    def test_admin_cannot_deactivate_self(self):
        self.login(self.admin)
        response = self.client.post(f"/orang/{self.admin.pk}/status/", {"active": "0"}, follow=True)
        self.assertContains(response, "tidak dapat menonaktifkan akun Anda sendiri")


class PersonPageTests(JagaTestCase):
    def test_a_person_without_any_membership_is_seen_by_nobody(self):
        self.login(self.admin)
        self.assertEqual(self.client.get(f"/orang/{self.nobody.pk}/").status_code, 404)

    def test_outsiders_get_404_and_reads_are_audited(self):
        from jaga.audit.models import AuditAction, AuditEvent

        self.login(self.outsider)
        self.assertEqual(self.client.get(f"/orang/{self.rt_officer.pk}/").status_code, 404)
        self.login(self.admin)
        self.assertEqual(self.client.get(f"/orang/{self.rt_officer.pk}/").status_code, 200)
        self.assertTrue(
            AuditEvent.objects.filter(
                action=AuditAction.READ, object_id=str(self.rt_officer.pk), actor=self.admin
            ).exists()
        )

    def test_kelurahan_officer_sees_but_cannot_change(self):
        self.login(self.kel_officer)
        self.assertEqual(self.client.get(f"/orang/{self.rt_officer.pk}/").status_code, 200)
        response = self.client.post(f"/orang/{self.rt_officer.pk}/status/", {"active": "0"})
        self.assertEqual(response.status_code, 403)

    def test_people_list_queries_do_not_grow(self):
        self.login(self.admin)
        self.client.get("/orang/")
        with self.assert_query_count(6):  # 5 + the second-factor device
            self.client.get("/orang/")
        for n in range(10):
            person_invite(
                full_name=f"P{n}",
                username=f"p{n}",
                role=Role.KELURAHAN_OFFICER,
                area=self.lamaru,
                invited_by=self.admin,
            )
        with self.assert_query_count(6):
            self.client.get("/orang/")
