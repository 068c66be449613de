"""The KLA evaluation over the API: in the OpenAPI schema, the same rules, score and messages
as the pages."""

import json

from jaga.kla.models import Answer, RoundStatus
from jaga.kla.services import round_open
from jaga.taskforce.tests.helpers import TaskforceTestCase

TOTAL_POINTS = 790  # the default instrument's 44 items, summed by hand from the CSV


class ApiTests(TaskforceTestCase):
    def setUp(self):
        self.round = round_open(city=self.city, year=2027)
        self.answer_url = f"/api/kla/putaran/{self.round.pk}/indikator/19/butir/19.1"

    def post(self, url, body):
        return self.client.post(url, json.dumps(body), content_type="application/json")

    def test_in_the_openapi_schema(self):
        self.login(self.admin)
        paths = self.client.get("/api/openapi.json").json()["paths"]
        for path in [
            "/api/kla/putaran",
            "/api/kla/putaran/{round_id}/indikator",
            "/api/kla/putaran/{round_id}/indikator/{number}/butir/{code}",
            "/api/kla/publik",
        ]:
            self.assertIn(path, paths)
        answer = paths["/api/kla/putaran/{round_id}/indikator/{number}/butir/{code}"]["post"]
        self.assertIn("422", answer["responses"])

    def test_the_focal_person_answers_and_the_score_moves(self):
        self.login(self.education)
        done = self.post(self.answer_url, {"value": "50", "note": "12 dari 24 sekolah"})
        self.assertEqual(done.status_code, 200, done.content)
        self.assertEqual(done.json()["claimed"], 15.0)  # 30 points × 50 %
        self.assertEqual(done.json()["at_risk"], 15.0)  # no evidence yet
        self.assertEqual(done.json()["at_risk_reason"], "berisiko: bukti belum ada")
        self.assertEqual(Answer.objects.get(round=self.round).value, "50")
        rounds = self.client.get("/api/kla/putaran").json()
        self.assertEqual(len(rounds), 1)
        self.assertEqual(rounds[0]["score"], round(1000 * 15 / TOTAL_POINTS))  # 19
        self.assertEqual(rounds[0]["likely_score"], 0)
        self.assertEqual(rounds[0]["at_risk"], 19)
        self.assertEqual(rounds[0]["predicate"], "Belum berpredikat")
        rows = self.client.get(f"/api/kla/putaran/{self.round.pk}/indikator").json()
        self.assertEqual(len(rows), 24)
        nineteen = next(r for r in rows if r["number"] == 19)
        self.assertEqual(
            {k: nineteen[k] for k in ("organisation", "items", "answered", "claimed", "likely")},
            {
                "organisation": "Dinas Pendidikan",
                "items": 1,
                "answered": 1,
                "claimed": 15.0,
                "likely": 0.0,
            },
        )
        self.assertEqual(nineteen["max_points"], 30)

    def test_bad_answers_in_the_error_shape(self):
        self.login(self.education)
        too_much = self.post(self.answer_url, {"value": "150"})
        self.assertEqual(too_much.status_code, 422)
        self.assertIn("Isikan angka dari 0 sampai 100", too_much.json()["detail"])
        missing = self.post(self.answer_url, {"note": "x"})
        self.assertEqual(missing.status_code, 422)
        self.assertEqual(missing.json()["fields"], {"value": ["Wajib diisi."]})
        unknown = self.post(
            f"/api/kla/putaran/{self.round.pk}/indikator/19/butir/2.1", {"value": "1"}
        )
        self.assertEqual(unknown.status_code, 404)
        self.assertIn("detail", unknown.json())
        self.login(self.admin)
        computed = self.post(
            f"/api/kla/putaran/{self.round.pk}/indikator/2/butir/2.4", {"value": "0"}
        )
        self.assertEqual(computed.status_code, 422)
        self.assertIn("dihitung Jaga", computed.json()["detail"])
        self.round.status = RoundStatus.SUBMITTED
        self.round.save()
        closed = self.post(self.answer_url, {"value": "50"})
        self.assertEqual(closed.status_code, 422)
        self.assertIn("sudah dikirim", closed.json()["detail"])
        self.assertFalse(Answer.objects.exists())

    def test_who_may_do_what(self):
        indicators = f"/api/kla/putaran/{self.round.pk}/indikator"
        for person in (self.admin, self.education, self.analyst):
            self.login(person)
            self.assertEqual(self.client.get("/api/kla/putaran").status_code, 200, person)
            self.assertEqual(self.client.get(indicators).status_code, 200, person)
        for person in (self.manager, self.rt_officer, self.partner, self.activist):
            self.login(person)
            self.assertEqual(self.client.get("/api/kla/putaran").status_code, 403, person)
            self.assertEqual(self.client.get(indicators).status_code, 403, person)
            self.assertEqual(self.post(self.answer_url, {"value": "50"}).status_code, 403)
        self.login(self.outsider)  # another city's DP3AKB: not this round
        self.assertEqual(self.client.get("/api/kla/putaran").json(), [])
        self.assertEqual(self.client.get(indicators).status_code, 404)
        self.login(self.health)  # indicator 19 is Dinas Pendidikan's
        self.assertEqual(self.post(self.answer_url, {"value": "50"}).status_code, 404)
        self.login(self.analyst)  # sees the score, answers nothing
        self.assertEqual(self.post(self.answer_url, {"value": "50"}).status_code, 403)
        self.client.logout()
        self.assertEqual(self.client.get("/api/kla/putaran").status_code, 401)
        self.assertFalse(Answer.objects.exists())

    def test_the_public_sees_final_results_only(self):
        self.round.status, self.round.final_score = RoundStatus.FINAL, 878
        self.round.save()
        round_open(city=self.city, year=2029)  # still open: not shown
        rows = self.client.get("/api/kla/publik").json()
        self.assertEqual(rows, [{"year": 2027, "final_score": 878, "predicate": "Utama"}])
        self.assertEqual(self.client.get("/api/kla/publik?kota=99.99").status_code, 404)
