"""Reads of notifications, preferences and the outbox.

A person's own notifications and preferences are theirs alone (rules signed in, filtered by
recipient); the outbox is read through the policy (``notifications.outbox``)."""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from jaga.access.policy import get_object, visible
from jaga.access.users import User
from jaga.notifications.models import (
    Notification,
    NotificationPreference,
    OutboxMessage,
    OutboxStatus,
)
from jaga.people.models import Membership, Organisation, Person


def notification_list(user: Person, *, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's own notifications, newest first (one query per page)."""
    notifications = Notification.objects.filter(recipient=user)
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications.order_by("-created_at", "-pk")


def notification_get(user: Person, pk: int) -> Notification:
    """One of the user's own notifications; anybody else's does not exist (404)."""
    return get_object_or_404(Notification, recipient=user, pk=pk)


def unread_count(user: "User | None") -> int:
    """How many of the user's notifications are unread (0 when signed out); one query."""
    if user is None or isinstance(user, AnonymousUser):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def preference_for(person: Any) -> NotificationPreference:
    """The person's preferences, or the default (in-app only, no quiet hours) unsaved."""
    return NotificationPreference.objects.filter(person=person).first() or NotificationPreference(
        person=person
    )


def failed_messages(user: User) -> QuerySet[OutboxMessage]:
    """Messages that failed for good, within the user's scope of ``notifications.outbox``."""
    messages = OutboxMessage.objects.filter(status=OutboxStatus.FAILED).select_related("recipient")
    return visible(user, "notifications.outbox", messages).order_by("-failed_at", "-pk")


def failed_message_get(user: User, pk: int) -> OutboxMessage:
    """One failed message in the user's scope; outside it, 404."""
    return get_object(user, "notifications.outbox", failed_messages(user), pk=pk)


def recipients_with_role(
    role: str, area_code: str | None = None, organisation: Organisation | int | None = None
) -> QuerySet[Person]:
    """Active people holding ``role`` now, for a system event (not access-scoped: it decides
    who is told, not what a viewer sees).

    ``area_code``: only those responsible for that area, i.e. whose membership's area (or its
    organisation's area) is the area itself or one of its ancestors — the kelurahan officer of
    an RT, the city's UPTD PPA head. ``organisation``: only members of that organisation.
    """
    memberships = Membership.objects.active().filter(role=role)
    if area_code:
        ancestors = _ancestor_codes(area_code)
        memberships = memberships.filter(
            Q(area__code__in=ancestors)
            | Q(area__isnull=True, organisation__area__code__in=ancestors)
        )
    if organisation is not None:
        memberships = memberships.filter(organisation=organisation)
    return Person.objects.filter(is_active=True, pk__in=memberships.values("person_id")).order_by(
        "pk"
    )


def _ancestor_codes(code: str) -> list[str]:
    parts = code.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts) + 1)]


def recipient_anchors(person_ids: list[int]) -> dict[int, tuple[str, int | None]]:
    """Per person, the area code and organisation of their oldest active membership: where a
    failed message of theirs shows up for an administrator. One query."""
    anchors: dict[int, tuple[str, int | None]] = {}
    memberships = (
        Membership.objects.active()
        .filter(person_id__in=person_ids)
        .select_related("area", "organisation__area")
        .order_by("started_at", "pk")
    )
    for membership in memberships:
        anchors.setdefault(
            membership.person_id, (membership.scope_area.code, membership.organisation_id)
        )
    return anchors
