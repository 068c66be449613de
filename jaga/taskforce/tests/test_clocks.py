"""An action item's clock: reminders to the owner before the due date, escalation to the
secretary once overdue, all through ``jaga escalate`` (travelling in time by ``now``)."""

import datetime
import io

from django.core.management import call_command

from jaga.clocks.models import Escalation, Step
from jaga.clocks.services import escalate
from jaga.notifications.models import Notification
from jaga.taskforce.services.actions import action_item_close
from jaga.taskforce.tests.helpers import TaskforceTestCase, wita

MEETING = wita(2026, 3, 2, 9, 0)
DUE = datetime.date(2026, 3, 31)


def recipients(kind: str) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


class ActionClockTests(TaskforceTestCase):
    def setUp(self):
        self.item = self.action(self.meeting(MEETING), DUE)

    def test_reminders_before_the_due_date_once_each(self):
        escalate(now=wita(2026, 3, 20, 9, 0))  # 11 days before: nothing yet
        self.assertFalse(Notification.objects.filter(kind="taskforce.reminder").exists())
        escalate(now=wita(2026, 3, 24, 9, 0))  # 7 days before
        escalate(now=wita(2026, 3, 24, 9, 1))
        self.assertEqual(recipients("taskforce.reminder"), {"education"})
        self.assertEqual(Notification.objects.filter(kind="taskforce.reminder").count(), 1)
        escalate(now=wita(2026, 3, 30, 9, 0))  # 1 day before
        self.assertEqual(Notification.objects.filter(kind="taskforce.reminder").count(), 2)

    def test_overdue_escalates_to_the_secretary(self):
        self.assertEqual(escalate(now=wita(2026, 3, 31, 23, 0)), [])  # due at 23:59
        created = escalate(now=wita(2026, 4, 1, 8, 0))
        self.assertEqual([(e.step, e.level) for e in created], [(Step.ACTION_ITEM, 1)])
        self.assertEqual(recipients("clock.escalation"), {"education", "secretary"})
        self.assertEqual(escalate(now=wita(2026, 4, 1, 8, 5)), [])  # idempotent
        # One more window (the meeting to the due date) late: the chair hears of it too.
        escalate(now=wita(2026, 5, 2, 8, 0))
        self.assertEqual(recipients("clock.escalation"), {"education", "secretary", "chair"})
        # Then DP3AKB's city administrators.
        escalate(now=wita(2026, 6, 2, 8, 0))
        self.assertIn("admin", recipients("clock.escalation"))

    def test_closed_items_stop_their_clock(self):
        action_item_close(item=self.item, evidence="Laporan kegiatan", by=self.education)
        self.assertEqual(escalate(now=wita(2026, 4, 10, 8, 0)), [])
        call_command("escalate", stdout=io.StringIO())
        self.assertFalse(Escalation.objects.exists())
