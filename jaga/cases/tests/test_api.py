import json

from jaga.cases.tests.helpers import open_case
from jaga.reports.models import Report
from jaga.reports.tests.helpers import NIK, make_report
from jaga.testing import JagaTestCase


class ReportApiTests(JagaTestCase):
    def payload(self, **overrides):
        data = {
            "rt_code": self.rt1.code,
            "violence_forms": ["fisik"],
            "place": "rumah_tangga",
            "victim_kind": "child",
            "victim_sex": "L",
            "victim_age": 7,
            "is_urgent": True,
        }
        data.update(overrides)
        return data

    def post(self, url, data):
        return self.client.post(url, json.dumps(data), content_type="application/json")

    def test_rt_officer_submits_and_lists_own(self):
        self.login(self.rt_officer)
        response = self.post("/api/laporan/", self.payload(channel="hotline"))
        self.assertEqual(response.status_code, 201, response.content)
        report = Report.objects.get()
        self.assertEqual(report.channel, "rt")  # an RT officer cannot pick another channel
        own = self.client.get("/api/laporan/saya").json()
        self.assertEqual([r["tracking_code"] for r in own], [report.tracking_code])
        self.assertEqual(set(own[0]), {"id", "tracking_code", "status", "received_at", "is_urgent"})

    def test_bad_input_is_422_with_the_message(self):
        self.login(self.rt_officer)
        response = self.post(
            "/api/laporan/", self.payload(victim_age=18, rt_code="64.71.99.9999.001")
        )
        self.assertEqual(response.status_code, 422)
        self.assertIn("tidak terdaftar", response.json()["detail"])
        response = self.post("/api/laporan/", self.payload(victim_age=18))
        self.assertIn("bukan anak", response.json()["detail"])
        self.assertFalse(Report.objects.exists())

    def test_rules(self):
        for persona, status in {"partner": 403, "analyst": 403, "nobody": 403}.items():
            self.login(getattr(self, persona))
            self.assertEqual(self.post("/api/laporan/", self.payload()).status_code, status)
        self.client.logout()
        self.assertEqual(self.client.get("/api/laporan/antrean").status_code, 401)
        self.login(self.rt_officer)
        self.assertEqual(self.client.get("/api/laporan/antrean").status_code, 403)

    def test_triage_queue_and_open_case(self):
        ordinary = make_report(self)
        urgent = make_report(self, is_urgent=True)
        self.login(self.manager)
        queue = self.client.get("/api/laporan/antrean").json()
        self.assertEqual([r["id"] for r in queue], [urgent.pk, ordinary.pk])
        self.assertNotIn("victim_name", queue[0])
        response = self.post(f"/api/kasus/dari-laporan/{urgent.pk}", {})
        self.assertEqual(response.status_code, 201)
        self.assertEqual(response.json()["status"], "reported")


class CaseApiTests(JagaTestCase):
    def setUp(self):
        self.case = open_case(self)

    def test_identity_only_for_the_case_team(self):
        self.login(self.manager)
        detail = self.client.get(f"/api/kasus/{self.case.pk}").json()
        self.assertTrue(detail["identified"])
        self.assertEqual(detail["people"][0]["nik"], NIK)
        self.login(self.manager2)
        detail = self.client.get(f"/api/kasus/{self.case.pk}").json()
        self.assertFalse(detail["identified"])
        self.assertIsNone(detail["people"][0]["nik"])
        self.assertNotIn(NIK, json.dumps(detail))
        self.login(self.partner)
        self.assertEqual(self.client.get(f"/api/kasus/{self.case.pk}").status_code, 404)
        self.login(self.analyst)
        self.assertEqual(self.client.get("/api/kasus/").status_code, 403)

    def test_list_pages_after_the_last_case_received(self):
        more = [open_case(self) for _ in range(2)]
        self.login(self.manager)
        first = [row["id"] for row in self.client.get("/api/kasus/").json()]
        self.assertEqual(first, [more[1].pk, more[0].pk, self.case.pk])
        after = self.client.get("/api/kasus/", {"setelah": first[0]}).json()
        self.assertEqual([row["id"] for row in after], first[1:])
        self.assertEqual(self.client.get("/api/kasus/", {"setelah": "x"}).status_code, 422)

    def test_transitions_with_version(self):
        self.login(self.manager)
        url = f"/api/kasus/{self.case.pk}/status"
        ok = self.client.post(
            url,
            json.dumps({"to_status": "verified", "version": 1}),
            content_type="application/json",
        )
        self.assertEqual(ok.json()["version"], 2)
        stale = self.client.post(
            url,
            json.dumps({"to_status": "assessed", "version": 1}),
            content_type="application/json",
        )
        self.assertEqual(stale.status_code, 409)
        self.assertIn("Muat ulang", stale.json()["detail"])
        forbidden = self.client.post(
            url, json.dumps({"to_status": "closed", "version": 2}), content_type="application/json"
        )
        self.assertEqual(forbidden.status_code, 422)
        self.login(self.manager2)
        self.assertEqual(
            self.client.post(
                url,
                json.dumps({"to_status": "assessed", "version": 2}),
                content_type="application/json",
            ).status_code,
            403,
        )

    def test_operations_are_in_the_openapi_schema(self):
        from jaga.api import api

        paths = api.get_openapi_schema()["paths"]
        for path in [
            "/api/laporan/",
            "/api/laporan/saya",
            "/api/laporan/antrean",
            "/api/kasus/",
            "/api/kasus/{case_id}",
            "/api/kasus/{case_id}/status",
        ]:
            self.assertIn(path, paths)
