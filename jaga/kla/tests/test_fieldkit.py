"""The field-verification kit: DP3AKB lists the sites of the verification day with their
agency, contact and questions; everyone who sees the round reads the schedule."""

import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jaga.access.roles import Role
from jaga.kla.fieldkit import site_add
from jaga.kla.models import RoundStatus, VerificationSite
from jaga.kla.services import round_open
from jaga.taskforce.tests.helpers import TaskforceTestCase
from jaga.testing import make_person


class FieldKitTests(TaskforceTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.verifier = make_person("verifier", Role.KLA_VERIFIER, area=cls.city)

    def setUp(self):
        self.round = round_open(city=self.city, year=2027)
        self.url = reverse("kla:kit", args=[self.round.pk])

    def post(self, **values):
        data = {
            "name": "SD Negeri 012 (sekolah ramah anak)",
            "day": "2027-05-20",
            "start": "10:00",
            "end": "10:45",
            "mode": "video",
            "organisation": self.education_org.pk,
            "contact": self.education.pk,
            "asks": "Kanal pengaduan siswa; guru terlatih KHA.",
        }
        return self.client.post(self.url, {**data, **values})

    def test_dp3akb_builds_the_day_in_time_order(self):
        self.login(self.admin)
        self.assertContains(self.client.get(self.url), "Belum ada lokasi")
        late = self.post(start="11:00", end="10:00")
        self.assertContains(late, "Waktu selesai harus sesudah waktu mulai", status_code=400)
        stranger = self.post(contact=self.health.pk)
        self.assertContains(stranger, "Narahubung harus anggota organisasi", status_code=400)
        self.assertFalse(VerificationSite.objects.exists())
        self.assertRedirects(self.post(), self.url)
        self.assertRedirects(self.post(name="UPTD PPA", start="08:30", end="09:30"), self.url)
        page = self.client.get(self.url)
        self.assertContains(page, "2 lokasi")
        body = page.content.decode()
        self.assertLess(body.index("08:30–09:30 WITA · UPTD PPA"), body.index("10:00–10:45"))
        self.assertContains(page, "Kanal pengaduan siswa")
        site = VerificationSite.objects.get(name="UPTD PPA")
        site_url = reverse("kla:kit_site", args=[self.round.pk, site.pk])
        self.client.post(site_url, {"ready": "1"})
        site.refresh_from_db()
        self.assertTrue(site.ready)
        self.client.post(site_url, {"action": "remove"})
        self.assertEqual(VerificationSite.objects.count(), 1)

    def test_who_reads_and_who_changes(self):
        self.login(self.admin)
        self.post()
        for person in (self.verifier, self.education, self.analyst):
            self.login(person)
            page = self.client.get(self.url)
            self.assertContains(page, "SD Negeri 012", msg_prefix=str(person))
            self.assertNotContains(page, "Tambah lokasi")
            self.assertEqual(self.post(name="Lain").status_code, 403)
        self.assertEqual(VerificationSite.objects.count(), 1)
        self.login(self.outsider)
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_a_final_round_keeps_its_schedule(self):
        self.round.status = RoundStatus.FINAL
        self.round.save()
        start = timezone.now()
        with self.assertRaises(ValidationError):
            site_add(
                kla_round=self.round,
                name="PUSPAGA",
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=1),
                mode="onsite",
            )
