import json

from jaga.forum.models import EducationSession
from jaga.forum.tests.base import ForumTestCase

URL = "/api/fp2atbm/sosialisasi"


class SessionApiTests(ForumTestCase):
    def post(self, **changes):
        body = {
            "held_on": "2025-04-02",
            "rt_codes": [self.rt1.code],
            "place_kind": "rt_meeting",
            "topics": ["uu_tpks"],
            "audience": "community",
            "women": 20,
            "men": 9,
        }
        body.update(changes)
        return self.client.post(URL, json.dumps(body), content_type="application/json")

    def test_in_the_openapi_schema(self):
        paths = self.client.get("/api/openapi.json").json()["paths"]
        self.assertIn(URL, paths)

    def test_activist_records_through_the_same_service(self):
        self.login(self.activist)
        response = self.post()
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["adults"], 29)
        self.assertEqual(EducationSession.objects.get().chapter, self.manggar_chapter)

    def test_same_bad_input_same_message(self):
        self.login(self.activist)
        response = self.post(rt_codes=[self.prapatan_rt1.code], women=-2)
        self.assertEqual(response.status_code, 422)
        self.assertIn("tidak berada di Kelurahan Manggar", response.json()["detail"])
        self.assertIn("Jumlah tidak boleh negatif.", response.json()["detail"])
        self.assertFalse(EducationSession.objects.exists())

    def test_same_rule_as_the_page(self):
        self.assertEqual(self.post().status_code, 401)
        for person in (self.kel_officer, self.analyst, self.admin):
            self.login(person)
            self.assertEqual(self.post().status_code, 403, person)
