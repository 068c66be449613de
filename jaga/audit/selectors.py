"""Reads of the audit trail: what a breach notice needs is "who saw this file, and when"."""

from typing import Any

from django.db.models import QuerySet

from jaga.access.policy import visible
from jaga.access.users import User
from jaga.audit.models import AuditEvent
from jaga.core.pagination import KeysetPage, keyset_page


def audit_events(
    user: User, *, object_type: str = "", object_id: str = "", actor_id: int | None = None
) -> QuerySet[AuditEvent]:
    """Events the user may see, newest first, narrowed to one record and/or one actor.
    One query: the index on (object_type, object_id, seq) serves the per-record question."""
    events = visible(user, "audit.view", AuditEvent.objects.all())
    if object_type:
        events = events.filter(object_type=object_type)
    if object_id:
        events = events.filter(object_id=object_id)
    if actor_id:
        events = events.filter(actor_id=actor_id)
    return events.order_by("-seq")


def audit_page(user: User, params: Any, *, size: int = 100, **filters: Any) -> KeysetPage:
    """One page of ``audit_events``, after or before the event named in ``params``: the
    trail only grows, so pages are sought by ``seq``, never counted or skipped over."""
    events = audit_events(user, **filters)
    rows = AuditEvent.objects.select_related("actor")
    return keyset_page(events, params, keys=["seq"], size=size, rows=rows)
