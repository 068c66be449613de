import datetime

from django.urls import reverse
from django.utils import timezone

from jaga.api import api
from jaga.cases.tests.helpers import open_case
from jaga.casework.models import PlanReview
from jaga.casework.tasks import tasks_for
from jaga.casework.tests.helpers import ask, assess, plan
from jaga.clocks.selectors import forget_targets
from jaga.testing import JagaTestCase, queries_run


class TaskTests(JagaTestCase):
    def test_a_managers_tasks_across_cases_most_pressing_first(self):
        fresh_case = open_case(self, is_urgent=False)
        planned = open_case(self, is_urgent=False)
        assess(self, planned)
        plan(self, planned)
        PlanReview.objects.update(due_on=timezone.localdate() - datetime.timedelta(days=2))
        tasks = tasks_for(self.manager)
        self.assertEqual(
            [(t.kind, t.number) for t in tasks],
            [("plan_review", planned.number), ("assessment", fresh_case.number)],
        )
        self.assertEqual(tasks[0].clock.state, "overdue")
        self.assertEqual(tasks_for(self.manager2), [])

    def test_the_head_sees_requests_waiting_for_them(self):
        case = open_case(self)
        approval = ask(self, case, "closure")
        tasks = tasks_for(self.head)
        self.assertEqual(
            [(t.kind, t.link) for t in tasks],
            [("approval", reverse("casework:decide", args=[approval.pk]))],
        )

    def test_query_count_is_constant(self):
        for _ in range(2):
            case = open_case(self)
            plan(self, case)
            ask(self, case, "plan")
        forget_targets()
        tasks_for(self.head)  # targets read once a minute per process, memberships once
        tasks_for(self.manager)
        with queries_run() as small:
            tasks = tasks_for(self.head)
        self.assertEqual(len(tasks), 2)
        with queries_run() as few:
            mine = tasks_for(self.manager)
        for _ in range(4):
            case = open_case(self)
            plan(self, case)
            ask(self, case, "plan")
        with self.assert_query_count(len(small)):
            tasks = tasks_for(self.head)
        self.assertEqual(len(tasks), 6)
        with self.assert_query_count(len(few)):
            more = tasks_for(self.manager)
        self.assertGreater(len(more), len(mine))

    def test_page_api_and_home(self):
        case = open_case(self)
        self.login(self.manager)
        page = self.client.get(reverse("casework:tasks"))
        self.assertContains(page, case.number)
        self.assertContains(page, "Catat asesmen")
        home = self.client.get("/")
        self.assertContains(home, 'id="home-tasks"')
        self.assertContains(home, case.number)
        data = self.client.get("/api/tugas/").json()
        self.assertEqual([(t["kind"], t["number"]) for t in data], [("assessment", case.number)])
        for person in (self.rt_officer, self.analyst, self.admin):
            self.login(person)
            self.assertEqual(self.client.get(reverse("casework:tasks")).status_code, 403)
            self.assertEqual(self.client.get("/api/tugas/").status_code, 403)
            self.assertNotContains(self.client.get("/"), 'id="home-tasks"')
        self.client.logout()
        self.assertEqual(self.client.get("/api/tugas/").status_code, 401)

    def test_in_the_openapi_schema(self):
        self.assertIn("/api/tugas/", api.get_openapi_schema()["paths"])
