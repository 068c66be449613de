"""When a message may go out: retry backoff and quiet hours (pure functions, WITA wall clock)."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.utils import timezone


def backoff(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed try: doubling from the base, capped."""
    base = getattr(settings, "NOTIFY_BACKOFF_SECONDS", 60)
    cap = getattr(settings, "NOTIFY_BACKOFF_MAX_SECONDS", 3600)
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), cap))


def quiet_hours_end(now: datetime, start: time | None, end: time | None) -> datetime | None:
    """The end of the quiet hours ``now`` falls in (local time), or None outside them.
    A window may cross midnight (21:00–06:00); equal or missing times mean no quiet hours."""
    if start is None or end is None or start == end:
        return None
    local = timezone.localtime(now)
    clock = local.time()
    if start < end:
        if not start <= clock < end:
            return None
        day = local.date()
    elif clock >= start:
        day = local.date() + timedelta(days=1)
    elif clock < end:
        day = local.date()
    else:
        return None
    return datetime.combine(day, end, tzinfo=local.tzinfo)
