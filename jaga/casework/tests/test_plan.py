import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jaga.cases.tests.helpers import join, open_case
from jaga.casework.models import Goal, PlanReview, ServicePlan
from jaga.casework.services.plan import GoalIn, goal_outcome_record, plan_record, plan_review_record
from jaga.casework.tests.helpers import fresh
from jaga.testing import JagaTestCase, count_queries

TODAY = timezone.localdate()
SOON = TODAY + datetime.timedelta(days=14)


def goal(test, index=0, **overrides) -> GoalIn:
    values = {
        "text": "Korban kembali bersekolah.",
        "responsible": test.manager,
        "target_on": SOON,
        "review_on": SOON,
        "services": ["rehabilitasi_sosial"],
    }
    return GoalIn(index=index, **{**values, **overrides})


class PlanServiceTests(JagaTestCase):
    def setUp(self):
        self.case = open_case(self)

    def record(self, goals=None, **overrides):
        case = fresh(self.case)
        values = {
            "agreed_with": "guardian",
            "agreed_on": TODAY,
            "review_on": SOON,
            "goals": goals if goals is not None else [goal(self), goal(self, 1, text="Aman")],
        }
        values.update(overrides)
        version = values.pop("version", case.version)
        return plan_record(case=case, by=self.manager, version=version, **values)

    def refused(self, **kw) -> dict:
        with self.assertRaises(ValidationError) as caught:
            self.record(**kw)
        self.assertFalse(ServicePlan.objects.exists())
        self.assertFalse(Goal.objects.exists())
        self.assertEqual(fresh(self.case).version, 1)
        return caught.exception.message_dict

    def test_plan_with_two_goals_schedules_its_review(self):
        plan = self.record()
        self.assertEqual(plan.goals.count(), 2)
        self.assertEqual(plan.goals.first().services.get().code, "rehabilitasi_sosial")
        self.assertEqual(PlanReview.objects.get().due_on, SOON)
        self.assertEqual(fresh(self.case).version, 2)
        with self.assertRaises(ValidationError):
            self.record()  # one plan per case

    def test_goal_without_responsible_or_dates_and_past_review_date(self):
        yesterday = TODAY - datetime.timedelta(days=1)
        errors = self.refused(
            goals=[
                goal(self, responsible=None, target_on=None),
                goal(self, 1, review_on=yesterday, responsible=self.manager2),
            ],
            review_on=yesterday,
        )
        self.assertIn("penanggung jawab", errors["goal0_responsible"][0])
        self.assertIn("target tanggal", errors["goal0_target_on"][0])
        self.assertIn("tidak boleh sebelum hari ini", errors["goal1_review_on"][0])
        self.assertIn("anggota tim kasus", errors["goal1_responsible"][0])
        self.assertIn("tidak boleh sebelum hari ini", errors["review_on"][0])

    def test_a_plan_needs_a_goal_and_a_known_agreement(self):
        errors = self.refused(goals=[GoalIn(index=0), GoalIn(index=1)], agreed_with="tetangga")
        self.assertIn("disepakati", errors["agreed_with"][0])
        errors = self.refused(goals=[GoalIn(index=0)])
        self.assertIn("setidaknya satu tujuan", errors["goal0_text"][0])
        errors = self.refused(agreed_on=TODAY + datetime.timedelta(days=1))
        self.assertIn("Tanggal kesepakatan", errors["agreed_on"][0])

    def test_stale_form_is_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.record(version=0)
        self.assertIn("Muat ulang", caught.exception.messages[0])
        self.assertFalse(ServicePlan.objects.exists())

    def test_goal_outcome_and_review(self):
        plan = self.record()
        first = plan.goals.first()
        with self.assertRaises(ValidationError) as caught:
            goal_outcome_record(goal=first, by=self.manager, version=2, outcome="met", note="")
        self.assertIn("catatan", caught.exception.message_dict["note"][0])
        goal_outcome_record(goal=first, by=self.manager, version=2, outcome="partly", note="Ok")
        self.assertEqual(Goal.objects.get(pk=first.pk).outcome, "partly")
        with self.assertRaises(ValidationError) as caught:
            plan_review_record(
                case=fresh(self.case), by=self.manager, version=3, note="", next_review_on=TODAY
            )
        self.assertIn("hasil tinjauan", caught.exception.message_dict["note"][0])
        later = SOON + datetime.timedelta(days=30)
        nxt = plan_review_record(
            case=fresh(self.case), by=self.manager, version=3, note="Baik", next_review_on=later
        )
        self.assertEqual(
            (nxt.due_on, PlanReview.objects.filter(done_at__isnull=False).count()), (later, 1)
        )


class PlanPageTests(JagaTestCase):
    def setUp(self):
        self.case = open_case(self)
        join(self.case, self.activist)
        self.url = reverse("casework:plan", args=[self.case.pk])

    def data(self, **overrides):
        values = {
            "version": fresh(self.case).version,
            "agreed_with": "victim",
            "agreed_on": TODAY.isoformat(),
            "review_on": SOON.isoformat(),
            "goal0_text": "Korban aman di rumah nenek.",
            "goal0_responsible": self.manager.pk,
            "goal0_target_on": SOON.isoformat(),
            "goal0_review_on": SOON.isoformat(),
            "goal0_services": ["kesehatan"],
            "goal1_text": "Pendampingan hukum sampai sidang.",
            "goal1_responsible": self.activist.pk,
            "goal1_target_on": SOON.isoformat(),
            "goal1_review_on": SOON.isoformat(),
            "goal1_partner": self.police.pk,
        }
        values.update(overrides)
        return values

    def test_manager_records_the_plan_and_reviews_it(self):
        self.login(self.manager)
        self.assertContains(self.client.get(self.url), 'id="plan-form"')
        self.assertRedirects(self.client.post(self.url, self.data()), self.url)
        page = self.client.get(self.url)
        self.assertContains(page, "Pendampingan hukum sampai sidang.")
        self.assertContains(page, "Unit PPA Polresta")
        self.assertContains(page, 'id="review-form"')
        review = reverse("casework:plan_review", args=[self.case.pk])
        bad = self.client.post(review, {"version": 2, "note": "x", "next_review_on": "2020-01-01"})
        self.assertContains(bad, "tidak boleh sebelum hari ini", status_code=400)
        ok = {"version": 2, "note": "Berjalan baik.", "next_review_on": SOON.isoformat()}
        self.assertRedirects(self.client.post(review, ok), self.url)
        goal = Goal.objects.first()
        outcome = reverse("casework:goal_outcome", args=[self.case.pk, goal.pk])
        bad = self.client.post(outcome, {"version": 3, "outcome": "met", "note": ""})
        self.assertContains(bad, "catatan hasil", status_code=400)
        done = {"version": 3, "outcome": "met", "note": "Sudah aman."}
        self.assertRedirects(self.client.post(outcome, done), self.url)

    def test_bad_plan_shows_every_message_and_saves_nothing(self):
        self.login(self.manager)
        response = self.client.post(
            self.url, self.data(goal0_responsible="", goal1_target_on="", review_on="2020-01-01")
        )
        self.assertContains(response, "Pilih penanggung jawab", status_code=400)
        self.assertContains(response, "Isi target tanggal", status_code=400)
        self.assertContains(response, "tidak boleh sebelum hari ini", status_code=400)
        self.assertFalse(ServicePlan.objects.exists())
        stale = self.client.post(self.url, self.data(version=7))
        self.assertContains(stale, "Muat ulang", status_code=400)

    def test_personas(self):
        self.login(self.activist)
        self.assertEqual(self.client.get(self.url).status_code, 200)
        self.assertEqual(self.client.post(self.url, self.data()).status_code, 403)
        for outsider in (self.manager2, self.partner):
            self.login(outsider)
            self.assertEqual(self.client.get(self.url).status_code, 404)
        for no_rule in (self.rt_officer, self.analyst, self.admin):
            self.login(no_rule)
            self.assertEqual(self.client.get(self.url).status_code, 403)
        self.assertFalse(ServicePlan.objects.exists())

    def test_query_count_does_not_grow_with_goals(self):
        self.login(self.manager)
        self.client.post(self.url, self.data())
        few = count_queries(self.client, self.url)
        plan = ServicePlan.objects.get()
        for n in range(4):
            g = Goal.objects.create(
                case=self.case,
                plan=plan,
                text=f"Tujuan {n}",
                responsible=self.manager,
                target_on=SOON,
                review_on=SOON,
            )
            g.services.set(plan.goals.first().services.all())
        self.assertEqual(count_queries(self.client, self.url), few)
