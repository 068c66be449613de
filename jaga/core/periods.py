"""Whole months in WITA (settings.TIME_ZONE): the periods every figure and work list counts
in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

MONTHS_MAX = 36  # the longest period a dashboard shows


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


def current_month(today: dt.date | None = None) -> dt.date:
    """The month running now in WITA (settings.TIME_ZONE)."""
    return month_start(today or timezone.localdate())


def parse_month(text: str | None) -> dt.date | None:
    """``YYYY-MM`` as the month's first day, or None when it is not such a month."""
    try:
        return dt.datetime.strptime(text or "", "%Y-%m").date()
    except ValueError:
        return None


def previous_month(month: dt.date) -> dt.date:
    return add_months(month_start(month), -1)


def next_month(month: dt.date) -> dt.date:
    return add_months(month_start(month), 1)


def last_closed_month(today: dt.date | None = None) -> dt.date:
    """The last full month (coverage's "active" figure looks at it)."""
    return previous_month(current_month(today))


def months_ending(month: dt.date, count: int) -> list[dt.date]:
    """``count`` months ending with ``month``, oldest first."""
    first = add_months(month_start(month), 1 - count)
    return [add_months(first, i) for i in range(count)]


@dataclass(frozen=True)
class Period:
    """Whole months: from ``start`` (a first day) up to, not including, ``end``."""

    start: dt.date
    end: dt.date

    @classmethod
    def months(cls, first: dt.date, last: dt.date) -> Period:
        """``first`` to ``last`` inclusive (swapped if reversed, at most MONTHS_MAX)."""
        first, last = sorted((month_start(first), month_start(last)))
        first = max(first, add_months(last, 1 - MONTHS_MAX))
        return cls(first, add_months(last, 1))

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year + 1, 1, 1))

    @property
    def last(self) -> dt.date:
        return add_months(self.end, -1)

    def month_list(self) -> list[dt.date]:
        months, month = [], self.start
        while month < self.end:
            months.append(month)
            month = add_months(month, 1)
        return months

    def a_year_earlier(self) -> Period:
        return Period(
            self.start.replace(year=self.start.year - 1), self.end.replace(year=self.end.year - 1)
        )

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """The period as aware datetimes in WITA."""
        zone = timezone.get_current_timezone()
        return (
            dt.datetime.combine(self.start, dt.time(), zone),
            dt.datetime.combine(self.end, dt.time(), zone),
        )

    def only_past(self, today: dt.date | None = None) -> Period | None:
        """The part of the period before the running month, or None if nothing is left."""
        end = min(self.end, current_month(today))
        return Period(self.start, end) if end > self.start else None
