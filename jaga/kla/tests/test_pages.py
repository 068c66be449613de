from django.urls import reverse

from jaga.kla.models import Answer, Item, RoundStatus
from jaga.kla.services import round_open
from jaga.taskforce.tests.helpers import TaskforceTestCase


class PageTests(TaskforceTestCase):
    def setUp(self):
        self.round = round_open(city=self.city, year=2027)

    def indicator_url(self, number):
        return reverse("kla:indicator", args=[self.round.pk, number])

    def test_the_focal_person_answers_their_indicator(self):
        item = Item.objects.get(indicator__instrument=self.round.instrument, code="19.1")
        self.login(self.education)
        page = self.client.get(self.indicator_url(19))
        self.assertContains(page, "Simpan jawaban")
        field = f"butir-{item.pk}-value"
        bad = self.client.post(self.indicator_url(19), {"item": item.pk, field: "150"})
        self.assertContains(bad, "Isikan angka dari 0 sampai 100", status_code=400)
        self.assertFalse(Answer.objects.exists())
        done = self.client.post(self.indicator_url(19), {"item": item.pk, field: "62,5"})
        self.assertRedirects(done, self.indicator_url(19))
        self.assertEqual(Answer.objects.get(item=item).value, "62.5")
        # Another agency's indicator: shown, not answerable.
        other = self.client.get(self.indicator_url(12))
        self.assertNotContains(other, "Simpan jawaban")
        health_item = Item.objects.get(indicator__instrument=self.round.instrument, code="12.1")
        refused = self.client.post(
            self.indicator_url(12), {"item": health_item.pk, f"butir-{health_item.pk}-value": "9"}
        )
        self.assertEqual(refused.status_code, 404)
        self.assertFalse(Answer.objects.filter(item=health_item).exists())

    def test_the_round_page_shows_score_risk_and_lifts(self):
        self.login(self.admin)
        page = self.client.get(self.round.get_absolute_url())
        self.assertContains(page, 'id="at-risk"')
        self.assertContains(page, 'id="lifts"')
        self.assertContains(page, "Kirim penilaian mandiri")
        self.assertEqual(
            self.client.post(reverse("kla:submit", args=[self.round.pk])).status_code, 302
        )
        self.round.refresh_from_db()
        self.assertEqual(self.round.status, RoundStatus.SUBMITTED)

    def test_the_round_page_names_each_clusters_coordinator(self):
        self.login(self.admin)
        page = self.client.get(self.round.get_absolute_url())
        self.assertContains(page, "Koordinator klaster")
        row = next(r for r in page.content.decode().split("<tr>") if "Kesehatan Dasar" in r)
        self.assertIn(str(self.health), row)  # Dinas Kesehatan's focal person coordinates it

    def test_who_sees_what(self):
        url = self.round.get_absolute_url()
        for person in (self.admin, self.education, self.analyst):
            self.login(person)
            self.assertEqual(self.client.get(url).status_code, 200, person)
        for person in (self.manager, self.rt_officer, self.partner, self.activist):
            self.login(person)
            self.assertIn(self.client.get(url).status_code, (403, 404), person)
        self.login(self.education)
        self.assertEqual(
            self.client.post(reverse("kla:submit", args=[self.round.pk])).status_code, 403
        )

    def test_the_public_sees_final_results_only(self):
        self.round.status, self.round.final_score = RoundStatus.FINAL, 878
        self.round.save()
        round_open(city=self.city, year=2029)  # still open: not shown
        page = self.client.get(reverse("kla:public"))
        self.assertContains(page, "878")
        self.assertContains(page, "Utama")
        self.assertNotContains(page, "2029")
