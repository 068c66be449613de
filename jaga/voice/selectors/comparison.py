"""Side by side per area: how safe children say they feel beside the case and referral
figures and the FP2ATBM's reach of the same months (aggregates only, from the figures and
forum apps' selectors)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import Left

from jaga.areas.models import Area
from jaga.core.periods import Period, add_months, month_start
from jaga.figures.selectors import Dimension, FigureFilter, tally_by
from jaga.forum.figures import Reach, reach_summary
from jaga.referrals.models import Referral, ReferralStatus
from jaga.voice.models import Round
from jaga.voice.selectors.results import Breakdown, ResultFilter, feels_safe_by_area, results


@dataclass(frozen=True)
class Row:
    code: str
    name: str
    responses: str  # "<10" under the floor
    feels_safe: int | None
    cases: int
    referrals: int
    referrals_completed: int
    # Counts of whole audiences, never of persons: shown as they are, like the case and
    # referral counts (and as the same readers see them on the forum's reach page).
    sessions: int
    people: int


def round_period(survey_round: Round) -> Period:
    """The whole months the round runs in."""
    return Period(
        month_start(survey_round.opens_on), add_months(month_start(survey_round.closes_on), 1)
    )


def side_by_side(survey_round: Round, area: Area) -> list[Row]:
    """One row per area one level below ``area``. Nineteen queries."""
    period = round_period(survey_round)
    cases = {t.key: t.cases for t in tally_by(FigureFilter(area.code, period), Dimension.AREA)}
    width = {2: 8, 3: 13}.get(area.code.count(".") + 1, 13)
    start, end = period.bounds()
    referrals = (
        Referral.objects.filter(case__rt__code__startswith=area.code + ".")
        .filter(sent_at__gte=start, sent_at__lt=end)
        .values(key=Left("case__rt__code", width))
        .annotate(n=Count("pk"), done=Count("pk", filter=Q(status=ReferralStatus.COMPLETED)))
        .order_by()
    )
    sent = {row["key"]: (row["n"], row["done"]) for row in referrals}
    reach = {
        row.area.code: row.reach for row in reach_summary(area, period.last, since=period.start)[1]
    }
    safety = feels_safe_by_area(survey_round, area.code)
    # The same numbers of answers as the tables by area print (and hide), so that no table
    # gives away what another one hides.
    published = results(ResultFilter(survey_round, area.code), Breakdown.AREA)
    rows = []
    for child in area.children.order_by("code"):
        found = safety.get(child.code)
        printed = published.size_of(child.code)
        rows.append(
            Row(
                code=child.code,
                name=child.name,
                responses=printed,
                feels_safe=found.percent if found and printed.isdigit() else None,
                cases=cases.get(child.code, 0),
                referrals=sent.get(child.code, (0, 0))[0],
                referrals_completed=sent.get(child.code, (0, 0))[1],
                sessions=reach.get(child.code, Reach()).sessions,
                people=reach.get(child.code, Reach()).people,
            )
        )
    return rows
