"""The shell is Indonesian first with a complete English translation: pages of the newer apps
(forum, children's voice, task force, KLA evaluation) speak English once the person chose it."""

from django.conf import settings
from django.utils import translation

from jaga.kla.services import round_open
from jaga.testing import JagaTestCase


class EnglishPagesTest(JagaTestCase):
    def test_forum_voice_and_taskforce_pages_in_english(self):
        # The middleware leaves the last request's language active in the thread: give the
        # tests after this one their Indonesian back.
        self.addCleanup(translation.activate, settings.LANGUAGE_CODE)
        self.login(self.admin)
        self.client.post("/bahasa/", {"language": "en", "next": "/"})
        self.assertEqual(self.client.cookies[settings.LANGUAGE_COOKIE_NAME].value, "en")
        for url, english, indonesian in (
            ("/fp2atbm/cakupan/64.71/", "FP2ATBM reach", "Cakupan FP2ATBM"),
            ("/suara-anak/", "“Do I feel safe?” survey sessions", "Sesi survei"),
            ("/suara-anak/forum/", "Record a new Forum Anak", "Catat Forum Anak baru"),
            ("/gugus-tugas/", "KLA task force", "Gugus Tugas KLA"),
            ("/suara/", "A short survey for children", "Survei singkat untuk anak"),
        ):
            with self.subTest(url=url):
                page = self.client.get(url)
                self.assertContains(page, 'lang="en"')
                self.assertContains(page, english)
                self.assertNotContains(page, indonesian)

    def test_kla_round_page_in_english(self):
        self.addCleanup(translation.activate, settings.LANGUAGE_CODE)
        kla_round = round_open(city=self.city, year=2027)
        self.login(self.admin)
        self.client.post("/bahasa/", {"language": "en", "next": "/"})
        page = self.client.get(f"/kla/{kla_round.pk}/")
        self.assertContains(page, 'lang="en"')
        for english in (
            "KLA evaluation 2027",
            "The score the verifiers are likely to give",
            "out of 1000",
            "Submit the self-assessment",
            "What raises the score most",
        ):
            self.assertContains(page, english)
        # Only the instrument's own texts (indicator names, questions) stay Indonesian.
        for indonesian in ("Evaluasi KLA", "Nilai yang kemungkinan", "Kirim penilaian mandiri"):
            self.assertNotContains(page, indonesian)
