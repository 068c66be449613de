"""The demo task force: plausible, spread over 18 months, every state shown, loaded once."""

import datetime

from django.test import TestCase
from django.utils import timezone

from jaga.areas.services import areas_import_reference
from jaga.clocks.timing import ClockState
from jaga.taskforce.clocks import action_clock
from jaga.taskforce.demo import taskforce_demo
from jaga.taskforce.models import ActionItem, Meeting, Minutes, Taskforce


class DemoTests(TestCase):
    def test_every_state_once_loaded(self):
        areas_import_reference(prefix="64.71")
        taskforce_demo()
        taskforce_demo()
        self.assertEqual(Taskforce.objects.count(), 1)
        now = timezone.now()
        held = Meeting.objects.filter(starts_at__lte=now)
        self.assertEqual(held.count(), 6)
        self.assertTrue(held.filter(starts_at__date=datetime.date(2025, 11, 7)).exists())
        self.assertTrue(Meeting.objects.filter(starts_at__gt=now).exists())
        self.assertFalse(Meeting.objects.filter(is_demo=False).exists())
        items = ActionItem.objects.select_related("agenda_item__meeting")
        states = {action_clock(item).state for item in items}
        self.assertEqual(states, set(ClockState))
        self.assertEqual(
            set(items.values_list("status", flat=True)), {"open", "in_progress", "done"}
        )
        self.assertEqual(
            set(Minutes.objects.values_list("status", flat=True)), {"final", "in_review"}
        )
