"""Action items run against a clock like every other step in Jaga: from the meeting to the
end of the due date (WITA), stopped when closed. ``jaga escalate`` reminds the owner before the
due date and, once it is overdue, escalates: level 1 the owner and the task force's secretary,
level 2 also the chair, level 3 DP3AKB's city administrators."""

import datetime
from collections.abc import Iterator
from functools import partial

from django.utils import timezone

from jaga.access.roles import Role
from jaga.clocks.models import Step
from jaga.clocks.selectors import TargetBook
from jaga.clocks.services import Overdue, add_escalation_source, add_reminder_source
from jaga.clocks.timing import Clock, make_clock
from jaga.notifications.selectors import recipients_with_role
from jaga.people.models import Person
from jaga.taskforce.models import ActionItem, ActionStatus, MemberRole, Taskforce
from jaga.taskforce.recipients import action_owners, holders_of
from jaga.taskforce.services.actions import action_items_remind


def due_at(due_date: datetime.date) -> datetime.datetime:
    """The end of the due date, WITA."""
    return timezone.make_aware(datetime.datetime.combine(due_date, datetime.time(23, 59)))


def action_clock(item: ActionItem, now: datetime.datetime | None = None) -> Clock:
    """The clock of an action item whose agenda item's meeting is loaded."""
    return make_clock(
        step=Step.ACTION_ITEM,
        started_at=item.agenda_item.meeting.starts_at,
        due=due_at(item.due_date),
        done_at=item.closed_at,
        now=now or timezone.now(),
    )


def _first(item: ActionItem) -> list[Person]:
    secretaries = holders_of(item.agenda_item.meeting.taskforce, MemberRole.SECRETARY)
    return [*action_owners(item), *secretaries]


def _higher(taskforce: Taskforce, level: int) -> list[Person]:
    if level == 2:
        return [
            *holders_of(taskforce, MemberRole.SECRETARY),
            *holders_of(taskforce, MemberRole.CHAIR),
        ]
    return list(recipients_with_role(Role.CITY_ADMIN, organisation=taskforce.secretariat_id))


def overdue_actions(book: TargetBook, now: datetime.datetime) -> Iterator[Overdue]:
    """Open action items past the end of their due date (one query; their due time is their
    own, so the service-time targets in ``book`` play no part)."""
    items = (
        ActionItem.objects.exclude(status=ActionStatus.DONE)
        .filter(due_date__lt=timezone.localdate(now))
        .select_related("agenda_item__meeting__taskforce__area", "owner_person__person")
        .order_by("due_date", "pk")
    )
    for item in items:
        clock = action_clock(item, now)
        if not clock.is_overdue:
            continue
        taskforce = item.agenda_item.meeting.taskforce
        yield Overdue(
            Step.ACTION_ITEM,
            item.pk,
            clock,
            item.number,
            taskforce.area.code,
            item.get_absolute_url(),
            False,
            partial(_first, item),
            higher=partial(_higher, taskforce),
        )


add_escalation_source(overdue_actions)
add_reminder_source(action_items_remind)
