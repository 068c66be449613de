"""The names of the rollups' measures (``FigureCell.measure`` / ``key``), shared by the
code that counts them (``leaves``) and the code that reads them (``selectors.rolled``)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the selectors package reads these names: no import back at run time
    from jaga.figures.selectors.counts import Dimension

TOTAL, QUALITY, REFERRAL = "total", "quality", "referral"
QUALITY_KEYS = ("all", "closed", "closed_served", "reopened", "monitored")
SERVICES, SERVED = "service.", "served."
ACKNOWLEDGED_URGENT, ACKNOWLEDGED_OTHER = "ack.urgent", "ack.other"
# Cases by whole days (the key) from the incident to the report, from the report to the
# first service: the durations are whole days, so these histograms are exact.
INCIDENT_DAYS, FIRST_SERVICE_DAYS = "incident.days", "first_service.days"

# Waits are kept in whole hours up to this bound, beyond it in whole days: a target of whole
# hours up to it, or of whole days, splits the buckets exactly.
HOURLY_UNTIL = 30 * 24


def cases_measure(dimension: Dimension) -> str:
    return f"{dimension.value}.c"


def victims_measure(dimension: Dimension) -> str:
    return f"{dimension.value}.v"


def services_measure(started: dt.date) -> str:
    """Services (key: the service's code) started in the month. The month is in the name,
    not in the cell's month (the case's), so the measures of a run of months are one range
    of names: ``service.202401`` up to ``service.202404``."""
    return f"{SERVICES}{started:%Y%m}"


def served_measure(started: dt.date, before: dt.date | None = None) -> str:
    """Cases that got a service of the code in ``started`` and last got one ``before`` (a
    month, or never): a run of months from A counts each case once, in the first of its
    months from A on, i.e. the rows whose month is in the run and whose ``before`` is not."""
    return f"{SERVED}{started:%Y%m}" + (f".{before:%Y%m}" if before else "")


def served_months(measure: str) -> tuple[str, str | None]:
    """A served measure's month and month before, as ``YYYYMM``."""
    months = measure.removeprefix(SERVED).split(".")
    return months[0], months[1] if len(months) > 1 else None


def hour_bucket(hours: int) -> int:
    """The bucket of a wait of ``hours`` (rounded up): its upper bound in hours, a bucket an
    hour wide up to ``HOURLY_UNTIL``, a day wide beyond."""
    return hours if hours <= HOURLY_UNTIL else -(-hours // 24) * 24


def bucket_hours(upper: int) -> float:
    """The one value a bucket stands for: its middle (never below zero for a bucket of
    positive waits), at most half a bucket from each of its waits."""
    width = 1 if upper <= HOURLY_UNTIL else 24
    return max(upper - width / 2, min(upper, 0))


def acknowledged_measure(urgent: bool, hours: int) -> tuple[str, str]:
    """Reports acknowledged after a wait of ``hours`` (rounded up), by urgency."""
    return (ACKNOWLEDGED_URGENT if urgent else ACKNOWLEDGED_OTHER, str(hour_bucket(hours)))
