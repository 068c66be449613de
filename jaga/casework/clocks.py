"""The clocks of case management, added to the overdue queue and the escalation job of
``jaga.clocks`` (a layer below, which may not import casework): a plan review and a
follow-up are due at the end of their day (WITA), a head's decision within its service-time
target."""

import datetime
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.access.policy import holds, visible
from jaga.access.users import User
from jaga.cases.models import Case, CaseStatus
from jaga.casework.models import Approval, ApprovalStatus, FollowUp, PlanReview
from jaga.clocks.models import Step
from jaga.clocks.selectors import OverdueItem, TargetBook, add_queue_source, overdue_item
from jaga.clocks.services import Overdue, add_escalation_source, case_chain
from jaga.clocks.timing import Clock, make_clock


def end_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59)))


def dated_clock(
    step: str,
    *,
    started_at: datetime.datetime,
    due_on: datetime.date,
    done_at: datetime.datetime | None,
    now: datetime.datetime | None = None,
) -> Clock:
    """A step due on a date the team set (a review, a follow-up): the end of that day."""
    return make_clock(
        step=step,
        started_at=min(started_at, end_of_day(due_on) - datetime.timedelta(hours=1)),
        due=end_of_day(due_on),
        done_at=done_at,
        now=now or timezone.now(),
    )


def approval_clock(
    approval: Approval, book: TargetBook, now: datetime.datetime | None = None
) -> Clock:
    return book.clock(
        Step.APPROVAL,
        urgent=approval.case.is_urgent,
        started_at=approval.requested_at,
        done_at=approval.decided_at,
        now=now,
    )


def review_clock(review: PlanReview, now: datetime.datetime | None = None) -> Clock:
    return dated_clock(
        Step.PLAN_REVIEW,
        started_at=review.scheduled_at,
        due_on=review.due_on,
        done_at=review.done_at,
        now=now,
    )


def overdue_approvals(
    cases: QuerySet[Case], book: TargetBook, now: datetime.datetime
) -> Iterator[tuple[Approval, Clock]]:
    """Pending requests of ``cases`` whose decision is overdue."""
    pending = (
        Approval.objects.filter(status=ApprovalStatus.PENDING, case__in=cases)
        .filter(requested_at__lte=now - book.shortest(Step.APPROVAL))
        .select_related("case__rt__parent", "case__manager")
    )
    for approval in pending:
        clock = approval_clock(approval, book, now)
        if clock.is_overdue:
            yield approval, clock


def overdue_reviews(
    cases: QuerySet[Case], now: datetime.datetime
) -> Iterator[tuple[PlanReview, Clock]]:
    """Plan reviews of open ``cases`` past their day."""
    reviews = (
        PlanReview.objects.filter(done_at__isnull=True, case__in=cases)
        .exclude(case__status=CaseStatus.CLOSED)
        .filter(due_on__lt=timezone.localdate(now))
        .select_related("case__rt__parent", "case__manager")
    )
    for review in reviews:
        yield review, review_clock(review, now)


def follow_up_clock(follow_up: FollowUp, now: datetime.datetime | None = None) -> Clock:
    return dated_clock(
        Step.FOLLOW_UP,
        started_at=follow_up.scheduled_at,
        due_on=follow_up.due_on,
        done_at=follow_up.done_at,
        now=now,
    )


def overdue_follow_ups(
    cases: QuerySet[Case], now: datetime.datetime
) -> Iterator[tuple[FollowUp, Clock]]:
    """Follow-ups past their day, during service and after closure alike."""
    missed = (
        FollowUp.objects.filter(done_at__isnull=True, case__in=cases)
        .filter(due_on__lt=timezone.localdate(now))
        .select_related("case__rt__parent", "case__manager")
    )
    for follow_up in missed:
        yield follow_up, follow_up_clock(follow_up, now)


def _steps(
    cases: QuerySet[Case], book: TargetBook, now: datetime.datetime
) -> Iterator[tuple[Any, Clock, str, Callable[[], list[Any]]]]:
    """Every overdue step of ``cases``: the record, its clock, who must act (as shown) and
    who is told first."""
    head = str(_("Kepala UPTD PPA"))
    for approval, clock in overdue_approvals(cases, book, now):
        yield approval, clock, head, partial(case_chain, approval.case, 2)
    for record, clock in [*overdue_reviews(cases, now), *overdue_follow_ups(cases, now)]:
        manager = record.case.manager
        yield record, clock, str(manager), partial(list, [manager])


@add_queue_source
def _queue_items(user: User, book: TargetBook, now: datetime.datetime) -> Iterator[OverdueItem]:
    openable = holds(user, "cases.view")
    uptd = str(_("UPTD PPA"))
    for record, clock, who, _first in _steps(
        visible(user, "clocks.queue", Case.objects.all()), book, now
    ):
        case = record.case
        link = reverse("cases:detail", args=[case.pk])
        yield overdue_item(clock, "case", record, case.rt, who, uptd, case.number, link, openable)


@add_escalation_source
def _escalation_items(book: TargetBook, now: datetime.datetime) -> Iterator[Overdue]:
    for record, clock, _who, first in _steps(Case.objects.all(), book, now):
        case = record.case
        link = reverse("cases:detail", args=[case.pk])
        yield Overdue(
            clock.step,
            record.pk,
            clock,
            case.number,
            case.rt.code,
            link,
            case.is_urgent,
            first,
            higher=partial(case_chain, case),
        )
