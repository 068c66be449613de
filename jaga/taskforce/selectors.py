"""Reads of the task force, already scoped by the access policy (a record outside the
person's reach does not exist: 404). Lists prefetch what their rows show, so a page costs a
fixed number of queries whatever its length.

``action_item_status`` and ``agenda_item_for`` are the doors other apps use (the children's
voice app links a Forum Anak proposal to an action or agenda item and shows its status)."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from jaga.access.paths import within
from jaga.access.policy import can, get_object, visible
from jaga.access.roles import Role
from jaga.access.users import User
from jaga.clocks.timing import Clock
from jaga.people.models import Membership, Organisation, Person
from jaga.taskforce.clocks import action_clock
from jaga.taskforce.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Attendance,
    FocalPerson,
    Meeting,
    Member,
    Minutes,
    MinutesStatus,
    Outcome,
    Taskforce,
)

ACTION_RELATED = (
    "owner__organisation",
    "owner_person__person",
    "agenda_item__meeting__taskforce",
)


def taskforce_current(user: User, rule: str = "taskforce.view") -> Taskforce | None:
    """The task force in the person's reach whose decree is in force today (else the latest)."""
    today = timezone.localdate()
    taskforces = visible(user, rule, Taskforce.objects.select_related("area", "secretariat"))
    in_force = taskforces.filter(period_start__lte=today, period_end__gte=today)
    return in_force.order_by("-period_start").first() or taskforces.first()


def taskforce_get(user: User, rule: str, pk: int) -> Taskforce:
    return get_object(user, rule, Taskforce.objects.select_related("area", "secretariat"), pk=pk)


def members_of(taskforce: Taskforce) -> list[Member]:
    """The members with their focal people (three queries)."""
    focal = FocalPerson.objects.select_related("person").order_by("role", "pk")
    return list(
        Member.objects.filter(taskforce=taskforce)
        .select_related("organisation")
        .prefetch_related(Prefetch("focal_people", queryset=focal))
        .order_by("cluster", "organisation__name")
    )


def organisations_to_add(taskforce: Taskforce) -> QuerySet[Organisation]:
    """Active organisations working inside the task force's area and not on it yet (for the
    secretariat, who reached ``taskforce`` under ``taskforce.manage``)."""
    taken = Member.objects.filter(taskforce=taskforce).values("organisation_id")
    inside = within(taskforce.area.code, "area__code")
    return Organisation.objects.filter(inside, is_active=True).exclude(pk__in=taken)


def member_choices(taskforce: Taskforce) -> QuerySet[Member]:
    return Member.objects.filter(taskforce=taskforce).select_related("organisation")


def focal_candidates(taskforce: Taskforce) -> QuerySet[Person]:
    """Accounts that may speak for a member: those holding the Gugus Tugas role in the area."""
    holders = Membership.objects.active().filter(role=Role.TASKFORCE_MEMBER)
    holders = holders.filter(within(taskforce.area.code, "area__code"))
    return Person.objects.filter(is_active=True, pk__in=holders.values("person_id"))


def focal_choices(taskforce: Taskforce) -> QuerySet[FocalPerson]:
    return FocalPerson.objects.filter(member__taskforce=taskforce).select_related(
        "person", "member__organisation"
    )


def meeting_list(user: User, taskforce: Taskforce) -> QuerySet[Meeting]:
    """The task force's meetings, newest first, with their minutes' status."""
    meetings = Meeting.objects.filter(taskforce=taskforce).select_related("minutes")
    return visible(user, "taskforce.view", meetings).order_by("-starts_at", "-pk")


def meeting_get(user: User, pk: int, rule: str = "taskforce.view") -> Meeting:
    meetings = Meeting.objects.select_related("taskforce__area", "taskforce__secretariat")
    return get_object(user, rule, meetings, pk=pk)


def agenda_item_for(user: User, pk: int, rule: str = "taskforce.view") -> AgendaItem:
    """One agenda item through the policy (404 outside the person's reach)."""
    items = AgendaItem.objects.select_related("meeting__taskforce__area")
    return get_object(user, rule, items, pk=pk)


@dataclass(frozen=True)
class ActionRow:
    item: ActionItem
    clock: Clock

    @property
    def indicators(self) -> list[Any]:
        return list(self.item.indicators.all())


def action_row(item: ActionItem) -> ActionRow:
    """One action item (from ``action_get``) with its clock."""
    return ActionRow(item, action_clock(item))


def _rows(items: QuerySet[ActionItem], now: datetime.datetime | None = None) -> list[ActionRow]:
    items = items.select_related(*ACTION_RELATED).prefetch_related("indicators")
    return [ActionRow(item, action_clock(item, now)) for item in items]


@dataclass(frozen=True)
class AgendaRow:
    """One agenda item with its notes and decisions and its action items' rows."""

    item: AgendaItem
    outcomes: list[Outcome]
    actions: list[ActionRow]


def meeting_agenda(meeting: Meeting) -> list[AgendaRow]:
    """The agenda with each item's outcomes and action items (five queries)."""
    actions = ActionItem.objects.select_related(*ACTION_RELATED).prefetch_related("indicators")
    items = (
        meeting.agenda_items.select_related("presenter__organisation")
        .prefetch_related("outcomes", Prefetch("action_items", queryset=actions))
        .order_by("position")
    )
    return [
        AgendaRow(
            item,
            list(item.outcomes.all()),
            [ActionRow(action, action_clock(action)) for action in item.action_items.all()],
        )
        for item in items
    ]


def follow_up_items(meeting: Meeting) -> list[ActionRow]:
    """ "Tindak lanjut": the action items of the task force's earlier meetings that were still
    open when this meeting began, with their status now."""
    items = ActionItem.objects.filter(
        agenda_item__meeting__taskforce=meeting.taskforce_id,
        agenda_item__meeting__starts_at__lt=meeting.starts_at,
    ).filter(Q(closed_at__isnull=True) | Q(closed_at__gte=meeting.starts_at))
    return _rows(items.order_by("due_date", "pk"))


@dataclass(frozen=True)
class AttendanceRow:
    member: Member
    record: Attendance | None


def attendance_rows(meeting: Meeting) -> list[AttendanceRow]:
    """Every member of the task force with its attendance at the meeting, if recorded (two
    queries). The Forum Anak is marked by ``member.is_forum_anak``."""
    records = {a.member_id: a for a in meeting.attendances.all()}
    members = Member.objects.filter(taskforce=meeting.taskforce_id).select_related("organisation")
    return [AttendanceRow(m, records.get(m.pk)) for m in members.order_by("organisation__name")]


def minutes_for(user: User, meeting: Meeting) -> Minutes | None:
    """The meeting's minutes when the person may read them: final ones for every member,
    drafts only for the attending organisations and the secretariat."""
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None or minutes.status == MinutesStatus.FINAL:
        return minutes
    return minutes if can(user, "taskforce.minutes_draft", minutes) else None


def action_list(
    user: User, taskforce: Taskforce, *, status: str = "", organisation: int | None = None
) -> list[ActionRow]:
    """The task force's action items in the person's reach, soonest due first (four
    queries)."""
    items = ActionItem.objects.filter(agenda_item__meeting__taskforce=taskforce)
    if status in ActionStatus.values:
        items = items.filter(status=status)
    if organisation:
        items = items.filter(owner__organisation=organisation)
    return _rows(visible(user, "taskforce.view", items).order_by("due_date", "pk"))


def action_get(user: User, pk: int, rule: str = "taskforce.view") -> ActionItem:
    items = ActionItem.objects.select_related(*ACTION_RELATED, "agenda_item__meeting")
    return get_object(user, rule, items, pk=pk)


@dataclass(frozen=True)
class ActionItemStatus:
    """What another app shows about an action item it links to."""

    pk: int
    number: str
    title: str
    owner: str
    due_date: datetime.date
    status: str
    status_label: str
    clock_state: str
    clock_label: str
    closed_at: datetime.datetime | None
    evidence: str
    link: str


def action_item_status(pk: int, now: datetime.datetime | None = None) -> ActionItemStatus | None:
    """The status of one action item for another app's page (e.g. "you said, we did" of the
    children's voice app). Not access-scoped: it tells no more than a public answer may say
    (no person's name); the caller decides who sees it. None if there is no such item."""
    item = (
        ActionItem.objects.select_related("owner__organisation", "agenda_item__meeting")
        .filter(pk=pk)
        .first()
    )
    if item is None:
        return None
    clock = action_clock(item, now)
    return ActionItemStatus(
        pk=item.pk,
        number=item.number,
        title=item.title,
        owner=str(item.owner.organisation),
        due_date=item.due_date,
        status=item.status,
        status_label=str(item.get_status_display()),
        clock_state=str(clock.state),
        clock_label=clock.label,
        closed_at=item.closed_at,
        evidence=item.evidence,
        link=item.get_absolute_url(),
    )
