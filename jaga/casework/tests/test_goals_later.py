import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jaga.cases.tests.helpers import open_case
from jaga.casework.models import Goal
from jaga.casework.services.plan import GoalIn, plan_goals_add
from jaga.casework.tests.helpers import fresh, plan
from jaga.testing import JagaTestCase


class GoalsLaterTests(JagaTestCase):
    def setUp(self):
        self.case = open_case(self)
        self.soon = timezone.localdate() + datetime.timedelta(days=30)

    def goal(self, **values):
        base = {
            "index": 0,
            "text": "Kembali bersekolah.",
            "responsible": fresh(self.case).manager,
            "target_on": self.soon,
            "review_on": self.soon,
        }
        return GoalIn(**{**base, **values})

    def add(self, *goals):
        case = fresh(self.case)
        return plan_goals_add(case=case, by=self.manager, version=case.version, goals=goals)

    def test_a_goal_is_added_to_the_plan_and_on_the_timeline(self):
        plan(self, self.case)
        self.add(self.goal())
        self.assertEqual(
            list(Goal.objects.filter(case=self.case).values_list("text", flat=True)),
            ["Aman.", "Kembali bersekolah."],
        )
        self.assertIn("Tujuan ditambahkan: 1", fresh(self.case).events.last().note)

    def test_bad_goals_save_nothing(self):
        with self.assertRaises(ValidationError):
            self.add(self.goal())  # no plan yet
        plan(self, self.case)
        yesterday = timezone.localdate() - datetime.timedelta(days=1)
        cases = {
            "goal0_responsible": self.goal(responsible=self.outsider),
            "goal0_review_on": self.goal(review_on=yesterday),
            "goal0_text": self.goal(text="", responsible=None, target_on=None, review_on=None),
        }
        for field, goal in cases.items():
            with self.subTest(field=field), self.assertRaises(ValidationError) as caught:
                self.add(goal)
            self.assertIn(field, caught.exception.message_dict)
        self.assertEqual(Goal.objects.filter(case=self.case).count(), 1)

    def test_the_plan_page_form(self):
        plan(self, self.case)
        self.login(self.manager)
        page = self.client.get(reverse("casework:plan", args=[self.case.pk]))
        self.assertContains(page, 'id="goals-add"')
        url = reverse("casework:goals_add", args=[self.case.pk])
        posted = {
            "version": fresh(self.case).version,
            "goal0_text": "Konseling psikologis.",
            "goal0_responsible": self.manager.pk,
            "goal0_target_on": self.soon.isoformat(),
            "goal0_review_on": self.soon.isoformat(),
        }
        bad = self.client.post(url, {**posted, "goal0_responsible": ""})
        self.assertContains(bad, "Pilih penanggung jawab", status_code=400)
        self.assertRedirects(
            self.client.post(url, posted), reverse("casework:plan", args=[self.case.pk])
        )
        texts = [g.text for g in Goal.objects.filter(case=self.case)]  # encrypted: read back
        self.assertEqual(texts, ["Aman.", "Konseling psikologis."])
        self.login(self.rt_officer)
        self.assertIn(self.client.post(url, posted).status_code, (403, 404))
