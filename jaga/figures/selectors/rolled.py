"""The case counts read from the rollups (``jaga.figures.rollups``): the same answers as the
direct queries of ``counts`` and ``dashboard`` (the tests compare them), from a handful of
pre-counted rows, so a figure costs the same at a million cases as at a thousand. Each
function first recounts the cells of its area that changes have marked, so a person sees
their own change at once."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.core.periods import Period
from jaga.figures import rollups
from jaga.figures.measures import (
    ACKNOWLEDGED_OTHER,
    ACKNOWLEDGED_URGENT,
    FIRST_SERVICE_DAYS,
    HOURLY_UNTIL,
    INCIDENT_DAYS,
    QUALITY,
    REFERRAL,
    SERVICES,
    TOTAL,
    bucket_hours,
    cases_measure,
    served_measure,
    served_months,
    services_measure,
    victims_measure,
)
from jaga.figures.models import FigureCell
from jaga.figures.selectors.counts import (
    Dimension,
    FigureFilter,
    Grid,
    ServiceTally,
    Tally,
    Totals,
    labels,
    service_rows,
    tally_rows,
)
from jaga.figures.selectors.handling import MonthPoint, Quality, Ratio
from jaga.figures.selectors.timing import (
    DAY,
    FRACTIONS,
    HOUR,
    Spread,
    TargetShare,
    acknowledgement_targets,
    histogram_percentiles,
    overdue_now,
    past_target,
    reports_in,
    spread,
    unacknowledged,
)


class Cells:
    """The stored cells of some areas over some months, read in one query; each figure below
    sums the ones it needs."""

    def __init__(self, area_codes: list[str], start: dt.date, end: dt.date) -> None:
        rows = FigureCell.objects.filter(
            area_code__in=area_codes, month__gte=start, month__lt=end
        ).values_list("area_code", "month", "measure", "key", "value")
        self.values: dict[tuple[str, dt.date, str, str], int] = defaultdict(int)
        for code, month, measure, key, value in rows:
            self.values[(code, month, measure, key)] += value

    def sums(self, code: str, period: Period, measures: list[str]) -> dict[tuple[str, str], int]:
        """(measure, key) -> the sum over the period's months."""
        sums: dict[tuple[str, str], int] = defaultdict(int)
        for (area, month, measure, key), value in self.values.items():
            if area == code and period.start <= month < period.end and measure in measures:
                sums[(measure, key)] += value
        return sums

    def totals(self, code: str, period: Period) -> Totals:
        got = self.sums(code, period, [TOTAL])
        return Totals(got[(TOTAL, "cases")], got[(TOTAL, "victims")], got[(TOTAL, "perpetrators")])

    def keyed(self, code: str, period: Period, dimension: Dimension) -> dict[str, tuple[int, int]]:
        """Cases and victims by the dimension's key (keys with neither left out)."""
        measures = [cases_measure(dimension), victims_measure(dimension)]
        keyed: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for (measure, key), value in self.sums(code, period, measures).items():
            keyed[key][measures.index(measure)] += value
        return {key: (c, v) for key, (c, v) in keyed.items() if c or v}

    def keyed_area(self, code: str, period: Period) -> dict[str, tuple[int, int]]:
        got = self.totals(code, period)
        return {code: (got.cases, got.victims)} if got.cases or got.victims else {}


def _cells(figure_filter: FigureFilter, *, year_before: bool = False) -> Cells:
    period = figure_filter.period
    start = period.a_year_earlier().start if year_before else period.start
    return Cells([figure_filter.area_code], start, period.end)


def _children(figure_filter: FigureFilter) -> tuple[list[tuple[str, str]], Cells]:
    """The areas one level down (code, name) and their cells of the period. Two queries."""
    children = labels(Dimension.AREA, figure_filter.area_code)
    period = figure_filter.period
    return children, Cells([code for code, _name in children], period.start, period.end)


def totals(figure_filter: FigureFilter) -> Totals:
    """How many cases, victims and alleged perpetrators the filter holds."""
    rollups.refresh(figure_filter.area_code)
    return _cells(figure_filter).totals(figure_filter.area_code, figure_filter.period)


def _tally_by(figure_filter: FigureFilter, dimension: Dimension, cells: Cells) -> list[Tally]:
    code, period = figure_filter.area_code, figure_filter.period
    if dimension == Dimension.AREA:
        children, below = _children(figure_filter)
        # An RT has no areas below: the direct query then counts it as its own row.
        counts = {} if children else dict(cells.keyed_area(code, period))
        for child, _name in children:
            child_totals = below.totals(child, period)
            counts[child] = (child_totals.cases, child_totals.victims)
        return tally_rows(dimension, code, counts)
    return tally_rows(dimension, code, cells.keyed(code, period, dimension))


def tally_by(figure_filter: FigureFilter, dimension: Dimension) -> list[Tally]:
    """Cases and victims of the filter by one dimension (``counts.tally_by``'s rows)."""
    rollups.refresh(figure_filter.area_code)
    return _tally_by(figure_filter, dimension, _cells(figure_filter))


def _referrals_completed(figure_filter: FigureFilter, cells: Cells) -> Ratio | None:
    if not apps.is_installed("jaga.referrals"):
        return None
    got = cells.sums(figure_filter.area_code, figure_filter.period, [REFERRAL])
    return Ratio(got[(REFERRAL, "part")], got[(REFERRAL, "whole")])


def referrals_completed(figure_filter: FigureFilter) -> Ratio | None:
    """Referrals made for the period's cases that were completed, of all made."""
    rollups.refresh(figure_filter.area_code)
    return _referrals_completed(figure_filter, _cells(figure_filter))


def _quality(figure_filter: FigureFilter, cells: Cells) -> Quality:
    got = cells.sums(figure_filter.area_code, figure_filter.period, [QUALITY])

    def n(key: str) -> int:
        return got[(QUALITY, key)]

    return Quality(
        closed_with_services=Ratio(n("closed_served"), n("closed")),
        reopened=Ratio(n("reopened"), n("all")),
        monitored_after_handling=Ratio(n("monitored"), n("closed")),
        referrals_completed=_referrals_completed(figure_filter, cells),
    )


def quality(figure_filter: FigureFilter) -> Quality:
    """How well the period's cases were handled (``handling.quality``'s ratios)."""
    rollups.refresh(figure_filter.area_code)
    return _quality(figure_filter, _cells(figure_filter))


def _monthly_trend(figure_filter: FigureFilter, cells: Cells) -> list[MonthPoint]:
    code = figure_filter.area_code

    def get(month: dt.date, key: str) -> int:
        return cells.values[(code, month, TOTAL, key)]

    def before(month: dt.date, key: str) -> int:
        return get(month.replace(year=month.year - 1), key)

    return [
        MonthPoint(
            month,
            get(month, "cases"),
            get(month, "victims"),
            before(month, "cases"),
            before(month, "victims"),
        )
        for month in figure_filter.period.month_list()
    ]


def monthly_trend(figure_filter: FigureFilter) -> list[MonthPoint]:
    """Cases and victims per month of the period, beside the same month a year earlier."""
    rollups.refresh(figure_filter.area_code)
    return _monthly_trend(figure_filter, _cells(figure_filter, year_before=True))


def victims_by_area_and_sex(figure_filter: FigureFilter) -> Grid:
    """Victims of the filter by the area one level down and by sex."""
    rollups.refresh(figure_filter.area_code)
    areas, below = _children(figure_filter)
    sexes = labels(Dimension.SEX, figure_filter.area_code)
    measure = victims_measure(Dimension.SEX)
    grid = []
    for area, _name in areas:
        got = below.sums(area, figure_filter.period, [measure])
        grid.append([got[(measure, sex)] for sex, _label in sexes])
    return Grid(areas, sexes, grid)


def services_by_type(figure_filter: FigureFilter) -> list[ServiceTally]:
    """Services started in the period for cases of the area, by SIMFONI-PPA service
    (``counts.services_by_type``'s rows). The cells of any case month are read: a service
    may start long after its case was reported. Two queries."""
    rollups.refresh(figure_filter.area_code)
    return _services_by_type(figure_filter)


def _services_by_type(figure_filter: FigureFilter) -> list[ServiceTally]:
    start, end = figure_filter.period.start, figure_filter.period.end
    rows = FigureCell.objects.filter(area_code=figure_filter.area_code).filter(
        Q(measure__gte=services_measure(start), measure__lt=services_measure(end))
        | Q(measure__gte=served_measure(start), measure__lt=served_measure(end))
    )
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    first = f"{start:%Y%m}"
    for measure, key, value in rows.values_list("measure", "key", "value"):
        if measure.startswith(SERVICES):
            counts[key][0] += value
        else:
            _month, before = served_months(measure)
            # A case counts in its first month of the period: none before it, or one
            # before the period.
            if before is None or before < first:
                counts[key][1] += value
    return service_rows({key: (n, cases) for key, (n, cases) in counts.items()})


def _within_target(figure_filter: FigureFilter, cells: Cells, now: dt.datetime) -> TargetShare:
    targets = acknowledgement_targets()
    got = cells.sums(
        figure_filter.area_code, figure_filter.period, [ACKNOWLEDGED_URGENT, ACKNOWLEDGED_OTHER]
    )
    on_time = sum(
        value
        for (measure, key), value in got.items()
        if int(key) * HOUR <= targets[measure == ACKNOWLEDGED_URGENT]
    )
    # Whether a report not yet acknowledged is late depends on the moment asked: those are
    # counted from the reports (few, and found through the index of the unacknowledged).
    late = past_target(unacknowledged(reports_in(figure_filter)), now)
    return TargetShare(due=sum(got.values()) + late, on_time=on_time)


def acknowledged_within_target(
    figure_filter: FigureFilter, now: dt.datetime | None = None
) -> TargetShare:
    """The share of the period's reports acknowledged within their target
    (``timing.acknowledged_within_target``): the acknowledged ones by their wait in the
    rollups, exact for targets of whole hours (up to ``HOURLY_UNTIL``) or days; the waiting
    ones counted directly. At most four queries."""
    rollups.refresh(figure_filter.area_code)
    return _within_target(figure_filter, _cells(figure_filter), now or timezone.now())


# --- Durations, from histograms -------------------------------------------------------------


def resolution_note() -> str:
    """What the page says of the durations' precision."""
    return _(
        "Median dan persentil ke-90 dihitung dengan ketelitian satu jam untuk waktu tanggap "
        "sampai %(days)s hari (lebih lama dari itu: satu hari); selang dalam hari dihitung "
        "tepat per hari."
    ) % {"days": HOURLY_UNTIL // 24}


def _days(cells: Cells, figure_filter: FigureFilter, measure: str) -> Spread:
    got = cells.sums(figure_filter.area_code, figure_filter.period, [measure])
    histogram = {int(key) * DAY: n for (_measure, key), n in got.items()}
    return spread(*histogram_percentiles(histogram, FRACTIONS), DAY)


def _acknowledgement(cells: Cells, figure_filter: FigureFilter) -> Spread:
    measures = [ACKNOWLEDGED_URGENT, ACKNOWLEDGED_OTHER]
    histogram: dict[dt.timedelta, int] = defaultdict(int)
    for (_measure, key), n in cells.sums(
        figure_filter.area_code, figure_filter.period, measures
    ).items():
        histogram[bucket_hours(int(key)) * HOUR] += n
    return spread(*histogram_percentiles(histogram, FRACTIONS), HOUR)


def incident_to_report(figure_filter: FigureFilter) -> Spread:
    """Days from the incident to the report (``timing.incident_to_report``, exactly)."""
    rollups.refresh(figure_filter.area_code)
    return _days(_cells(figure_filter), figure_filter, INCIDENT_DAYS)


def report_to_first_service(figure_filter: FigureFilter) -> Spread:
    """Days from the report to the first service (``timing.report_to_first_service``,
    exactly)."""
    rollups.refresh(figure_filter.area_code)
    return _days(_cells(figure_filter), figure_filter, FIRST_SERVICE_DAYS)


def report_to_acknowledgement(figure_filter: FigureFilter) -> Spread:
    """Hours from a report's arrival to its acknowledgement
    (``timing.report_to_acknowledgement``): the count exact, median and 90th percentile
    within half an hour when they are under ``HOURLY_UNTIL`` hours, within half a day
    above."""
    rollups.refresh(figure_filter.area_code)
    return _acknowledgement(_cells(figure_filter), figure_filter)


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
    """All figures for the area and period: the counts from the rollups (the area's marked
    cells recounted once first); only the reports waiting now are counted directly."""
    rollups.refresh(figure_filter.area_code)
    cells = _cells(figure_filter, year_before=True)
    code, period = figure_filter.area_code, figure_filter.period
    return Dashboard(
        figure_filter=figure_filter,
        totals=cells.totals(code, period),
        totals_year_before=cells.totals(code, period.a_year_earlier()),
        tallies={dimension: _tally_by(figure_filter, dimension, cells) for dimension in Dimension},
        services=_services_by_type(figure_filter),
        incident_to_report=_days(cells, figure_filter, INCIDENT_DAYS),
        report_to_acknowledgement=_acknowledgement(cells, figure_filter),
        report_to_first_service=_days(cells, figure_filter, FIRST_SERVICE_DAYS),
        within_target=_within_target(figure_filter, cells, now or timezone.now()),
        overdue_now=overdue_now(figure_filter.area_code, now),
        quality=_quality(figure_filter, cells),
        trend=_monthly_trend(figure_filter, cells),
    )
