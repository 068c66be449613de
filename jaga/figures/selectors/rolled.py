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

from jaga.core.periods import Period
from jaga.figures import rollups
from jaga.figures.measures import QUALITY, REFERRAL, TOTAL, cases_measure, victims_measure
from jaga.figures.models import FigureCell
from jaga.figures.selectors.counts import (
    Dimension,
    FigureFilter,
    Grid,
    ServiceTally,
    Tally,
    Totals,
    labels,
    services_by_type,
    tally_rows,
)
from jaga.figures.selectors.handling import MonthPoint, Quality, Ratio
from jaga.figures.selectors.timing import (
    Spread,
    TargetShare,
    acknowledged_within_target,
    incident_to_report,
    overdue_now,
    report_to_acknowledgement,
    report_to_first_service,
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
    cells recounted once first); services and durations still from the cases."""
    rollups.refresh(figure_filter.area_code)
    cells = _cells(figure_filter, year_before=True)
    code, period = figure_filter.area_code, figure_filter.period
    return Dashboard(
        figure_filter=figure_filter,
        totals=cells.totals(code, period),
        totals_year_before=cells.totals(code, period.a_year_earlier()),
        tallies={dimension: _tally_by(figure_filter, dimension, cells) for dimension in Dimension},
        services=services_by_type(figure_filter),
        incident_to_report=incident_to_report(figure_filter),
        report_to_acknowledgement=report_to_acknowledgement(figure_filter),
        report_to_first_service=report_to_first_service(figure_filter),
        within_target=acknowledged_within_target(figure_filter, now),
        overdue_now=overdue_now(figure_filter.area_code, now),
        quality=_quality(figure_filter, cells),
        trend=_monthly_trend(figure_filter, cells),
    )
