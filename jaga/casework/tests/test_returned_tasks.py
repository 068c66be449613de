from django.urls import reverse

from jaga.cases.tests.helpers import open_case
from jaga.casework.tasks import tasks_for
from jaga.casework.tests.helpers import ask, decide, plan
from jaga.testing import JagaTestCase


class ReturnedRequestTests(JagaTestCase):
    def kinds(self, person):
        return [(t.kind, t.number) for t in tasks_for(person) if t.kind == "returned"]

    def test_a_returned_request_waits_in_my_tasks_until_asked_again(self):
        case = open_case(self)
        plan(self, case)
        approval = ask(self, case, "plan")
        self.assertEqual(self.kinds(self.manager), [])
        decide(self, approval, approve=False, comment="Tujuan kedua belum ada tanggalnya.")
        tasks = [t for t in tasks_for(self.manager) if t.kind == "returned"]
        self.assertEqual(
            [(t.number, t.link) for t in tasks],
            [(case.number, reverse("casework:approvals", args=[case.pk]))],
        )
        self.assertIn("Rencana layanan", tasks[0].title)
        self.assertEqual(self.kinds(self.manager2), [])  # not their case
        self.assertEqual(self.kinds(self.head), [])
        again = ask(self, case, "plan")
        self.assertEqual(self.kinds(self.manager), [])
        decide(self, again, approve=True)
        self.assertEqual(self.kinds(self.manager), [])

    def test_the_page_shows_it(self):
        case = open_case(self)
        plan(self, case)
        decide(self, ask(self, case, "plan"), approve=False, comment="Lengkapi tujuan.")
        self.login(self.manager)
        page = self.client.get(reverse("casework:tasks"))
        self.assertContains(page, "Perbaiki dan ajukan lagi")
        data = self.client.get("/api/tugas/").json()
        self.assertIn(("returned", case.number), [(t["kind"], t["number"]) for t in data])
