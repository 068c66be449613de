"""The task worker's part: deliver one outbox message as soon as its event is committed.

The outbox row, not the task, is the source of truth: if enqueueing fails, or a backend cannot
defer a task to a later time, ``jaga deliver-outbox`` (cron, every minute) sends it when due.
"""

import logging
from datetime import datetime

from django.utils import timezone
from django_tasks import task

from jaga.notifications.delivery import outbox_deliver
from jaga.notifications.models import OutboxStatus

logger = logging.getLogger(__name__)


@task()
def deliver_message(message_id: int) -> str:
    """Send the message if due; after a transient error, schedule the next try."""
    message = outbox_deliver(message_id=message_id)
    if message is None:
        return "skipped"
    if message.status == OutboxStatus.PENDING:
        enqueue_delivery(message.pk, message.next_attempt_at)
    return message.status


def enqueue_delivery(message_id: int, due: datetime | None = None) -> None:
    """Queue the delivery of one message, at ``due`` when the backend can defer tasks; without
    that ability a later message is left to ``deliver-outbox``. Never raises: the message is
    already safe in the outbox."""
    job = deliver_message
    if due is not None and due > timezone.now():
        if not job.get_backend().supports_defer:
            return
        job = job.using(run_after=due)
    try:
        job.enqueue(message_id)
    except Exception:
        logger.exception("outbox message %s: could not enqueue; cron will deliver it", message_id)
