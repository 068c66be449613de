import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jaga.cases.models import CaseStatus
from jaga.cases.services import case_transition
from jaga.cases.tests.helpers import join, open_case
from jaga.casework.clocks import approval_clock
from jaga.casework.models import Approval, ApprovalRequirement
from jaga.casework.services.approvals import (
    approval_decide,
    approval_required,
    requirement_set,
)
from jaga.casework.tests.helpers import ask, assess, decide, fresh, plan
from jaga.clocks.models import Escalation
from jaga.clocks.selectors import TargetBook, overdue_queue
from jaga.clocks.services import escalate
from jaga.clocks.timing import ClockState
from jaga.notifications.models import Notification
from jaga.testing import JagaTestCase


def move(case, by, to, note="Layanan selesai."):
    case = fresh(case)
    return case_transition(case=case, by=by, to_status=to, version=case.version, note=note)


class ApprovalTests(JagaTestCase):
    def setUp(self):
        self.case = open_case(self, is_urgent=False)
        move(self.case, self.manager, "verified")

    def test_defaults_plan_and_closure(self):
        self.assertEqual(
            [approval_required(s) for s in ("assessment", "plan", "closure")], [False, True, True]
        )

    def test_request_notifies_the_head_who_approves_one_and_returns_the_other(self):
        assess(self, self.case)
        plan(self, self.case)
        requirement_set(subject="assessment", required=True, by=self.admin)
        on_assessment = ask(self, self.case, "assessment", note="")
        on_plan = ask(self, self.case, "plan", note="")
        told = Notification.objects.filter(kind="casework.approval_requested", recipient=self.head)
        self.assertEqual(told.count(), 2)
        decide(self, on_assessment)
        with self.assertRaises(ValidationError) as caught:
            decide(self, on_plan, approve=False, comment="")
        self.assertIn("komentar", caught.exception.message_dict["comment"][0])
        decide(self, on_plan, approve=False, comment="Tambahkan tujuan pendidikan.")
        statuses = dict(Approval.objects.values_list("subject", "status"))
        self.assertEqual(statuses, {"assessment": "approved", "plan": "returned"})
        back = Notification.objects.filter(kind="casework.approval_decided", recipient=self.manager)
        self.assertEqual(back.count(), 2)
        self.assertEqual(self.case.events.filter(kind="approval").count(), 4)
        with self.assertRaises(ValidationError):
            decide(self, on_plan)  # decided already

    def test_bad_requests(self):
        with self.assertRaises(ValidationError) as caught:
            ask(self, self.case, "plan")
        self.assertIn("Belum ada rencana", caught.exception.message_dict["subject"][0])
        with self.assertRaises(ValidationError) as caught:
            ask(self, self.case, "closure", note="")
        self.assertIn("alasan penutupan", caught.exception.message_dict["note"][0])
        ask(self, self.case, "closure")
        with self.assertRaises(ValidationError) as caught:
            ask(self, self.case, "closure")
        self.assertIn("masih menunggu", caught.exception.message_dict["subject"][0])
        with self.assertRaises(ValidationError):
            ask(self, self.case, "liburan")

    def test_nobody_approves_their_own_request(self):
        join(self.case, self.head, role="manager")
        own = ask(self, self.case, "closure", by=self.head)
        with self.assertRaises(ValidationError) as caught:
            decide(self, own)
        self.assertIn("sendiri", caught.exception.message_dict["approve"][0])
        self.assertEqual(Approval.objects.get().status, "pending")

    def test_stale_decision_is_refused(self):
        approval = ask(self, self.case, "closure")
        with self.assertRaises(ValidationError) as caught:
            approval_decide(approval=approval, by=self.head, version=1, approve=True)
        self.assertIn("Muat ulang", caught.exception.messages[0])

    def test_closing_needs_an_approved_closure_used_once(self):
        with self.assertRaises(ValidationError) as caught:
            move(self.case, self.manager, "closed")
        self.assertIn("persetujuan kepala", caught.exception.message_dict["to_status"][0])
        returned = ask(self, self.case, "closure")
        decide(self, returned, approve=False, comment="Pantau dulu sebulan.")
        with self.assertRaises(ValidationError):
            move(self.case, self.manager, "closed")
        decide(self, ask(self, self.case, "closure"))
        assess(self, self.case)
        self.assertEqual(move(self.case, self.manager, "closed").status, CaseStatus.CLOSED)
        self.assertIsNotNone(Approval.objects.get(status="approved").used_at)
        move(self.case, self.manager, "assessed")  # reopened: closing again needs a new one
        with self.assertRaises(ValidationError):
            move(self.case, self.manager, "closed")

    def test_the_city_may_drop_the_closure_approval(self):
        requirement_set(subject="closure", required=False, by=self.admin)
        self.assertEqual(move(self.case, self.manager, "closed").status, CaseStatus.CLOSED)
        self.assertTrue(ApprovalRequirement.objects.filter(subject="closure", required=False))

    def test_a_waiting_request_runs_a_clock_and_escalates_to_the_head(self):
        approval = ask(self, self.case, "closure")
        book = TargetBook()
        self.assertEqual(approval_clock(approval, book).state, ClockState.ON_TIME)
        late = timezone.now() + datetime.timedelta(days=10)
        self.assertEqual(approval_clock(approval, book, late).state, ClockState.OVERDUE)
        items = [i for i in overdue_queue(self.head, now=late) if i.clock.step == "approval"]
        self.assertEqual([i.number for i in items], [self.case.number])
        escalate(now=late)
        self.assertTrue(Escalation.objects.filter(step="approval", object_id=approval.pk))
        told = Notification.objects.filter(kind="clock.escalation", recipient=self.head)
        self.assertTrue(told.exists())
        decide(self, approval)
        self.assertFalse(
            [i for i in overdue_queue(self.head, now=late) if i.clock.step == "approval"]
        )


class ApprovalPageTests(JagaTestCase):
    def setUp(self):
        self.case = open_case(self)
        self.url = reverse("casework:approvals", args=[self.case.pk])

    def test_manager_asks_the_head_decides(self):
        self.login(self.manager)
        bad = self.client.post(self.url, {"version": 1, "subject": "closure", "note": ""})
        self.assertContains(bad, "alasan penutupan", status_code=400)
        ok = {"version": 1, "subject": "closure", "note": "Korban aman, layanan selesai."}
        self.assertRedirects(self.client.post(self.url, ok), self.url)
        approval = Approval.objects.get()
        decide_url = reverse("casework:decide", args=[approval.pk])
        self.assertEqual(self.client.get(decide_url).status_code, 403)  # not the head
        self.login(self.head)
        queue = self.client.get(reverse("casework:approval_queue"))
        self.assertContains(queue, self.case.number)
        self.assertContains(self.client.get(decide_url), "Korban aman, layanan selesai.")
        returned = self.client.post(decide_url, {"version": 2, "approve": "0", "comment": ""})
        self.assertContains(returned, "Tuliskan komentar", status_code=400)
        approved = self.client.post(decide_url, {"version": 2, "approve": "1", "comment": ""})
        self.assertRedirects(approved, reverse("casework:approval_queue"))
        self.assertEqual(Approval.objects.get().status, "approved")
        self.assertNotContains(
            self.client.get(reverse("casework:approval_queue")), self.case.number
        )

    def test_personas(self):
        approval = ask(self, self.case, "closure")
        decide_url = reverse("casework:decide", args=[approval.pk])
        for person in (self.manager2, self.partner):
            self.login(person)
            self.assertIn(self.client.get(self.url).status_code, (403, 404))
            self.assertEqual(self.client.get(decide_url).status_code, 403)
        self.login(self.outsider)
        self.assertEqual(self.client.get(decide_url).status_code, 403)
        self.assertEqual(Approval.objects.get().status, "pending")

    def test_the_city_administrator_chooses(self):
        url = reverse("casework:requirements")
        self.login(self.head)
        self.assertEqual(self.client.get(url).status_code, 403)
        self.login(self.admin)
        self.assertContains(self.client.get(url), "Penutupan kasus")
        self.assertRedirects(self.client.post(url, {"required": ["assessment", "closure"]}), url)
        self.assertEqual(
            [approval_required(s) for s in ("assessment", "plan", "closure")], [True, False, True]
        )
