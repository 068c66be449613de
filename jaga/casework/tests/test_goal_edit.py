"""A goal of the plan changed as the case moves on: checked like a new one, on the timeline
and in the audit; an assessed goal, a closed case or a stale form is refused."""

import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jaga.audit.models import AuditAction, AuditEvent
from jaga.cases.models import CaseStatus
from jaga.cases.tests.helpers import open_case
from jaga.casework.models import Goal
from jaga.casework.services.plan import GoalIn, goal_outcome_record, goal_update
from jaga.casework.tests.helpers import fresh, plan
from jaga.testing import JagaTestCase


class GoalEditTests(JagaTestCase):
    def setUp(self):
        self.case = open_case(self)
        plan(self, self.case)
        self.goal = Goal.objects.get(case=self.case)
        self.later = timezone.localdate() + datetime.timedelta(days=45)
        self.url = reverse("casework:goal_edit", args=[self.case.pk, self.goal.pk])

    def posted(self, **values):
        return {
            "version": fresh(self.case).version,
            "goal0_text": "Aman di rumah bibi.",
            "goal0_responsible": self.manager.pk,
            "goal0_target_on": self.later.isoformat(),
            "goal0_review_on": self.later.isoformat(),
            "goal0_services": ["kesehatan"],
            **values,
        }

    def test_the_manager_changes_a_goal_from_the_plan_page(self):
        self.login(self.manager)
        plan_page = self.client.get(reverse("casework:plan", args=[self.case.pk]))
        self.assertContains(plan_page, self.url)
        form = self.client.get(self.url)
        self.assertContains(form, "Aman.")  # the goal as it is, to change
        bad = self.client.post(self.url, self.posted(goal0_responsible=self.outsider.pk))
        self.assertEqual(bad.status_code, 400)
        past = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
        late = self.client.post(self.url, self.posted(goal0_review_on=past))
        self.assertContains(late, "tidak boleh sebelum hari ini", status_code=400)
        self.goal.refresh_from_db()
        self.assertEqual(self.goal.text, "Aman.")  # nothing saved by the refusals
        done = self.client.post(self.url, self.posted())
        self.assertRedirects(done, reverse("casework:plan", args=[self.case.pk]))
        self.goal.refresh_from_db()
        self.assertEqual((self.goal.text, self.goal.review_on), ("Aman di rumah bibi.", self.later))
        self.assertEqual([c.code for c in self.goal.services.all()], ["kesehatan"])
        self.assertEqual(fresh(self.case).events.last().note, "Tujuan diubah")
        event = AuditEvent.objects.filter(action=AuditAction.CHANGE, object_id=str(self.goal.pk))
        self.assertIn("text", event.last().fields)
        self.login(self.rt_officer)
        self.assertIn(self.client.get(self.url).status_code, (403, 404))

    def test_stale_assessed_or_closed_is_refused(self):
        case = fresh(self.case)
        changed = GoalIn(
            index=0,
            text="Lain.",
            responsible=case.manager,
            target_on=self.later,
            review_on=self.later,
        )
        with self.assertRaises(ValidationError):  # the form was opened before the last change
            goal_update(goal=self.goal, by=self.manager, version=case.version - 1, changed=changed)
        type(case).objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED)
        self.goal.refresh_from_db()
        with self.assertRaises(ValidationError):  # a closed case's plan stays as it closed
            goal_update(goal=self.goal, by=self.manager, version=case.version, changed=changed)
        type(case).objects.filter(pk=case.pk).update(status=case.status)
        self.goal.refresh_from_db()
        goal_outcome_record(
            goal=self.goal, by=self.manager, version=case.version, outcome="met", note="Aman."
        )
        self.goal.refresh_from_db()
        with self.assertRaises(ValidationError):
            goal_update(
                goal=self.goal, by=self.manager, version=fresh(case).version, changed=changed
            )
        self.login(self.manager)
        self.assertEqual(self.client.get(self.url).status_code, 404)  # assessed: no edit
