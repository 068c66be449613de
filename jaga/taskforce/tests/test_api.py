"""The task force over the API: in the OpenAPI schema, the same rules and messages."""

import datetime
import json

from django.utils import timezone

from jaga.taskforce.tests.helpers import TaskforceTestCase


class ApiTests(TaskforceTestCase):
    def setUp(self):
        self.held = self.meeting(timezone.now() - datetime.timedelta(hours=2))
        self.item = self.action(self.held, timezone.localdate() + datetime.timedelta(days=20))

    def post(self, url, body):
        return self.client.post(url, json.dumps(body), content_type="application/json")

    def test_in_the_openapi_schema(self):
        self.login(self.admin)
        paths = self.client.get("/api/openapi.json").json()["paths"]
        for path in [
            "/api/gugus-tugas/rapat",
            "/api/gugus-tugas/rapat/{meeting_id}",
            "/api/gugus-tugas/rapat/{meeting_id}/kehadiran",
            "/api/gugus-tugas/aksi",
            "/api/gugus-tugas/aksi/{action_id}/kemajuan",
            "/api/gugus-tugas/aksi/{action_id}/tutup",
            "/api/gugus-tugas/angka",
        ]:
            self.assertIn(path, paths)

    def test_members_read_meetings_and_actions(self):
        self.login(self.health)
        meetings = self.client.get("/api/gugus-tugas/rapat").json()
        self.assertEqual([m["id"] for m in meetings], [self.held.pk])
        detail = self.client.get(f"/api/gugus-tugas/rapat/{self.held.pk}").json()
        self.assertEqual(detail["agenda"][0]["kind"], "follow_up")
        self.assertEqual(detail["agenda"][1]["action_items"][0]["number"], self.item.number)
        actions = self.client.get("/api/gugus-tugas/aksi").json()
        self.assertEqual(actions[0]["indicators"], ["19"])
        self.assertEqual(actions[0]["clock_state"], "on_time")

    def test_owner_updates_others_cannot(self):
        url = f"/api/gugus-tugas/aksi/{self.item.pk}/kemajuan"
        self.login(self.health)
        self.assertEqual(self.post(url, {"note": "x"}).status_code, 404)
        self.login(self.education)
        self.assertEqual(self.post(url, {"note": "Lima sekolah"}).json()["status"], "in_progress")
        closed = self.post(f"/api/gugus-tugas/aksi/{self.item.pk}/tutup", {"evidence": " "})
        self.assertEqual(closed.status_code, 422)
        self.assertIn("Tuliskan bukti penyelesaian", closed.json()["detail"])

    def test_attendance_for_an_organisation_not_on_the_task_force(self):
        self.login(self.secretary)
        url = f"/api/gugus-tugas/rapat/{self.held.pk}/kehadiran"
        bad = self.post(url, [{"organisation_id": self.puskesmas.pk, "status": "present"}])
        self.assertEqual(bad.status_code, 422)
        self.assertIn("bukan anggota gugus tugas", bad.json()["detail"])
        good = self.post(url, [{"organisation_id": self.forum_org.pk, "status": "present"}])
        forum = [row for row in good.json() if row["is_forum_anak"]]
        self.assertEqual(forum[0]["status"], "present")
        self.login(self.education)
        self.assertEqual(self.post(url, []).status_code, 404)

    def test_figures(self):
        self.login(self.analyst)
        year = timezone.localdate().year
        body = self.client.get(f"/api/gugus-tugas/angka?tahun={year}").json()
        self.assertEqual(body["year"], year)
        this_year = [row for row in body["meetings_per_year"] if row["year"] == year][0]
        self.assertEqual((this_year["count"], this_year["band"]), (1, "1–4"))
        self.assertEqual(body["actions_by_organisation"][0]["total"], 1)
