"""Delivering the outbox: claim a due message, send it, record the outcome.

Deliberately not one transaction: the claim (status "sending", attempt counted) is committed
before the network call and the outcome after it, so a worker that dies mid-send leaves a
message in "sending" that the next run takes up again once ``NOTIFY_SENDING_TIMEOUT`` has
passed. A message is therefore sent at least once and, after such a crash, at most twice.
"""

import logging
from collections import Counter
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Case, F, Q, When
from django.utils import timezone

from jaga.notifications.channels import DeliveryError, PermanentError, get_channel
from jaga.notifications.models import OutboxMessage, OutboxStatus, Urgency
from jaga.notifications.timing import backoff

logger = logging.getLogger(__name__)


def max_attempts() -> int:
    return getattr(settings, "NOTIFY_MAX_ATTEMPTS", 6)


def _stale_before(now: datetime) -> datetime:
    return now - timedelta(seconds=getattr(settings, "NOTIFY_SENDING_TIMEOUT", 300))


def _claimable(now: datetime) -> Q:
    """Due pending messages, and messages whose sender stopped answering mid-send."""
    return Q(status=OutboxStatus.PENDING, next_attempt_at__lte=now) | Q(
        status=OutboxStatus.SENDING,
        sending_since__lt=_stale_before(now),
        attempts__lt=max_attempts(),
    )


def _claim(message_id: int, now: datetime) -> OutboxMessage | None:
    """Take the message for this worker with one conditional UPDATE: of two workers racing
    for it, one wins. Counts the attempt before sending."""
    taken = OutboxMessage.objects.filter(_claimable(now), pk=message_id).update(
        status=OutboxStatus.SENDING, sending_since=now, attempts=F("attempts") + 1
    )
    return OutboxMessage.objects.get(pk=message_id) if taken else None


def outbox_deliver(*, message_id: int) -> OutboxMessage | None:
    """Send one message if it is due (or abandoned mid-send) and record the outcome: sent;
    pending again with ``next_attempt_at`` backed off after a transient error; failed after a
    permanent error or the last allowed attempt. Returns the message, or None when it was not
    due or another worker holds it."""
    message = _claim(message_id, timezone.now())
    if message is None:
        return None
    try:
        get_channel(message.channel).send(message)
    except PermanentError as error:
        _mark_failed(message, str(error))
    except DeliveryError as error:
        _mark_retry(message, str(error))
    except Exception as error:  # a bug or an unexpected library error: retry, keep the cause
        logger.exception("outbox message %s: unexpected error while sending", message.pk)
        _mark_retry(message, type(error).__name__)
    else:
        _mark_sent(message)
    return message


def _save(message: OutboxMessage, **changes) -> None:
    for name, value in changes.items():
        setattr(message, name, value)
    OutboxMessage.objects.filter(pk=message.pk).update(**changes)


def _mark_sent(message: OutboxMessage) -> None:
    _save(
        message,
        status=OutboxStatus.SENT,
        sent_at=timezone.now(),
        sending_since=None,
        last_error="",
    )


def _mark_failed(message: OutboxMessage, error: str) -> None:
    logger.warning("outbox message %s failed for good: %s", message.pk, error)
    _save(
        message,
        status=OutboxStatus.FAILED,
        failed_at=timezone.now(),
        sending_since=None,
        last_error=error[:300],
    )


def _mark_retry(message: OutboxMessage, error: str) -> None:
    if message.attempts >= max_attempts():
        _mark_failed(message, error)
        return
    logger.info("outbox message %s: attempt %s failed, will retry", message.pk, message.attempts)
    _save(
        message,
        status=OutboxStatus.PENDING,
        next_attempt_at=timezone.now() + backoff(message.attempts),
        sending_since=None,
        last_error=error[:300],
    )


def outbox_deliver_due(*, limit: int = 500) -> Counter:
    """Deliver every due message (urgent first), up to ``limit``; safe to run from cron every
    minute and alongside task workers (each message is claimed by one). Messages abandoned
    mid-send after their last allowed attempt are marked failed. Returns counts by outcome."""
    now = timezone.now()
    abandoned = OutboxMessage.objects.filter(
        status=OutboxStatus.SENDING,
        sending_since__lt=_stale_before(now),
        attempts__gte=max_attempts(),
    )
    outcomes: Counter = Counter(
        failed=abandoned.update(
            status=OutboxStatus.FAILED,
            failed_at=now,
            sending_since=None,
            last_error="worker stopped while sending",
        )
    )
    due = (
        OutboxMessage.objects.filter(_claimable(now))
        .annotate(rank=Case(When(urgency=Urgency.URGENT, then=0), default=1))
        .order_by("rank", "next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    for message_id in list(due):
        message = outbox_deliver(message_id=message_id)
        outcomes[message.status if message else "skipped"] += 1
    return outcomes
