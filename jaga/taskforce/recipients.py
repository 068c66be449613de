"""Who is told about the task force's events (not access-scoped: it decides who hears of an
invitation, a reminder or an escalation, not what a viewer may see)."""

from django.db.models import QuerySet

from jaga.access.roles import Role
from jaga.notifications.selectors import recipients_with_role
from jaga.people.models import Person
from jaga.taskforce.models import ActionItem, FocalPerson, Member, MemberRole, Taskforce


def focal_accounts(members: QuerySet[Member]) -> list[Person]:
    """The active accounts among the focal people of ``members``."""
    ids = FocalPerson.objects.filter(member__in=members, person__isnull=False).values("person_id")
    return list(Person.objects.filter(pk__in=ids, is_active=True).order_by("pk"))


def holders_of(taskforce: Taskforce, role: str) -> list[Person]:
    """The accounts holding a task-force role (chair, secretary); for the secretary, the
    secretariat's city administrators when no account is named."""
    ids = FocalPerson.objects.filter(
        member__taskforce=taskforce, role=role, person__isnull=False
    ).values("person_id")
    people = list(Person.objects.filter(pk__in=ids, is_active=True).order_by("pk"))
    if not people and role == MemberRole.SECRETARY:
        people = list(recipients_with_role(Role.CITY_ADMIN, organisation=taskforce.secretariat_id))
    return people


def action_owners(item: ActionItem) -> list[Person]:
    """Who must act on an action item: its named person when they have an account, else the
    owner organisation's focal people."""
    named = item.owner_person.person if item.owner_person else None
    if named is not None and named.is_active:
        return [named]
    return focal_accounts(Member.objects.filter(pk=item.owner_id))
