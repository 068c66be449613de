"""/api/suara-anak/: the same rules, services and suppression as the pages; no operation ever
returns what one child answered."""

import json

from django.utils import timezone

from jaga.voice.models import ChildForum, Proposal, SurveySession
from jaga.voice.services.survey import response_submit
from jaga.voice.tests.helpers import DANGER, FINE, SurveyTestCase

API = "/api/suara-anak"


class SessionApiTests(SurveyTestCase):
    def post(self, **changes):
        body = {
            "round_id": self.survey_round.pk,
            "kelurahan_code": self.manggar.code,
            "class_level": "sd-5-6",
            "held_on": timezone.localdate().isoformat(),
            "expected_answers": 30,
            "helper_name": "Kak Rina",
            "place": "Balai Kelurahan Manggar",
        }
        body.update(changes)
        return self.client.post(f"{API}/sesi", json.dumps(body), content_type="application/json")

    def test_in_the_openapi_schema(self):
        paths = self.client.get("/api/openapi.json").json()["paths"]
        for path in ("/sesi", "/sesi/{session_id}/tutup", "/hasil", "/publik/hasil"):
            self.assertIn(API + path, paths)

    def test_activist_opens_lists_and_closes_a_session(self):
        self.login(self.activist)
        response = self.post()
        self.assertEqual(response.status_code, 200, response.content)
        opened = response.json()
        self.assertTrue(opened["is_open"])
        self.assertEqual(SurveySession.objects.get().code, opened["code"])
        session = SurveySession.objects.get()
        response_submit(session=session, age_band="8-12", values=FINE, sex="p")
        listed = self.client.get(f"{API}/sesi").json()
        self.assertEqual([(s["code"], s["answers"]) for s in listed], [(opened["code"], 1)])
        self.assertNotIn("values", json.dumps(listed))
        closed = self.client.post(f"{API}/sesi/{session.pk}/tutup").json()
        self.assertFalse(closed["is_open"])

    def test_bad_input_is_refused_with_the_services_messages(self):
        self.login(self.activist)
        response = self.post(kelurahan_code=self.prapatan.code)
        self.assertEqual(response.status_code, 422)
        self.assertIn("Pilih satu kelurahan.", response.json()["detail"])
        response = self.post(round_id=999999)
        self.assertEqual(response.status_code, 422)
        self.assertIn("tidak sedang berjalan", response.json()["detail"])
        self.assertEqual(self.post(expected_answers=0).status_code, 422)
        self.assertEqual(self.post(class_level="kuliah").status_code, 422)
        self.assertFalse(SurveySession.objects.exists())

    def test_who_may_open_and_see_sessions(self):
        self.assertEqual(self.client.get(f"{API}/sesi").status_code, 401)
        for person in (self.manager, self.rt_officer, self.analyst):
            self.login(person)
            self.assertEqual(self.post().status_code, 403, person.username)
            self.assertEqual(self.client.get(f"{API}/sesi").status_code, 403, person.username)
        session = self.open_session()
        self.login(self.admin)
        self.assertEqual(len(self.client.get(f"{API}/sesi").json()), 1)
        self.login(self.outsider)  # another city's administrator
        self.assertEqual(self.client.get(f"{API}/sesi").json(), [])
        self.assertEqual(self.client.post(f"{API}/sesi/{session.pk}/tutup").status_code, 404)


class ResultsApiTests(SurveyTestCase):
    def fill(self, count, values=FINE):
        session = self.open_session(expected=60)
        for _ in range(count):
            response_submit(session=session, age_band="8-12", values=values, sex="p")

    def test_staff_results_are_suppressed_like_the_page(self):
        self.fill(25)
        self.fill(3, DANGER)
        self.login(self.analyst)
        response = self.client.get(f"{API}/hasil", {"area_code": "64.71"})
        self.assertEqual(response.status_code, 200, response.content)
        body = response.json()
        self.assertEqual((body["round_id"], body["responses"]), (self.survey_round.pk, 28))
        text = json.dumps(body)
        self.assertIn("<10", text)
        self.assertNotIn('"3"', text)  # the three "not safe at home" never printed
        self.assertNotIn('"28"', text)  # nor a total that would give them back

    def test_few_answers_show_no_figure(self):
        self.fill(3)
        self.login(self.admin)
        body = self.client.get(f"{API}/hasil").json()
        self.assertEqual(
            (body["responses"], body["feels_safe_percent"], body["tables"]), (3, None, [])
        )

    def test_who_sees_staff_results(self):
        self.assertEqual(self.client.get(f"{API}/hasil").status_code, 401)
        for person in (self.manager, self.rt_officer, self.activist, self.partner):
            self.login(person)
            self.assertEqual(self.client.get(f"{API}/hasil").status_code, 403, person.username)
        self.login(self.kel_officer)
        self.assertEqual(self.client.get(f"{API}/hasil").json()["area_code"], self.manggar.code)
        self.assertEqual(
            self.client.get(f"{API}/hasil", {"area_code": self.prapatan.code}).status_code, 404
        )

    def test_public_results_stop_at_kecamatan(self):
        self.fill(25)
        body = self.client.get(f"{API}/publik/hasil", {"kecamatan_code": self.manggar.code}).json()
        self.assertEqual(body["area_code"], self.city.code)  # a kelurahan is not published
        self.assertNotIn("Manggar", json.dumps(body))
        self.assertNotIn(
            "sekolah", self.client.get(f"{API}/publik/hasil", {"by": "sekolah"}).json()["by"]
        )


class ProposalApiTests(SurveyTestCase):
    def test_public_proposals_hold_no_personal_data(self):
        forum = ChildForum.objects.create(
            level="city", area=self.city, name="Forum Anak Balikpapan"
        )
        Proposal.objects.create(forum=forum, title="Lampu jalan ke sekolah", addressee=self.police)
        body = self.client.get(f"{API}/publik/usulan").json()
        self.assertEqual([p["title"] for p in body], ["Lampu jalan ke sekolah"])
        self.assertEqual(
            set(body[0]),
            {"forum", "title", "addressee", "sent_on", "status", "answer", "answered_on"},
        )
