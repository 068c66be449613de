"""Results as each persona sees them: suppressed below 10, the public page only city and
kecamatan, nobody a single answer; queries do not grow with the answers."""

from jaga.testing import queries_run
from jaga.voice.models import Response
from jaga.voice.services.survey import response_submit
from jaga.voice.tests.helpers import DANGER, FINE, SurveyTestCase


class ResultsTest(SurveyTestCase):
    def fill(self, session, count, values=None):
        for _ in range(count):
            response_submit(session=session, age_band="8-12", values=values or FINE, sex="p")

    def test_three_answers_show_nothing_anywhere(self):
        session = self.open_session()
        self.fill(session, 2)
        self.fill(session, 1, DANGER)
        self.login(self.analyst)
        page = self.client.get("/suara-anak/hasil/?wilayah=64.71")
        self.assertContains(page, "Baru 3 jawaban")
        self.assertNotContains(page, '<td class="num">3</td>')
        public = self.client.get("/suara/hasil/")
        self.assertContains(public, "Baru 3 jawaban")

    def test_enough_answers_show_suppressed_tables(self):
        session = self.open_session(expected=40)
        self.fill(session, 25)
        self.fill(session, 3, DANGER)
        self.login(self.analyst)
        page = self.client.get("/suara-anak/hasil/?wilayah=64.71").content.decode()
        self.assertIn("Balikpapan Timur", page)
        self.assertIn("&lt;10", page)  # the three "not safe at home" hide as "<10"
        # ... and with one kecamatan the total (28) would give them back: hidden too.
        self.assertIn('<td class="num">×</td>', page)
        self.assertNotIn(">28<", page)
        self.assertNotIn(">3<", page)
        public = self.client.get("/suara/hasil/").content.decode()
        self.assertIn("Balikpapan Timur", public)
        self.assertNotIn("Manggar", public)  # nothing below kecamatan in public
        self.assertNotIn(">3<", public)

    def test_the_public_page_refuses_a_kelurahan(self):
        response = self.client.get("/suara/hasil/", {"wilayah": self.manggar.code})
        self.assertEqual(response.context["area"], self.city)

    def test_who_sees_staff_results(self):
        url = "/suara-anak/hasil/?wilayah=64.71"
        for person, status in [
            (self.analyst, 200),
            (self.admin, 200),
            (self.taskforce, 200),
            (self.activist, 403),
            (self.rt_officer, 403),
            (self.partner, 403),
            (self.outsider, 404),
        ]:
            self.login(person)
            self.assertEqual(self.client.get(url).status_code, status, person)
        self.login(self.kel_officer)
        self.assertEqual(self.client.get(url).status_code, 404)  # outside their kelurahan
        self.assertEqual(self.client.get("/suara-anak/hasil/").status_code, 200)

    def test_constant_queries_however_many_answers(self):
        session = self.open_session(expected=60)
        self.login(self.analyst)
        url = "/suara-anak/hasil/?wilayah=64.71"
        self.fill(session, 12)
        self.client.get(url)
        with queries_run() as few:
            self.client.get(url)
        self.fill(session, 30)
        with self.assert_query_count(len(few)):
            self.client.get(url)
        self.assertEqual(Response.objects.count(), 42)

    def test_the_dashboard_shows_how_safe_children_feel(self):
        session = self.open_session(expected=40)
        self.fill(session, 20)
        self.login(self.admin)
        page = self.client.get("/angka/?wilayah=64.71")
        self.assertContains(page, "merasa aman")
        self.assertContains(page, "100%")  # every place answered "aman" or better


class ResultsLinksTest(SurveyTestCase):
    """Results link only where the reader may go (issue 11's dead links)."""

    def test_an_analyst_of_the_province_starts_by_choosing_a_city(self):
        self.login(self.analyst)
        page = self.client.get("/suara-anak/hasil/")
        self.assertContains(page, 'href="?wilayah=64.71"')
        self.assertNotContains(page, 'href="/suara-anak/"')  # sessions are not theirs

    def test_no_way_up_beyond_the_readers_area(self):
        self.login(self.kel_officer)
        page = self.client.get("/suara-anak/hasil/")
        self.assertEqual(page.context["area"], self.manggar)
        self.assertNotContains(page, f'href="?wilayah={self.manggar.parent.code}"')
        self.login(self.admin)
        page = self.client.get("/suara-anak/hasil/", {"wilayah": self.manggar.code})
        self.assertContains(page, f'href="?wilayah={self.manggar.parent.code}"')
        self.assertContains(page, 'href="/suara-anak/"')

    def test_the_dashboard_card_links_to_results_only_for_who_may_see_them(self):
        self.fill_enough()
        for person, linked in ((self.admin, True), (self.manager, False)):
            self.login(person)
            page = self.client.get("/angka/?wilayah=64.71")
            with self.subTest(person=person.username):
                self.assertContains(page, "merasa aman")
                self.assertEqual('href="/suara-anak/hasil/' in page.content.decode(), linked)

    def fill_enough(self):
        session = self.open_session(expected=40)
        for _ in range(20):
            response_submit(session=session, age_band="8-12", values=FINE, sex="p")
