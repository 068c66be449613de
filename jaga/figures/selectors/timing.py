"""How fast: from incident to report, report to acknowledgement and to first service, and
the share acknowledged within the service-time target."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django.db.models import (
    Case as When_,
)
from django.db.models import (
    Count,
    DurationField,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.access.paths import within
from jaga.cases.models import Case, CaseService
from jaga.clocks.models import Step
from jaga.clocks.selectors import TargetBook
from jaga.clocks.timing import least_duration
from jaga.figures.selectors.counts import FigureFilter, cases_in
from jaga.reports.models import Report, ReportStatus


def _interpolated(
    count: int, fractions: Iterable[float], pair_at: Callable[[int], list[dt.timedelta]]
) -> list[dt.timedelta]:
    """For each fraction, the linear interpolation between the values ranked around it
    (``pair_at(n)``: the values ranked n and n + 1, or only n when it is the last) — the
    definition of PostgreSQL's ``percentile_cont``."""
    results = []
    for fraction in fractions:
        rank = fraction * (count - 1)
        low = int(rank)
        pair = pair_at(low)
        upper = pair[1] if len(pair) > 1 else pair[0]
        results.append(pair[0] + (upper - pair[0]) * (rank - low))
    return results


def percentile_values(
    queryset: QuerySet, expression, fractions: Iterable[float]
) -> tuple[int, list[dt.timedelta | None]]:
    """Percentiles of ``expression`` (a duration) over the rows where it is known, picked by
    the database: a count, then for each fraction the two rows around its rank (ORDER BY,
    OFFSET) and a linear interpolation between them, computed the same way on SQLite and
    PostgreSQL. 1 + len(fractions) queries. Returns how many rows were known and the values
    (None when there are none)."""
    known = queryset.annotate(_value=expression).filter(_value__isnull=False)
    count = known.count()
    if not count:
        return 0, [None for _ in fractions]
    ordered = known.order_by("_value", "pk").values_list("_value", flat=True)
    return count, list(_interpolated(count, fractions, lambda low: list(ordered[low : low + 2])))


def histogram_percentiles(
    histogram: Mapping[dt.timedelta, int], fractions: Iterable[float]
) -> tuple[int, list[dt.timedelta | None]]:
    """``percentile_values``' answer from counts by value (the rollups' histograms): exact
    when the values are, off by at most how far a bucket's value is from its members."""
    ordered = sorted((value, n) for value, n in histogram.items() if n)
    count = sum(n for _value, n in ordered)
    if not count:
        return 0, [None for _ in fractions]

    def ranked(rank: int) -> dt.timedelta:
        for value, n in ordered:
            if rank < n:
                return value
            rank -= n
        raise IndexError(rank)

    def pair_at(low: int) -> list[dt.timedelta]:
        return [ranked(n) for n in range(low, min(low + 2, count))]

    return count, list(_interpolated(count, fractions, pair_at))


@dataclass(frozen=True)
class Spread:
    """How long a step took: how many measured, median and 90th percentile, in ``unit``."""

    count: int
    median: float | None
    p90: float | None
    unit: str


HOUR, DAY = dt.timedelta(hours=1), dt.timedelta(days=1)
FRACTIONS = (0.5, 0.9)


def spread(count: int, values: list[dt.timedelta | None], unit: dt.timedelta) -> Spread:
    """A spread from a count and the median and 90th percentile (``FRACTIONS``)."""
    median, p90 = values

    def scaled(value: dt.timedelta | None) -> float | None:
        return None if value is None else round(value / unit, 1)

    return Spread(count, scaled(median), scaled(p90), _("jam") if unit == HOUR else _("hari"))


def _spread(queryset: QuerySet, expression, unit: dt.timedelta) -> Spread:
    return spread(*percentile_values(queryset, expression, FRACTIONS), unit)


def incident_days(cases: QuerySet[Case]) -> QuerySet[Case]:
    """The cases with a known incident date, ``days`` annotated: from the incident to the
    report's day (whole days, WITA)."""
    return cases.annotate(
        reported_on=TruncDate("reported_at"), days=F("reported_on") - F("incident_date")
    ).filter(days__isnull=False)


def incident_to_report(figure_filter: FigureFilter) -> Spread:
    """Days from the incident to the report, for cases with a known incident date."""
    return _spread(incident_days(cases_in(figure_filter)), F("days"), DAY)


class Elapsed(Func):
    """``later - earlier`` of two moments, as a duration computed by the database. PostgreSQL
    subtracts timestamps natively; on SQLite Django would call a Python function per row, so
    the difference is taken in days with ``julianday`` and stored as microseconds (Django's
    SQLite duration)."""

    template = "(%(expressions)s)"
    arg_joiner = " - "
    output_field = DurationField()

    def as_sqlite(self, compiler, connection, **extra):
        template = "CAST(ROUND((julianday(%(expressions)s)) * 86400000000) AS INTEGER)"
        return self.as_sql(compiler, connection, template=template, arg_joiner=") - julianday(")


class CeilHours(Func):
    """A duration in hours, rounded up to a whole number (a wait of 0:30 is 1, of 1:00 is 1,
    of -0:30 is 0): the rollups' buckets of waits."""

    template = "CAST(CEIL(EXTRACT(EPOCH FROM %(expressions)s) / 3600) AS integer)"
    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        # Django's SQLite duration is integer microseconds; integer division truncates
        # toward zero, which rounds a negative up already.
        sql, params = compiler.compile(self.source_expressions[0])
        hour = 3_600_000_000
        text = f"(CASE WHEN {sql} > 0 THEN ({sql} + {hour - 1}) / {hour} ELSE {sql} / {hour} END)"
        return text, (*params, *params, *params)


def acknowledged_at() -> Coalesce:
    """When UPTD PPA first acted on a report — verified, closed at triage, or a case opened
    from it — the stop of the clocks app's acknowledgement clock (``reports_with_clock``)."""
    return Coalesce(F("verified_at"), F("closed_at"), F("case__opened_at"))


def reports_in(figure_filter: FigureFilter) -> QuerySet[Report]:
    """The reports of the area received in the period."""
    start, end = figure_filter.period.bounds()
    return Report.objects.filter(
        within(figure_filter.area_code, "rt__code"), received_at__gte=start, received_at__lt=end
    )


def report_to_acknowledgement(figure_filter: FigureFilter) -> Spread:
    """Hours from a report's arrival to its acknowledgement by UPTD PPA."""
    return _spread(reports_in(figure_filter), Elapsed(acknowledged_at(), "received_at"), HOUR)


def first_service_on() -> Subquery:
    services = CaseService.objects.filter(case=OuterRef("pk")).order_by("started_on", "pk")
    return Subquery(services.values("started_on")[:1])


def first_service_days(cases: QuerySet[Case]) -> QuerySet[Case]:
    """The cases with a service, ``days`` annotated: from the report's day (WITA) to the
    first service's."""
    return cases.annotate(
        reported_on=TruncDate("reported_at"),
        first_service=first_service_on(),
        days=F("first_service") - F("reported_on"),
    ).filter(days__isnull=False)


def report_to_first_service(figure_filter: FigureFilter) -> Spread:
    """Days from the report to the first service given, for cases with a service."""
    return _spread(first_service_days(cases_in(figure_filter)), F("days"), DAY)


# --- Service-time targets ---------------------------------------------------------------


def acknowledgement_targets() -> dict[bool, dt.timedelta]:
    """How long acknowledging a report may take, urgent (True) and other (False): the
    clocks app's targets (its defaults are DOMAIN.md's, the city administrator may change
    them). A target in (working) days is taken as whole calendar days: a database-side
    measure cannot skip holidays. At most two queries (cached by the clocks app)."""

    book = TargetBook()
    return {
        urgent: least_duration(*book.targets[(Step.REPORT_ACK, urgent)]) for urgent in (True, False)
    }


def _target_expression(targets: dict[bool, dt.timedelta]) -> When_:
    return When_(
        When(is_urgent=True, then=Value(targets[True])),
        default=Value(targets[False]),
        output_field=DurationField(),
    )


@dataclass(frozen=True)
class TargetShare:
    """Reports whose acknowledgement was due (done, or late by now) and how many were done in
    time."""

    due: int
    on_time: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.on_time / self.due, 1) if self.due else None


def acknowledged_within_target(
    figure_filter: FigureFilter, now: dt.datetime | None = None
) -> TargetShare:
    """The share of the period's reports acknowledged within their target. Two queries."""
    now = now or timezone.now()
    reports = reports_in(figure_filter).annotate(
        target=_target_expression(acknowledgement_targets()),
        delay=Elapsed(Coalesce(acknowledged_at(), Value(now)), "received_at"),
    )
    acknowledged = Q(verified_at__isnull=False) | Q(closed_at__isnull=False)
    acknowledged |= Q(case__isnull=False)
    result = reports.aggregate(
        due=Count("pk", filter=acknowledged | Q(delay__gt=F("target"))),
        on_time=Count("pk", filter=acknowledged & Q(delay__lte=F("target"))),
    )
    return TargetShare(**result)


def unacknowledged(reports: QuerySet[Report]) -> QuerySet[Report]:
    """The reports not yet acknowledged (``acknowledged_at`` unknown); the partial index
    ``report_unacknowledged`` finds them without reading the acknowledged ones."""
    return reports.filter(verified_at__isnull=True, closed_at__isnull=True, case__isnull=True)


def past_target(reports: QuerySet[Report], now: dt.datetime | None = None) -> int:
    """How many of ``reports`` have waited longer than their acknowledgement target by
    ``now``. At most two queries for the targets (cached), one count."""
    waiting = reports.annotate(
        target=_target_expression(acknowledgement_targets()),
        waited=Elapsed(Value(now or timezone.now()), "received_at"),
    )
    return waiting.filter(waited__gt=F("target")).count()


def overdue_now(area_code: str, now: dt.datetime | None = None) -> int:
    """Reports of the area still waiting for acknowledgement past their target, now (any
    period). Two queries."""
    untriaged = Report.objects.filter(within(area_code, "rt__code"), status=ReportStatus.RECEIVED)
    return past_target(unacknowledged(untriaged), now)


# --- How well -----------------------------------------------------------------------------
