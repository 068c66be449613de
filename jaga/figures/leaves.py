"""What the RT × month cells of the rollups hold, counted from the cases and reports of a
``Scope``: the grouped queries the rebuild and every recount share. A case counts in the
cell of its RT and report month (its services too, under the months they started in); a
report counts in the cell of its RT and arrival month."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from jaga.cases.models import Case, CaseEvent, CaseService, CaseStatus
from jaga.figures.measures import (
    FIRST_SERVICE_DAYS,
    INCIDENT_DAYS,
    QUALITY,
    QUALITY_KEYS,
    REFERRAL,
    TOTAL,
    acknowledged_measure,
    cases_measure,
    served_measure,
    services_measure,
    victims_measure,
)
from jaga.figures.selectors.counts import CODED, UNKNOWN, Dimension, _key_expression, _with_people
from jaga.figures.selectors.timing import (
    CeilHours,
    Elapsed,
    acknowledged_at,
    first_service_days,
    incident_days,
)
from jaga.referrals.models import Referral, ReferralStatus
from jaga.reports.models import Report

# (area code, month, measure, key) -> count
Counts = dict[tuple[str, dt.date, str, str], int]

# The dimensions counted per key (AREA is the children's totals).
KEYED = [*CODED, Dimension.CHANNEL]


@dataclass(frozen=True)
class Scope:
    """The cases reported and the reports received from ``start`` up to ``stop``, of the RTs
    ``rt_codes`` (of every RT when None)."""

    start: dt.datetime
    stop: dt.datetime
    rt_codes: frozenset[str] | None = None

    def _filter(self, moment: str) -> Q:
        condition = Q(**{f"{moment}__gte": self.start, f"{moment}__lt": self.stop})
        if self.rt_codes is not None:
            condition &= Q(rt__code__in=self.rt_codes)
        return condition

    def cases(self) -> QuerySet[Case]:
        return Case.objects.filter(self._filter("reported_at"))

    def reports(self) -> QuerySet[Report]:
        return Report.objects.filter(self._filter("received_at"))


def month_of(value: dt.datetime) -> dt.date:
    return timezone.localtime(value).date()


def _cell(prefix: str = "", moment: str = "reported_at") -> dict:
    return {"rt_code": F(f"{prefix}rt__code"), "month": TruncMonth(f"{prefix}{moment}")}


def _add(
    counts: Counts, rows: Iterable[Mapping[str, Any]], names: dict[str, tuple[str, str | None]]
) -> None:
    """Rows of a grouped query into ``counts``: ``names`` maps each counted column to its
    (measure, key); a key ``None`` means the row's own ``key`` column."""
    for row in rows:
        month = month_of(row["month"])
        for column, (measure, key) in names.items():
            if row[column]:
                name = (row["key"] or UNKNOWN) if key is None else key
                counts[(row["rt_code"], month, measure, name)] += row[column]


def leaf_counts(scope: Scope) -> Counts:
    """What the RT × month cells of ``scope`` hold. Thirteen grouped queries."""
    counts: Counts = defaultdict(int)
    cases = scope.cases()
    people = _with_people(cases)
    _add(
        counts,
        people.values(**_cell())
        .annotate(
            c=Count("pk", distinct=True),
            v=Count("victim", distinct=True),
            p=Count("perpetrator", distinct=True),
        )
        .values("rt_code", "month", "c", "v", "p")
        .order_by(),
        {"c": (TOTAL, "cases"), "v": (TOTAL, "victims"), "p": (TOTAL, "perpetrators")},
    )
    for dimension in KEYED:
        rows = (
            people.values(**_cell(), key=_key_expression(dimension, ""))
            .annotate(c=Count("pk", distinct=True), v=Count("victim", distinct=True))
            .order_by()
        )
        names: dict[str, tuple[str, str | None]] = {
            "c": (cases_measure(dimension), None),
            "v": (victims_measure(dimension), None),
        }
        _add(counts, rows, names)
    _add(counts, _quality_rows(cases), {name: (QUALITY, name) for name in QUALITY_KEYS})
    referrals = (
        Referral.objects.filter(case__in=cases.values("pk"))
        .values(**_cell("case__"))
        .annotate(whole=Count("pk"), part=Count("pk", filter=Q(status=ReferralStatus.COMPLETED)))
        .order_by()
    )
    _add(counts, referrals, {"whole": (REFERRAL, "whole"), "part": (REFERRAL, "part")})
    _add_services(counts, cases)
    _add_days(counts, incident_days(cases), INCIDENT_DAYS)
    _add_days(counts, first_service_days(cases), FIRST_SERVICE_DAYS)
    _add_acknowledgements(counts, scope.reports())
    return counts


def _quality_rows(cases: QuerySet[Case]):
    def event(**statuses: str) -> Exists:
        return Exists(CaseEvent.objects.filter(case=OuterRef("pk"), **statuses))

    closed = Q(status=CaseStatus.CLOSED)
    return (
        cases.annotate(
            has_service=Exists(CaseService.objects.filter(case=OuterRef("pk"))),
            was_reopened=event(from_status=CaseStatus.CLOSED),
            was_monitored=event(to_status=CaseStatus.MONITORING),
        )
        .values(**_cell())
        .annotate(
            all=Count("pk"),
            closed=Count("pk", filter=closed),
            closed_served=Count("pk", filter=closed & Q(has_service=True)),
            reopened=Count("pk", filter=Q(was_reopened=True)),
            monitored=Count("pk", filter=closed & Q(was_monitored=True)),
        )
        .order_by()
    )


def _add_services(counts: Counts, cases: QuerySet[Case]) -> None:
    """Services by code and start month, and the cases served: a case counts once for each
    month it got a service of the code, under the month it last got one before (see
    ``served_measure``), so the cases of any run of months add up without counting a case
    twice. One query, a row per case × code × month."""
    rows: Iterable[Mapping[str, Any]] = (
        CaseService.objects.filter(case__in=cases.values("pk"))
        .values(**_cell("case__"), case_ref=F("case_id"), key=F("service__code"))
        .annotate(started=TruncMonth("started_on"), n=Count("pk"))
        .order_by("case_ref", "key", "started")
    )
    last: tuple[int, str, dt.date] | None = None
    for row in rows:
        cell = (row["rt_code"], month_of(row["month"]))
        started, code = row["started"], row["key"]
        before = last[2] if last and last[:2] == (row["case_ref"], code) else None
        counts[(*cell, services_measure(started), code)] += row["n"]
        counts[(*cell, served_measure(started, before), code)] += 1
        last = (row["case_ref"], code, started)


def _add_days(counts: Counts, cases: QuerySet[Any], measure: str) -> None:
    """Cases by their annotated ``days`` (a duration of whole days)."""
    rows = cases.values("days", **_cell()).annotate(n=Count("pk")).order_by()
    for row in rows:
        counts[(row["rt_code"], month_of(row["month"]), measure, str(row["days"].days))] += row["n"]


def _add_acknowledgements(counts: Counts, reports: QuerySet[Report]) -> None:
    """Acknowledged reports by urgency and by how many hours (rounded up) they waited."""
    rows: Iterable[Mapping[str, Any]] = (
        reports.annotate(acknowledged=acknowledged_at())
        .filter(acknowledged__isnull=False)
        .values(**_cell(moment="received_at"), urgent=F("is_urgent"))
        .annotate(hours=CeilHours(Elapsed("acknowledged", "received_at")), n=Count("pk"))
        .order_by()
    )
    for row in rows:
        cell = (row["rt_code"], month_of(row["month"]))
        measure, key = acknowledged_measure(row["urgent"], row["hours"])
        counts[(*cell, measure, key)] += row["n"]
