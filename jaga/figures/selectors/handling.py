"""How well cases are handled and the monthly trend: the direct queries (the dashboard reads
these counts from the rollups, ``rolled``, and the tests check it against these)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Q,
)
from django.db.models.functions import TruncMonth
from django.utils import timezone

from jaga.access.paths import within
from jaga.cases.models import (
    Case,
    CaseEvent,
    CaseService,
    CaseStatus,
)
from jaga.figures.selectors.counts import (
    FigureFilter,
    _with_people,
    cases_in,
)
from jaga.referrals.models import Referral, ReferralStatus


@dataclass(frozen=True)
class Ratio:
    part: int
    whole: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.part / self.whole, 1) if self.whole else None


@dataclass(frozen=True)
class Quality:
    """Of the period's cases: closed ones with a service given, reopened ones, closed ones
    that went through monitoring; and referrals completed (None until the referrals app is
    there)."""

    closed_with_services: Ratio
    reopened: Ratio
    monitored_after_handling: Ratio
    referrals_completed: Ratio | None


def _status_event(**statuses: str) -> Exists:
    return Exists(CaseEvent.objects.filter(case=OuterRef("pk"), **statuses))


def quality(figure_filter: FigureFilter) -> Quality:
    """How well the period's cases were handled. One query (two with referrals)."""
    cases = cases_in(figure_filter).annotate(
        has_service=Exists(CaseService.objects.filter(case=OuterRef("pk"))),
        was_reopened=_status_event(from_status=CaseStatus.CLOSED),
        was_monitored=_status_event(to_status=CaseStatus.MONITORING),
    )
    closed = Q(status=CaseStatus.CLOSED)
    result = cases.aggregate(
        all=Count("pk"),
        closed=Count("pk", filter=closed),
        closed_served=Count("pk", filter=closed & Q(has_service=True)),
        reopened=Count("pk", filter=Q(was_reopened=True)),
        monitored=Count("pk", filter=closed & Q(was_monitored=True)),
    )
    return Quality(
        closed_with_services=Ratio(result["closed_served"], result["closed"]),
        reopened=Ratio(result["reopened"], result["all"]),
        monitored_after_handling=Ratio(result["monitored"], result["closed"]),
        referrals_completed=referrals_completed(figure_filter),
    )


def referrals_completed(figure_filter: FigureFilter) -> Ratio | None:
    """Referrals made for the period's cases that were completed, of all made (a declined one
    is not completed); None while the referrals app is not installed. One query."""
    if not apps.is_installed("jaga.referrals"):
        return None

    result = Referral.objects.filter(case__in=cases_in(figure_filter).values("pk")).aggregate(
        whole=Count("pk"), part=Count("pk", filter=Q(status=ReferralStatus.COMPLETED))
    )
    return Ratio(**result)


# --- Over time ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthPoint:
    month: dt.date
    cases: int
    victims: int
    cases_year_before: int
    victims_year_before: int


def monthly_trend(figure_filter: FigureFilter) -> list[MonthPoint]:
    """Cases and victims per month of the period, beside the same month a year earlier. One
    query for both years."""
    now_start, now_end = figure_filter.period.bounds()
    before_start, before_end = figure_filter.period.a_year_earlier().bounds()
    cases = (
        Case.objects.annotate(reported=F("reported_at"))
        .filter(within(figure_filter.area_code, "rt__code"))
        .filter(
            Q(reported__gte=now_start, reported__lt=now_end)
            | Q(reported__gte=before_start, reported__lt=before_end)
        )
    )
    rows = (
        _with_people(cases)
        .values(month=TruncMonth("reported"))
        .annotate(n_cases=Count("pk", distinct=True), n_victims=Count("victim", distinct=True))
        .order_by()
    )
    counts: dict[dt.date, Mapping[str, Any]] = {
        timezone.localtime(row["month"]).date(): row for row in rows
    }

    def get(month: dt.date, key: str) -> int:
        row = counts.get(month)
        return row[key] if row else 0

    return [
        MonthPoint(
            month,
            get(month, "n_cases"),
            get(month, "n_victims"),
            get(month.replace(year=month.year - 1), "n_cases"),
            get(month.replace(year=month.year - 1), "n_victims"),
        )
        for month in figure_filter.period.month_list()
    ]


# --- Public statistics ----------------------------------------------------------------------
