"""The escalation job as a django-tasks task (``escalate_overdue.enqueue()``), for a worker
that runs periodic work; cron runs ``jaga escalate`` instead. Both call the same service."""

from django_tasks import task

from jaga.clocks.services import escalate


@task()
def escalate_overdue() -> int:
    """Escalate what is overdue now; returns how many escalations were recorded."""
    return len(escalate())
