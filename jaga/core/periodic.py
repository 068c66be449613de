"""Periodic jobs once per deployment: whoever inserts a job's row for the minute runs it."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from jaga.core.models import PeriodicRun

logger = logging.getLogger(__name__)
KEEP = dt.timedelta(days=1)  # enough rows to see what ran lately; the table stays small


def this_minute(now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()).replace(second=0, microsecond=0)


def claim(job: str, minute: dt.datetime) -> bool:
    """True for the one caller whose row for (job, minute) was inserted."""
    try:
        with transaction.atomic():
            PeriodicRun.objects.create(job=job, minute=minute)
    except IntegrityError:
        return False
    return True


def forget_old_runs(minute: dt.datetime) -> int:
    deleted, _ = PeriodicRun.objects.filter(minute__lt=minute - KEEP).delete()
    return deleted
