import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jaga.cases.models import Case, CaseStatus
from jaga.cases.tests.helpers import join, open_case
from jaga.casework.clocks import follow_up_clock
from jaga.casework.models import Closure, FollowUp
from jaga.casework.services.followups import (
    add_months,
    case_close,
    followup_record,
    followup_schedule,
)
from jaga.casework.tests.helpers import ask, decide, fresh
from jaga.clocks.selectors import overdue_queue
from jaga.clocks.timing import ClockState
from jaga.testing import JagaTestCase

VIEW = {"view_consent": True, "feels_safe": "yes", "help_helped": "somewhat", "view_words": ""}


class ClosureTests(JagaTestCase):
    def setUp(self):
        self.case = open_case(self)

    def close(self, **overrides):
        case = fresh(self.case)
        values = {
            "reason": "goals_met",
            "outcome": "safe",
            "note": "Korban aman bersama nenek.",
            **VIEW,
        }
        values.update(overrides)
        version = values.pop("version", case.version)
        return case_close(case=case, by=self.manager, version=version, **values)

    def test_closing_without_the_required_approval_saves_nothing(self):
        with self.assertRaises(ValidationError) as caught:
            self.close()
        self.assertIn("persetujuan kepala", caught.exception.message_dict["to_status"][0])
        self.assertFalse(Closure.objects.exists())
        self.assertFalse(FollowUp.objects.exists())
        self.assertEqual(fresh(self.case).status, CaseStatus.REPORTED)

    def test_closing_records_the_view_and_schedules_monitoring(self):
        decide(self, ask(self, self.case, "closure"))
        closure = self.close()
        case = fresh(self.case)
        self.assertEqual(case.status, CaseStatus.CLOSED)
        self.assertEqual((closure.feels_safe, closure.help_helped), ("yes", "somewhat"))
        closed_on = timezone.localtime(case.closed_at).date()
        self.assertEqual(
            list(FollowUp.objects.values_list("months_after_closure", "due_on")),
            [(m, add_months(closed_on, m)) for m in (1, 3, 6)],
        )
        self.assertIn("Tujuan rencana layanan tercapai", case.events.last().note)

    def test_bad_input(self):
        decide(self, ask(self, self.case, "closure"))
        with self.assertRaises(ValidationError) as caught:
            self.close(reason="bosan", outcome="", note="", feels_safe="mungkin")
        errors = caught.exception.message_dict
        self.assertEqual({"reason", "outcome", "note", "feels_safe"}, set(errors))
        with self.assertRaises(ValidationError) as caught:
            self.close(view_consent=False)  # answers without consent are not kept
        self.assertIn("menyetujui", caught.exception.message_dict["view_consent"][0])
        with self.assertRaises(ValidationError) as caught:
            self.close(version=99)
        self.assertIn("Muat ulang", caught.exception.messages[0])
        self.assertFalse(Closure.objects.exists())
        self.close(view_consent=False, feels_safe="", help_helped="")
        self.assertEqual(Closure.objects.get().feels_safe, "")

    def test_add_months_keeps_the_day_or_takes_the_last(self):
        self.assertEqual(add_months(datetime.date(2026, 1, 31), 1), datetime.date(2026, 2, 28))
        self.assertEqual(add_months(datetime.date(2026, 8, 15), 6), datetime.date(2027, 2, 15))


class FollowUpTests(JagaTestCase):
    def setUp(self):
        self.case = open_case(self)
        join(self.case, self.activist)

    def test_after_closure_the_first_follow_up_is_due_then_overdue(self):
        decide(self, ask(self, self.case, "closure"))
        case = fresh(self.case)
        case_close(
            case=case,
            by=self.manager,
            version=case.version,
            reason="goals_met",
            outcome="safe",
            note="Selesai.",
        )
        first = FollowUp.objects.get(months_after_closure=1)
        due = timezone.make_aware(datetime.datetime.combine(first.due_on, datetime.time(20)))
        self.assertEqual(follow_up_clock(first, due).state, ClockState.DUE_SOON)
        late = due + datetime.timedelta(days=2)
        self.assertEqual(follow_up_clock(first, late).state, ClockState.OVERDUE)
        items = [i for i in overdue_queue(self.head, now=late) if i.clock.step == "follow_up"]
        self.assertEqual([i.object_id for i in items], [first.pk])

    def test_schedule_and_record(self):
        case = fresh(self.case)
        before = timezone.localtime(case.opened_at).date() - datetime.timedelta(days=1)
        with self.assertRaises(ValidationError) as caught:
            followup_schedule(case=case, by=self.manager, version=1, kind="visit", due_on=before)
        self.assertIn("sebelum kasus dibuka", caught.exception.message_dict["due_on"][0])
        today = timezone.localdate()
        follow_up = followup_schedule(
            case=case, by=self.manager, version=1, kind="companion", due_on=today
        )
        with self.assertRaises(ValidationError) as caught:
            followup_record(
                follow_up=follow_up, by=self.activist, version=2, outcome="concern", note=""
            )
        self.assertIn("langkah berikutnya", caught.exception.message_dict["note"][0])
        followup_record(follow_up=follow_up, by=self.activist, version=2, outcome="safe", note="")
        with self.assertRaises(ValidationError):
            followup_record(
                follow_up=follow_up, by=self.activist, version=3, outcome="safe", note=""
            )

    def test_pages(self):
        url = reverse("casework:follow_ups", args=[self.case.pk])
        self.login(self.manager)
        bad = self.client.post(url, {"version": 1, "kind": "visit", "due_on": "2001-01-01"})
        self.assertContains(bad, "sebelum kasus dibuka", status_code=400)
        today = timezone.localdate().isoformat()
        self.assertRedirects(
            self.client.post(url, {"version": 1, "kind": "visit", "due_on": today}), url
        )
        follow_up = FollowUp.objects.get()
        done = reverse("casework:follow_up_done", args=[self.case.pk, follow_up.pk])
        self.login(self.activist)  # the companion records how the visit went
        self.assertRedirects(
            self.client.post(done, {"version": 2, "outcome": "safe", "note": ""}), url
        )
        self.login(self.manager2)
        self.assertEqual(self.client.get(url).status_code, 404)
        closure = reverse("casework:closure", args=[self.case.pk])
        self.login(self.manager)
        refused = self.client.post(
            closure, {"version": 3, "reason": "goals_met", "outcome": "safe", "note": "Selesai."}
        )
        self.assertContains(refused, "persetujuan kepala", status_code=400)
        decide(self, ask(self, self.case, "closure"))
        data = {
            "version": fresh(self.case).version,
            "reason": "goals_met",
            "outcome": "safe",
            "note": "Selesai.",
            "view_consent": "on",
            "feels_safe": "yes",
            "help_helped": "yes",
        }
        self.assertRedirects(self.client.post(closure, data), url)
        self.assertEqual(Case.objects.get().status, "closed")
        self.assertContains(self.client.get(closure), 'id="victim-view"')
        self.login(self.activist)
        self.assertEqual(self.client.post(closure, data).status_code, 403)
