"""Who the load test simulates (run it through `make load`, see run.py): RT officers who
send a report and look at their own reports, case managers who work the triage queue and the
case list and open cases. Every one signs in through the real pages (managers with a one-time
second-step code prepared by run.py)."""

import itertools
import json
import os
import random
from pathlib import Path

from locust import HttpUser, between, task

from tests.proofs.server import sign_in

PASSWORD = "jaga-demo-2026"  # the synthetic accounts' shared password (jaga generate-synthetic)
CODES_FILE = os.environ.get("JAGA_LOAD_CODES")
CODES = json.loads(Path(CODES_FILE).read_text()) if CODES_FILE else {}
# The share of reports marked urgent (each notifies the RT's duty officers): 0 in `make load`,
# more in `make scale-proof`, which counts the notifications.
URGENT_SHARE = float(os.environ.get("JAGA_LOAD_URGENT_SHARE", "0"))
RT_NUMBERS = itertools.count()
MANAGER_NAMES = iter(sorted(CODES))


class RtOfficer(HttpUser):
    fixed_count = 200
    wait_time = between(5, 15)  # a volunteer on a phone, not a robot

    def on_start(self):
        username = f"syn.rt.{next(RT_NUMBERS):05d}"
        sign_in(self.client, username, PASSWORD)
        me = self.client.get("/api/akun/me").json()
        self.rt_code = me["memberships"][0]["area_code"]
        self.csrf = {"X-CSRFToken": self.client.cookies.get("csrftoken", "")}

    @task(1)
    def submit_report(self):
        body = {
            "rt_code": self.rt_code,
            "violence_forms": [random.choice(["fisik", "psikis", "seksual"])],
            "place": "rumah_tangga",
            "victim_kind": "child",
            "victim_sex": random.choice(["L", "P"]),
            "victim_age": random.randint(1, 17),
            "description": "Laporan uji beban sintetis.",
            "is_urgent": random.random() < URGENT_SHARE,
        }
        post = self.client.post
        with post("/api/laporan/", json=body, headers=self.csrf, catch_response=True) as answer:
            if answer.status_code != 201:
                answer.failure(f"{answer.status_code}: {answer.text[:200]}")

    @task(3)
    def own_reports(self):
        self.client.get("/laporan/saya/", name="/laporan/saya/")


class CaseManager(HttpUser):
    fixed_count = 20
    wait_time = between(2, 6)

    def on_start(self):
        username = next(MANAGER_NAMES)
        sign_in(self.client, username, PASSWORD, CODES[username])  # lands on "/"
        self.case_ids = [c["id"] for c in self.client.get("/api/kasus/").json()]

    @task(2)
    def triage_queue(self):
        self.client.get("/laporan/antrean/")

    @task(2)
    def case_list(self):
        self.client.get("/kasus/")

    @task(3)
    def case_detail(self):
        self.client.get(f"/kasus/{random.choice(self.case_ids)}/", name="/kasus/[id]/")
