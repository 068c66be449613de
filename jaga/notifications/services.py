"""Writes: notifying people, reading notifications, choosing channels, retrying a failure."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.notifications.channels import CHANNELS, external_channels
from jaga.notifications.models import (
    Notification,
    NotificationPreference,
    OutboxMessage,
    OutboxStatus,
    Urgency,
)
from jaga.notifications.selectors import recipient_anchors
from jaga.notifications.tasks import enqueue_delivery
from jaga.notifications.texts import external_text
from jaga.notifications.timing import quiet_hours_end

KEY_MAX_LENGTH = 200
FIELDS_COPIED = (
    "kind",
    "urgency",
    "title",
    "number",
    "link",
    "text",
    "created_at",
    "attachment_name",
    "attachment_type",
    "attachment",
)


@dataclass(frozen=True)
class Attachment:
    """A small text file an email carries (e.g. ``rapat.ics``, ``text/calendar``). It must hold
    nothing about a victim: it is stored on every outbox message."""

    name: str
    content_type: str
    content: str


@transaction.atomic
def notify(
    *,
    recipients: Iterable[Any],
    kind: str,
    title: str,
    body: str,
    link: str,
    subject_type: str = "",
    subject_id: str | int = "",
    number: str = "",
    urgent: bool = False,
    key: str,
    attachment: Attachment | None = None,
) -> None:
    """Tell ``recipients`` (Persons) about an event, inside the caller's transaction.

    Guarantees: one in-app notification per active recipient, and one outbox message per
    recipient per external channel they chose, written together with the caller's event (a
    rollback leaves nothing). ``key`` names the event ("referral:42:sent"): notifying the same
    key again writes nothing new. Delivery is queued only after commit; a normal message in
    the recipient's quiet hours waits for their end, an urgent one never waits.

    ``title`` and ``body`` must be built from the kind and the case/report number only (see
    ``texts.subject_reference``); email and WhatsApp carry the title, number and link, never
    the body; an ``attachment`` goes with the email only.
    """
    _check(key=key, link=link)
    people = {p.pk: p for p in recipients if p.is_active}
    if not people:
        return
    urgency = Urgency.URGENT if urgent else Urgency.NORMAL
    now = timezone.now()
    Notification.objects.bulk_create(
        [
            Notification(
                recipient=person,
                key=key,
                kind=kind,
                urgency=urgency,
                title=title,
                body=body,
                link=link,
                subject_type=subject_type,
                subject_id=str(subject_id),
                number=number,
                created_at=now,
            )
            for person in people.values()
        ],
        ignore_conflicts=True,
    )
    message = OutboxMessage(
        kind=kind,
        urgency=urgency,
        title=title,
        number=number,
        link=link,
        text=external_text(title=title, number=number, link=link, urgent=urgent),
        created_at=now,
        attachment_name=attachment.name if attachment else "",
        attachment_type=attachment.content_type if attachment else "",
        attachment=attachment.content if attachment else "",
    )
    _queue(_outbox_messages(message, key, list(people.values()), now))


def _check(*, key: str, link: str) -> None:
    if not key or len(key) > KEY_MAX_LENGTH:
        raise ValueError(f"notify() needs a key of 1–{KEY_MAX_LENGTH} characters")
    # Only a path inside Jaga: a message must never send somebody elsewhere.
    if link and not (
        link.startswith("/") and url_has_allowed_host_and_scheme(link, allowed_hosts=None)
    ):
        raise ValueError("notify() link must be a path inside Jaga, such as /kasus/12/")


def _outbox_messages(
    template: OutboxMessage, key: str, people: list[Any], now: datetime
) -> list[OutboxMessage]:
    """One message per person per chosen, configured channel with an address."""
    ids = [p.pk for p in people]
    preferences = {p.person_id: p for p in NotificationPreference.objects.filter(person__in=ids)}
    anchors = recipient_anchors(list(preferences)) if preferences else {}
    channels = {c.name: c for c in external_channels()}
    messages = []
    for person in people:
        preference = preferences.get(person.pk)
        if preference is None:
            continue
        area_code, organisation_id = anchors.get(person.pk, ("", None))
        due = first_attempt_at(preference, now=now, urgent=template.is_urgent)
        for name in preference.channels:
            channel = channels.get(name)
            address = channel.address_for(person) if channel else ""
            if not address:
                continue
            messages.append(
                OutboxMessage(
                    key=f"{key}:{person.pk}:{name}",
                    channel=name,
                    recipient=person,
                    address=address,
                    area_code=area_code,
                    organisation_id=organisation_id,
                    next_attempt_at=due,
                    **{f: getattr(template, f) for f in FIELDS_COPIED},
                )
            )
    return messages


def first_attempt_at(
    preference: NotificationPreference, *, now: datetime, urgent: bool
) -> datetime:
    """Now, or for a normal message the end of the person's quiet hours if now is inside them."""
    if urgent:
        return now
    return quiet_hours_end(now, preference.quiet_start, preference.quiet_end) or now


def outbox_to_address(*, address: str, kind: str, title: str, text: str, key: str) -> None:
    """An e-mail to an address that belongs to no account (the DPO's mailbox), through the
    same outbox: written in the caller's transaction, delivered and retried like any other,
    idempotent by ``key``. ``text`` must hold no personal data."""
    if not address:
        return
    _queue(
        [
            OutboxMessage(
                key=key,
                channel="email",
                address=address,
                kind=kind,
                title=title[:200],
                text=text,
                next_attempt_at=timezone.now(),
            )
        ]
    )


def _queue(messages: list[OutboxMessage]) -> None:
    """Write the messages not written before (their keys are unique) and enqueue those after
    commit."""
    if not messages:
        return
    keys = [m.key for m in messages]
    known = set(OutboxMessage.objects.filter(key__in=keys).values_list("key", flat=True))
    fresh = [m for m in messages if m.key not in known]
    # ignore_conflicts: a concurrent notify() of the same event may have written one meanwhile.
    OutboxMessage.objects.bulk_create(fresh, ignore_conflicts=True)
    written = list(
        OutboxMessage.objects.filter(
            key__in=[m.key for m in fresh], status=OutboxStatus.PENDING
        ).values_list("pk", "next_attempt_at")
    )
    transaction.on_commit(partial(_enqueue_all, written))


def _enqueue_all(messages: list[tuple[int, datetime]]) -> None:
    for message_id, due in messages:
        enqueue_delivery(message_id, due)


@transaction.atomic
def notification_mark_read(*, notification: Notification) -> Notification:
    """Mark one of the person's notifications read (once: the first reading time is kept)."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, person: Any) -> int:
    """Mark all the person's unread notifications read; returns how many."""
    return Notification.objects.filter(recipient=person, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def preference_save(
    *,
    person: Any,
    channels: Iterable[str],
    quiet_start: time | None,
    quiet_end: time | None,
) -> NotificationPreference:
    """Save the person's channel choice and quiet hours. Raises ValidationError for an unknown
    channel, a channel their account has no address for, or half a quiet-hours window."""
    chosen = sorted(set(channels))
    errors = {}
    for name in chosen:
        channel = CHANNELS.get(name)
        if channel is None or not channel.external:
            errors["channels"] = _("Saluran tidak dikenal.")
        elif not channel.address_for(person):
            errors["channels"] = _(
                "Akun Anda belum punya alamat untuk %(channel)s. Minta administrator melengkapinya."
            ) % {"channel": channel.label}
    if (quiet_start is None) != (quiet_end is None):
        errors["quiet_end"] = _("Isi jam mulai dan jam selesai, atau kosongkan keduanya.")
    if errors:
        raise ValidationError(errors)
    preference, _created = NotificationPreference.objects.update_or_create(
        person=person,
        defaults={"channels": chosen, "quiet_start": quiet_start, "quiet_end": quiet_end},
    )
    return preference


@transaction.atomic
def outbox_retry(*, message: OutboxMessage, actor: Any, request: Any = None) -> OutboxMessage:
    """Put a failed message back in the queue with a fresh set of attempts (audited), and
    enqueue it after commit. A message that is not failed is left as it is."""
    if message.status != OutboxStatus.FAILED:
        return message
    message.status = OutboxStatus.PENDING
    message.attempts = 0
    message.next_attempt_at = timezone.now()
    message.failed_at = None
    message.save(update_fields=["status", "attempts", "next_attempt_at", "failed_at"])
    audit_record(
        actor=actor, action=AuditAction.CHANGE, target=message, fields=["status"], request=request
    )
    transaction.on_commit(partial(enqueue_delivery, message.pk))
    return message
