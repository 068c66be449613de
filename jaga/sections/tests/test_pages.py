import io

from openpyxl import load_workbook
from pypdf import PdfReader

from jaga.audit.models import AuditAction, AuditEvent
from jaga.sections.models import Member
from jaga.sections.tests.base import CityTestCase, add_rts, member_phone
from jaga.testing import queries_run

PAGE_LIMIT = 60_000


class CoveragePageTests(CityTestCase):
    def get(self, url):
        with queries_run() as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        self.assertLess(len(response.content), PAGE_LIMIT, url)
        self.assertNotIn(b"style=", response.content)
        return response, len(queries)

    def test_constant_queries_and_size_at_two_sizes(self):
        self.login(self.admin)
        urls = [
            "/seksi-ppa/cakupan/64.71/",
            f"/seksi-ppa/cakupan/{self.timur.code}/",
            f"/seksi-ppa/cakupan/{self.manggar.code}/?semua=1",
        ]
        small = {url: self.get(url)[1] for url in urls}
        add_rts(self.kelurahan, 400)  # 13,600 RTs: eight times the city
        for url in urls:
            with self.assert_query_count(small[url]):
                self.get(url)
        # Account, memberships and the area, then the figures (one aggregate each).
        self.assertLessEqual(max(small.values()), 9)

    def test_city_page_shows_hand_computed_figures(self):
        self.login(self.admin)
        response, _queries = self.get("/seksi-ppa/cakupan/64.71/")
        self.assertContains(response, "1700")
        self.assertContains(response, "90,0 %")  # Indonesian decimal comma
        self.assertContains(response, "60,0 %")
        self.assertContains(response, "67,9 %")
        self.assertContains(response, 'y1="102.0"')  # SVG coordinates are never localised
        self.assertContains(response, "<svg")
        self.assertContains(response, "Balikpapan Timur")

    def test_kelurahan_page_lists_gaps(self):
        self.login(self.kel_officer)
        response, _queries = self.get(f"/seksi-ppa/cakupan/{self.manggar.code}/")
        # Manggar was silent last month: all 50 RTs have a gap.
        self.assertContains(response, "/seksi-ppa/rt/64.71.01.1001.050/")
        self.assertContains(response, "senyap")
        self.assertNotContains(response, f"{member_phone(self.rt1)}")

    def test_index_redirects_to_the_persons_area(self):
        self.login(self.kel_officer)
        response = self.client.get("/seksi-ppa/")
        self.assertRedirects(response, f"/seksi-ppa/cakupan/{self.manggar.code}/")

    def test_scope(self):
        self.login(self.kel_officer)
        self.assertEqual(self.client.get("/seksi-ppa/cakupan/64.71/").status_code, 404)
        self.assertEqual(
            self.client.get(f"/seksi-ppa/cakupan/{self.prapatan.code}/").status_code, 404
        )
        self.login(self.outsider)
        self.assertEqual(self.client.get("/seksi-ppa/cakupan/64.71/").status_code, 404)
        for person in (self.analyst, self.taskforce, self.head):
            self.login(person)
            self.assertEqual(self.client.get("/seksi-ppa/cakupan/64.71/").status_code, 200)
        for person in (self.rt_officer, self.activist, self.partner, self.nobody):
            self.login(person)
            self.assertEqual(self.client.get("/seksi-ppa/cakupan/64.71/").status_code, 403)


class ExportTests(CityTestCase):
    def test_xlsx_per_kelurahan(self):
        self.login(self.admin)
        url = f"/seksi-ppa/cakupan/64.71/ekspor.xlsx?bulan={self.month:%Y-%m}"
        with queries_run() as small:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[3][0], "Kecamatan")
        body = rows[4:-1]
        self.assertEqual(len(body), 34)
        manggar = next(r for r in body if r[1] == "Manggar")
        self.assertEqual(manggar[2:], (50, 45, 90.0, 30, 60.0, 0, 0.0, 50))
        self.assertEqual(rows[-1][2:], (1700, 1530, 90.0, 1020, 60.0, 1155, 67.9, 545))
        event = AuditEvent.objects.get(action=AuditAction.EXPORT)
        self.assertEqual((event.area_code, event.actor), ("64.71", self.admin))
        for _ in range(2):
            add_rts(self.kelurahan, 200)
            with self.assert_query_count(len(small)):
                self.client.get(url)

    def test_pdf(self):
        self.login(self.kel_officer)
        response = self.client.get(f"/seksi-ppa/cakupan/{self.manggar.code}/ekspor.pdf")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"%PDF"))
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertTrue(AuditEvent.objects.filter(action=AuditAction.EXPORT).exists())
        text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
        self.assertIn("90,0", text)  # the active language's decimal comma
        self.assertNotIn("90.0", text)

    def test_denied(self):
        self.login(self.kel_officer)
        self.assertEqual(self.client.get("/seksi-ppa/cakupan/64.71/ekspor.pdf").status_code, 404)
        for person in (self.analyst, self.rt_officer, self.taskforce):
            self.login(person)
            self.assertEqual(
                self.client.get("/seksi-ppa/cakupan/64.71/ekspor.xlsx").status_code, 403
            )
        self.assertFalse(AuditEvent.objects.filter(action=AuditAction.EXPORT).exists())


class SilentListTests(CityTestCase):
    def test_kelurahan_officer_sees_phones_and_the_read_is_audited(self):
        self.login(self.kel_officer)
        url = f"/seksi-ppa/senyap/{self.manggar.code}/"
        with queries_run() as small:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertLess(len(response.content), PAGE_LIMIT)
        self.assertContains(response, member_phone(self.rt1))  # decrypted for this role
        self.assertContains(response, "RT 050")
        self.assertContains(response, "belum ada anggota tercatat")  # RT 46–50
        event = AuditEvent.objects.get(action=AuditAction.READ, object_type="sections.member")
        self.assertEqual(event.area_code, self.manggar.code)
        self.assertEqual(event.fields, ["name", "phone"])
        self.assertNotIn(member_phone(self.rt1), str(event.reason))
        add_rts([self.manggar], 300)  # 250 more silent RTs: paged, same queries
        with self.assert_query_count(len(small)):
            response = self.client.get(url)
        self.assertLess(len(response.content), PAGE_LIMIT)

    def test_a_kelurahan_that_answered(self):
        self.login(self.admin)
        response = self.client.get(f"/seksi-ppa/senyap/{self.lamaru.code}/")
        self.assertContains(response, "RT 036")
        self.assertNotContains(response, "RT 035<")

    def test_denied(self):
        self.login(self.kel_officer)
        self.assertEqual(
            self.client.get(f"/seksi-ppa/senyap/{self.prapatan.code}/").status_code, 404
        )
        for person in (self.analyst, self.taskforce, self.rt_officer, self.head):
            self.login(person)
            response = self.client.get(f"/seksi-ppa/senyap/{self.manggar.code}/")
            self.assertEqual(response.status_code, 403)
        self.assertFalse(AuditEvent.objects.filter(object_type="sections.member").exists())


class RegistryTests(CityTestCase):
    def test_rt_page_decrypts_members_and_audits(self):
        self.login(self.kel_officer)
        response = self.client.get(f"/seksi-ppa/rt/{self.rt1.code}/")
        self.assertContains(response, member_phone(self.rt1))
        self.assertContains(response, "Pelatihan PATBM dasar")
        self.assertTrue(
            AuditEvent.objects.filter(action=AuditAction.READ, object_type="sections.section")
        )

    def test_rt_officer_sees_own_section_only_and_cannot_edit(self):
        self.login(self.rt_officer)
        self.assertEqual(self.client.get(f"/seksi-ppa/rt/{self.rt1.code}/").status_code, 200)
        self.assertEqual(self.client.get(f"/seksi-ppa/rt/{self.rt2.code}/").status_code, 404)
        response = self.client.post(f"/seksi-ppa/rt/{self.rt1.code}/seksi/", {})
        self.assertEqual(response.status_code, 403)

    def test_other_kelurahan_is_not_found(self):
        self.login(self.kel_officer)
        url = f"/seksi-ppa/rt/{self.prapatan_rt1.code}/"
        self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(self.client.post(url + "anggota/", {}).status_code, 404)

    def test_edit_section_and_bad_input(self):
        self.login(self.kel_officer)
        url = f"/seksi-ppa/rt/{self.rt_code(49)}/seksi/"
        response = self.client.post(url, {"is_formed": "on", "decision_number": "9/SK"})
        self.assertContains(response, "Isi tanggal SK pembentukan", status_code=400)
        self.assertFalse(self.section(49))
        response = self.client.post(
            url,
            {
                "is_formed": "on",
                "decision_number": "9/SK",
                "decision_date": "2025-01-02",
                "is_active": "on",
            },
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(self.section(49).get().is_formed)

    def test_add_member_bad_phone_then_good(self):
        self.login(self.kel_officer)
        url = f"/seksi-ppa/rt/{self.rt_code(49)}/anggota/"
        response = self.client.post(url, {"name": "Ani", "phone": "12", "position": "member"})
        self.assertContains(response, "Nomor HP tidak sah", status_code=400)
        self.assertFalse(Member.objects.filter(section__rt__code=self.rt_code(49)).exists())
        response = self.client.post(
            url, {"name": "Ani", "phone": member_phone(self.rt1), "position": "member"}
        )
        self.assertContains(response, "RT lain", status_code=400)
        response = self.client.post(
            url, {"name": "Ani", "phone": "081377778888", "position": "member"}
        )
        self.assertEqual(response.status_code, 302)
        member = Member.objects.get(section__rt__code=self.rt_code(49))
        self.assertEqual((member.name, member.phone), ("Ani", "+6281377778888"))

    def test_training_and_deactivate(self):
        self.login(self.kel_officer)
        member = Member.objects.get(section__rt=self.rt1)
        url = f"/seksi-ppa/rt/{self.rt1.code}/pelatihan/"
        data = {"member": member.pk, "title": "Konseling", "held_on": "2025-02-03"}
        self.assertEqual(self.client.post(url, data).status_code, 302)
        response = self.client.post(url, data)
        self.assertContains(response, "sudah tercatat", status_code=400)
        response = self.client.post(f"/seksi-ppa/anggota/{member.pk}/aktif/", {"active": "0"})
        self.assertEqual(response.status_code, 302)
        member.refresh_from_db()
        self.assertFalse(member.is_active)

    def test_invite_member_in_one_step(self):
        self.login(self.kel_officer)
        member = Member.objects.get(section__rt=self.rt2)
        response = self.client.post(f"/seksi-ppa/anggota/{member.pk}/undang/", follow=True)
        self.assertContains(response, "/akun/aktivasi/")
        member.refresh_from_db()
        person = member.person
        self.assertEqual(person.phone, member_phone(self.rt2))
        membership = person.memberships.get()
        self.assertEqual((membership.role, membership.area), ("rt_officer", self.rt2))
        self.assertFalse(person.has_usable_password())
        response = self.client.post(f"/seksi-ppa/anggota/{member.pk}/undang/", follow=True)
        self.assertContains(response, "sudah punya akun")

    def test_invite_denied(self):
        member = Member.objects.get(section__rt=self.rt2)
        for person, status in ((self.rt_officer, 403), (self.analyst, 403), (self.head, 403)):
            self.login(person)
            response = self.client.post(f"/seksi-ppa/anggota/{member.pk}/undang/")
            self.assertEqual(response.status_code, status)
        other = Member.objects.get(section__rt=self.prapatan_rt1)
        self.login(self.kel_officer)
        self.assertEqual(
            self.client.post(f"/seksi-ppa/anggota/{other.pk}/undang/").status_code, 404
        )

    def rt_code(self, number):
        return f"{self.manggar.code}.{number:03d}"

    def section(self, number):
        from jaga.sections.models import Section

        return Section.objects.filter(rt__code=self.rt_code(number))
