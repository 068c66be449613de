"""The public statistics page's figures: city and kecamatan level, months already over only,
every count from 1 to 4 shown as "<5" and whatever would give one back hidden too. Only
counts and code-list labels: no free text of any record reaches this page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format

from jaga.areas.models import Area, AreaKind
from jaga.core import periods
from jaga.core.periods import Period
from jaga.core.suppression import PublicTable, suppress_one_way, suppress_two_way
from jaga.figures import selectors
from jaga.figures.selectors import Dimension, FigureFilter
from jaga.people.models import OrganisationKind

FIRST_YEAR = 2018  # the mayor's instruction on Seksi PPA


def _city(code: str | None) -> Area | None:
    cities = Area.objects.filter(kind=AreaKind.CITY)
    if code:
        return cities.filter(code=code).first()
    served = cities.filter(organisations__kind=OrganisationKind.DP3AKB).order_by("code")
    return served.first() or cities.order_by("code").first()


def _year(text: str | None, today: dt.date) -> int:
    last_past = periods.add_months(periods.current_month(today), -1).year
    try:
        year = int(text or last_past)
    except ValueError:
        year = last_past
    return min(max(year, FIRST_YEAR), last_past)


def _by_month(figure_filter: FigureFilter) -> PublicTable:
    trend = selectors.monthly_trend(figure_filter)
    return suppress_one_way(
        [date_format(point.month, "F") for point in trend], [point.cases for point in trend]
    )


def _by_kecamatan_and_sex(figure_filter: FigureFilter) -> PublicTable:
    grid = selectors.victims_by_area_and_sex(figure_filter)
    return suppress_two_way(
        [name for _code, name in grid.rows], [label for _code, label in grid.columns], grid.counts
    )


def _by_form(figure_filter: FigureFilter) -> PublicTable:
    rows = [r for r in selectors.tally_by(figure_filter, Dimension.VIOLENCE_FORM) if r.key]
    return suppress_one_way([r.label for r in rows], [r.victims for r in rows], with_total=False)


def public_statistics(
    city_code: str | None, year_text: str | None, today: dt.date | None = None
) -> dict[str, Any]:
    """The page's context: the city, the year, its past months and three suppressed tables
    (cases by month; victims by kecamatan and sex; victims by form of violence)."""
    today = today or timezone.localdate()
    city = _city(city_code)
    year = _year(year_text, today)
    period = Period.year(year).only_past(today)
    context: dict[str, Any] = {"city": city, "year": year, "period": period}
    context["years"] = list(range(_year(None, today), FIRST_YEAR - 1, -1))
    if city is None or period is None:
        return context
    figure_filter = FigureFilter(city.code, period)
    context.update(
        by_month=_by_month(figure_filter),
        by_kecamatan=_by_kecamatan_and_sex(figure_filter),
        by_form=_by_form(figure_filter),
    )
    return context
