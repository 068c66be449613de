"""Reads of the audit trail: what a breach notice needs is "who saw this file, and when"."""

from typing import Any

from django.db.models import QuerySet

from jaga.access.policy import visible
from jaga.audit.models import AuditEvent


def audit_events(
    user: Any, *, object_type: str = "", object_id: str = "", actor_id: int | None = None
) -> QuerySet[AuditEvent]:
    """Events the user may see, newest first, narrowed to one record and/or one actor.
    One query: the index on (object_type, object_id, seq) serves the per-record question."""
    events = visible(user, "audit.view", AuditEvent.objects.select_related("actor"))
    if object_type:
        events = events.filter(object_type=object_type)
    if object_id:
        events = events.filter(object_id=object_id)
    if actor_id:
        events = events.filter(actor_id=actor_id)
    return events.order_by("-seq")
