"""Figures of case management for the dashboard (and the KLA indicators that reuse the
dashboard's figures): assessments within their target, cases with an approved plan, plan
goals met, monitoring done after closure (1, 3, 6 months), and the victims' own view at
closure — a count per answer, small counts suppressed. A fixed number of queries."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.utils import timezone

from jaga.casework.models import (
    Approval,
    ApprovalStatus,
    Closure,
    FollowUp,
    Goal,
    GoalOutcome,
    MonitoringPlan,
    Subject,
    ViewAnswer,
)
from jaga.clocks.models import Step
from jaga.clocks.selectors import TargetBook
from jaga.core.suppression import PublicTable, suppress_one_way
from jaga.figures.selectors import FigureFilter, Ratio, cases_in


@dataclass(frozen=True)
class CaseworkFigures:
    assessed_in_time: Ratio  # of the cases whose assessment was due by now
    approved_plan: Ratio  # of the period's cases
    goals_met: Ratio  # of the goals judged
    goals_partly: Ratio
    monitoring: list[tuple[int, Ratio]]  # months after closure -> done of those due
    feels_safe: PublicTable  # "do you feel safe now?", answers counted, small ones hidden
    help_helped: PublicTable


def _assessed_in_time(figure_filter: FigureFilter, now: dt.datetime) -> Ratio:
    book = TargetBook()
    rows = (
        cases_in(figure_filter)
        .annotate(first=Min("assessments__recorded_at"))
        .values_list("is_urgent", "opened_at", "first")
    )
    due = on_time = 0
    for urgent, opened, first in rows:
        target = book.due(Step.ASSESSMENT, urgent, opened)
        if first is None and target > now:
            continue  # not due yet
        due += 1
        on_time += first is not None and first <= target
    return Ratio(on_time, due)


def _approved_plan(figure_filter: FigureFilter) -> Ratio:
    approved = Approval.objects.filter(
        case=OuterRef("pk"), subject=Subject.PLAN, status=ApprovalStatus.APPROVED
    )
    counts = (
        cases_in(figure_filter)
        .annotate(approved=Exists(approved))
        .aggregate(whole=Count("pk"), part=Count("pk", filter=Q(approved=True)))
    )
    return Ratio(counts["part"], counts["whole"])


def _answers(closures, field: str) -> PublicTable:
    counted = dict(closures.values_list(field).annotate(n=Count("pk")).values_list(field, "n"))
    labels = [str(label) for label in ViewAnswer.labels]
    return suppress_one_way(labels, [counted.get(value, 0) for value in ViewAnswer.values])


def casework_figures(
    figure_filter: FigureFilter, now: dt.datetime | None = None
) -> CaseworkFigures:
    """Case management figures of the area's cases reported in the period."""
    now = now or timezone.now()
    cases = cases_in(figure_filter).values("pk")
    goals = Goal.objects.filter(case__in=cases).aggregate(
        judged=Count("pk", filter=~Q(outcome="")),
        met=Count("pk", filter=Q(outcome=GoalOutcome.MET)),
        partly=Count("pk", filter=Q(outcome=GoalOutcome.PARTLY)),
    )
    monitoring: dict[int, tuple[int, int]] = dict(
        (months, (due, done))
        for months, due, done in FollowUp.objects.filter(
            case__in=cases, months_after_closure__isnull=False, due_on__lt=timezone.localdate(now)
        )
        .values("months_after_closure")
        .annotate(due=Count("pk"), done=Count("pk", filter=Q(done_at__isnull=False)))
        .values_list("months_after_closure", "due", "done")
        if months is not None  # filtered out above; the type cannot know
    )
    closures = Closure.objects.filter(case__in=cases, view_consent=True).order_by()
    return CaseworkFigures(
        assessed_in_time=_assessed_in_time(figure_filter, now),
        approved_plan=_approved_plan(figure_filter),
        goals_met=Ratio(goals["met"], goals["judged"]),
        goals_partly=Ratio(goals["partly"], goals["judged"]),
        monitoring=[
            (m, Ratio(monitoring.get(m, (0, 0))[1], monitoring.get(m, (0, 0))[0]))
            # The city's months now, and any an earlier plan scheduled that still has data.
            for m in sorted(set(MonitoringPlan.current()) | set(monitoring))
        ],
        feels_safe=_answers(closures, "feels_safe"),
        help_helped=_answers(closures, "help_helped"),
    )
