"""Every figure about cases, in one place: dashboards, public statistics, the SIMFONI-PPA
export, and later the KLA indicators and the benchmark call these same functions.

All counting is done by the database (grouped and conditional aggregates, ORDER BY/OFFSET
for percentiles), never by looping over cases in Python, so a dashboard costs the same
handful of queries for ten cases or ten thousand.

A figure is asked for a ``FigureFilter``: an area code and a period. Functions trust that
the caller already passed the access policy for the area (views fetch it with
``policy.get_object``). The counts come from the rollups (``rolled``, kept by
``jaga.figures.rollups``); ``counts`` and ``dashboard`` keep the direct queries they are
checked against. A case belongs to the period in which it was reported (its report's
``received_at``, else the case's ``opened_at``; months in WITA) and to the area of its RT.
"""

from jaga.figures.selectors.counts import (
    CODED,
    DIMENSION_TITLES,
    UNKNOWN,
    Dimension,
    FigureFilter,
    Grid,
    ServiceTally,
    Tally,
    Totals,
    cases_in,
    child_code_length,
    services_by_type,
)
from jaga.figures.selectors.handling import (
    MonthPoint,
    Quality,
    Ratio,
)
from jaga.figures.selectors.rolled import (
    Dashboard,
    dashboard,
    monthly_trend,
    quality,
    referrals_completed,
    tally_by,
    totals,
    victims_by_area_and_sex,
)
from jaga.figures.selectors.timing import (
    Elapsed,
    Spread,
    TargetShare,
    acknowledged_at,
    acknowledged_within_target,
    acknowledgement_targets,
    first_service_on,
    incident_to_report,
    overdue_now,
    percentile_values,
    report_to_acknowledgement,
    report_to_first_service,
    reports_in,
)

__all__ = [
    "CODED",
    "DIMENSION_TITLES",
    "Dashboard",
    "Dimension",
    "Elapsed",
    "FigureFilter",
    "Grid",
    "MonthPoint",
    "Quality",
    "Ratio",
    "ServiceTally",
    "Spread",
    "Tally",
    "TargetShare",
    "Totals",
    "UNKNOWN",
    "acknowledged_at",
    "acknowledged_within_target",
    "acknowledgement_targets",
    "cases_in",
    "child_code_length",
    "dashboard",
    "first_service_on",
    "incident_to_report",
    "monthly_trend",
    "overdue_now",
    "percentile_values",
    "quality",
    "referrals_completed",
    "report_to_acknowledgement",
    "report_to_first_service",
    "reports_in",
    "services_by_type",
    "tally_by",
    "totals",
    "victims_by_area_and_sex",
]
