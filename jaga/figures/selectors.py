"""Every figure about cases, in one place: dashboards, public statistics, the SIMFONI-PPA
export, and later the KLA indicators and the benchmark call these same functions.

All counting is done by the database (grouped and conditional aggregates, ORDER BY/OFFSET
for percentiles), never by looping over cases in Python, so a dashboard costs the same
handful of queries for ten cases or ten thousand.

A figure is asked for a ``FigureFilter``: an area code and a period. Functions trust that
the caller already passed the access policy for the area (views fetch it with
``policy.get_object``). A case belongs to the period in which it was reported (its report's
``received_at``, else the case's ``opened_at``; months in WITA) and to the area of its RT.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from django.apps import apps
from django.db.models import (
    Case as When_,
)
from django.db.models import (
    Count,
    DurationField,
    Exists,
    F,
    FilteredRelation,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Left, TruncDate, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jaga.access.paths import within
from jaga.areas.models import Area
from jaga.cases.models import (
    Case,
    CaseEvent,
    CasePerson,
    CaseService,
    CaseStatus,
    PersonKind,
)
from jaga.clocks.models import Step
from jaga.clocks.selectors import TargetBook
from jaga.clocks.timing import least_duration
from jaga.codes.models import Code, CodeList
from jaga.core.periods import Period
from jaga.referrals.models import Referral, ReferralStatus
from jaga.reports.models import Channel, Report, ReportStatus

UNKNOWN = ""  # the key of "not recorded" rows


@dataclass(frozen=True)
class FigureFilter:
    """What a figure is about: the cases of an area (code, RT prefix) in a period."""

    area_code: str
    period: Period

    def a_year_earlier(self) -> FigureFilter:
        return replace(self, period=self.period.a_year_earlier())


# --- The cases a figure counts -----------------------------------------------------------


def cases_in(figure_filter: FigureFilter) -> QuerySet[Case]:
    """The cases of the area reported in the period (``Case.reported_at``, annotated as
    ``reported``)."""
    start, end = figure_filter.period.bounds()
    return (
        Case.objects.annotate(reported=F("reported_at"))
        .filter(within(figure_filter.area_code, "rt__code"))
        .filter(reported__gte=start, reported__lt=end)
    )


def _with_people(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Separate joins to a case's victims and to its alleged perpetrators."""
    return cases.annotate(
        victim=FilteredRelation("people", condition=Q(people__kind=PersonKind.VICTIM)),
        perpetrator=FilteredRelation("people", condition=Q(people__kind=PersonKind.PERPETRATOR)),
    )


# --- Counts by category -----------------------------------------------------------------


class Dimension(StrEnum):
    """What cases and victims can be counted by (the value is the URL's name for it)."""

    VIOLENCE_FORM = "bentuk"
    AGE_GROUP = "umur"
    SEX = "kelamin"
    PLACE = "tempat"
    RELATIONSHIP = "hubungan"
    AREA = "wilayah"
    CHANNEL = "saluran"


DIMENSION_TITLES = {
    Dimension.VIOLENCE_FORM: gettext_lazy("Bentuk kekerasan"),
    Dimension.AGE_GROUP: gettext_lazy("Kelompok umur korban"),
    Dimension.SEX: gettext_lazy("Jenis kelamin korban"),
    Dimension.PLACE: gettext_lazy("Tempat kejadian"),
    Dimension.RELATIONSHIP: gettext_lazy("Hubungan pelaku dengan korban"),
    Dimension.AREA: gettext_lazy("Wilayah"),
    Dimension.CHANNEL: gettext_lazy("Saluran laporan"),
}

# The code list behind each coded dimension, and the ORM path of its code on a case.
CODED = {
    Dimension.VIOLENCE_FORM: (CodeList.VIOLENCE_FORM, "violence_forms__code"),
    Dimension.AGE_GROUP: (CodeList.AGE_GROUP, "victim__age_group__code"),
    Dimension.SEX: (CodeList.SEX, "victim__sex__code"),
    Dimension.PLACE: (CodeList.PLACE, "place__code"),
    Dimension.RELATIONSHIP: (CodeList.RELATIONSHIP, "perpetrator__relationship__code"),
}


@dataclass(frozen=True)
class Tally:
    """One row of a breakdown. A case with two forms of violence (or two victims of two age
    groups) counts in both rows: rows of such dimensions do not add up to the total."""

    key: str
    label: str
    cases: int
    victims: int


@dataclass(frozen=True)
class Totals:
    cases: int
    victims: int
    perpetrators: int


def child_code_length(area_code: str) -> int:
    """How long the code of an area one level below ``area_code`` is (Kemendagri codes are
    fixed width: 64 / 64.71 / 64.71.01 / 64.71.01.1001; an RT adds .NNN)."""
    return {1: 5, 2: 8, 3: 13, 4: 17}.get(area_code.count(".") + 1, len(area_code))


def _key_expression(dimension: Dimension, area_code: str):
    if dimension == Dimension.AREA:
        return Left("rt__code", child_code_length(area_code))
    if dimension == Dimension.CHANNEL:
        return F("report__channel")
    return F(CODED[dimension][1])


def _counts(cases: QuerySet[Case], key) -> dict[str, tuple[int, int]]:
    rows = (
        _with_people(cases)
        .values(key=key)
        .annotate(n_cases=Count("pk", distinct=True), n_victims=Count("victim", distinct=True))
        .order_by()
    )
    return {row["key"] or UNKNOWN: (row["n_cases"], row["n_victims"]) for row in rows}


def _labels(dimension: Dimension, area_code: str) -> list[tuple[str, str]]:
    """Every category of the dimension, in reference order (one query at most)."""
    if dimension == Dimension.CHANNEL:
        return [(str(value), str(label)) for value, label in Channel.choices]
    if dimension == Dimension.AREA:
        children = Area.objects.filter(parent__code=area_code).order_by("code")
        return [(code, name) for code, name in children.values_list("code", "name")]
    codes = Code.objects.of(CODED[dimension][0]).order_by("position")
    return [(code.code, str(code)) for code in codes]


def tally_by(figure_filter: FigureFilter, dimension: Dimension) -> list[Tally]:
    """Cases and victims of the filter by one dimension: every category (zeros too) in
    reference order, then "not recorded" when some have none. Two queries."""
    counts = _counts(cases_in(figure_filter), _key_expression(dimension, figure_filter.area_code))
    rows = [
        Tally(key, label, *counts.pop(key, (0, 0)))
        for key, label in _labels(dimension, figure_filter.area_code)
    ]
    missing = counts.pop(UNKNOWN, None)
    if missing:
        rows.append(Tally(UNKNOWN, _("Tidak tercatat"), *missing))
    # Codes outside the reference list (should not happen) are kept, not dropped silently.
    rows += [Tally(key, key, *value) for key, value in sorted(counts.items())]
    return rows


def totals(figure_filter: FigureFilter) -> Totals:
    """How many cases, victims and alleged perpetrators the filter holds. One query."""
    result = _with_people(cases_in(figure_filter)).aggregate(
        cases=Count("pk", distinct=True),
        victims=Count("victim", distinct=True),
        perpetrators=Count("perpetrator", distinct=True),
    )
    return Totals(**result)


@dataclass(frozen=True)
class ServiceTally:
    key: str
    label: str
    services: int
    cases: int


def services_by_type(figure_filter: FigureFilter) -> list[ServiceTally]:
    """Services started in the period for cases of the area, by SIMFONI-PPA service. Two
    queries."""
    period = figure_filter.period
    rows = (
        CaseService.objects.filter(within(figure_filter.area_code, "case__rt__code"))
        .filter(started_on__gte=period.start, started_on__lt=period.end)
        .values("service__code")
        .annotate(n=Count("pk"), n_cases=Count("case", distinct=True))
        .order_by()
    )
    counts = {row["service__code"]: (row["n"], row["n_cases"]) for row in rows}
    return [
        ServiceTally(code.code, str(code), *counts.get(code.code, (0, 0)))
        for code in Code.objects.of(CodeList.SERVICE).order_by("position")
    ]


# --- Percentiles ----------------------------------------------------------------------------


def percentile_values(
    queryset: QuerySet, expression, fractions: Iterable[float]
) -> tuple[int, list[dt.timedelta | None]]:
    """Percentiles of ``expression`` (a duration) over the rows where it is known, picked by
    the database: a count, then for each fraction the two rows around its rank (ORDER BY,
    OFFSET) and a linear interpolation between them — the definition of PostgreSQL's
    ``percentile_cont``, computed the same way on SQLite and PostgreSQL. 1 + len(fractions)
    queries. Returns how many rows were known and the values (None when there are none)."""
    known = queryset.annotate(_value=expression).filter(_value__isnull=False)
    count = known.count()
    if not count:
        return 0, [None for _ in fractions]
    ordered = known.order_by("_value", "pk").values_list("_value", flat=True)
    results = []
    for fraction in fractions:
        rank = fraction * (count - 1)
        low = int(rank)
        pair = list(ordered[low : low + 2])
        upper = pair[1] if len(pair) > 1 else pair[0]
        results.append(pair[0] + (upper - pair[0]) * (rank - low))
    return count, results


@dataclass(frozen=True)
class Spread:
    """How long a step took: how many measured, median and 90th percentile, in ``unit``."""

    count: int
    median: float | None
    p90: float | None
    unit: str


HOUR, DAY = dt.timedelta(hours=1), dt.timedelta(days=1)


def _spread(queryset: QuerySet, expression, unit: dt.timedelta) -> Spread:
    count, (median, p90) = percentile_values(queryset, expression, (0.5, 0.9))

    def scaled(value: dt.timedelta | None) -> float | None:
        return None if value is None else round(value / unit, 1)

    return Spread(count, scaled(median), scaled(p90), _("jam") if unit == HOUR else _("hari"))


def incident_to_report(figure_filter: FigureFilter) -> Spread:
    """Days from the incident to the report, for cases with a known incident date."""
    cases = cases_in(figure_filter).annotate(reported_on=TruncDate("reported"))
    return _spread(cases, F("reported_on") - F("incident_date"), DAY)


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


def report_to_first_service(figure_filter: FigureFilter) -> Spread:
    """Days from the report to the first service given, for cases with a service."""
    cases = cases_in(figure_filter).annotate(
        reported_on=TruncDate("reported"), first_service=first_service_on()
    )
    return _spread(cases, F("first_service") - F("reported_on"), DAY)


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


def overdue_now(area_code: str, now: dt.datetime | None = None) -> int:
    """Reports of the area still waiting for acknowledgement past their target, now (any
    period). Two queries."""
    now = now or timezone.now()
    waiting = Report.objects.filter(
        within(area_code, "rt__code"),
        status=ReportStatus.RECEIVED,
        verified_at__isnull=True,
        closed_at__isnull=True,
        case__isnull=True,
    ).annotate(
        target=_target_expression(acknowledgement_targets()),
        waited=Elapsed(Value(now), "received_at"),
    )
    return waiting.filter(waited__gt=F("target")).count()


# --- How well -----------------------------------------------------------------------------


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


# --- A whole dashboard --------------------------------------------------------------------


@dataclass(frozen=True)
class Dashboard:
    """Every figure of one dashboard, read with a fixed number of queries."""

    figure_filter: FigureFilter
    totals: Totals
    totals_year_before: Totals
    tallies: dict[Dimension, list[Tally]]
    services: list[ServiceTally]
    incident_to_report: Spread
    report_to_acknowledgement: Spread
    report_to_first_service: Spread
    within_target: TargetShare
    overdue_now: int
    quality: Quality
    trend: list[MonthPoint]


def dashboard(figure_filter: FigureFilter, now: dt.datetime | None = None) -> Dashboard:
    """All figures for the area and period (about 30 queries, however many cases)."""
    return Dashboard(
        figure_filter=figure_filter,
        totals=totals(figure_filter),
        totals_year_before=totals(figure_filter.a_year_earlier()),
        tallies={dimension: tally_by(figure_filter, dimension) for dimension in Dimension},
        services=services_by_type(figure_filter),
        incident_to_report=incident_to_report(figure_filter),
        report_to_acknowledgement=report_to_acknowledgement(figure_filter),
        report_to_first_service=report_to_first_service(figure_filter),
        within_target=acknowledged_within_target(figure_filter, now),
        overdue_now=overdue_now(figure_filter.area_code, now),
        quality=quality(figure_filter),
        trend=monthly_trend(figure_filter),
    )


# --- Public statistics ----------------------------------------------------------------------


@dataclass(frozen=True)
class Grid:
    """Counts by two categories: ``counts[row][column]``, every row and column listed."""

    rows: list[tuple[str, str]]
    columns: list[tuple[str, str]]
    counts: list[list[int]]


def victims_by_area_and_sex(figure_filter: FigureFilter) -> Grid:
    """Victims of the filter by the area one level down and by sex (every victim has exactly
    one of each, so the grid adds up to the victim total). Three queries."""
    length = child_code_length(figure_filter.area_code)
    rows = (
        CasePerson.objects.filter(
            kind=PersonKind.VICTIM, case__in=cases_in(figure_filter).values("pk")
        )
        .values(area=Left("case__rt__code", length), sex_code=F("sex__code"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {(row["area"], row["sex_code"]): row["n"] for row in rows}
    areas = _labels(Dimension.AREA, figure_filter.area_code)
    sexes = _labels(Dimension.SEX, figure_filter.area_code)
    return Grid(
        areas,
        sexes,
        [[counts.get((area, sex), 0) for sex, _label in sexes] for area, _name in areas],
    )
