"""The clocks of case management, seen by the overdue queue and the escalation job through
``jaga.clocks.steps``: a plan review is due at the end of its day (WITA), a head's decision
within its service-time target, a follow-up at the end of its day."""

import datetime
from collections.abc import Iterator
from functools import partial

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.cases.models import Case, CaseStatus
from jaga.casework.models import Approval, ApprovalStatus, PlanReview
from jaga.clocks.models import Step
from jaga.clocks.selectors import TargetBook
from jaga.clocks.steps import CaseStepDue, register_case_steps
from jaga.clocks.timing import Clock, make_clock
from jaga.notifications.selectors import recipients_with_role
from jaga.people.models import Role


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


def _heads(case: Case) -> list:
    return list(recipients_with_role(Role.UPTD_HEAD, area_code=case.rt.code))


@register_case_steps
def pending_approvals(
    cases: QuerySet[Case], book: TargetBook, now: datetime.datetime
) -> Iterator[CaseStepDue]:
    pending = (
        Approval.objects.filter(status=ApprovalStatus.PENDING, case__in=cases)
        .filter(requested_at__lte=now - book.shortest(Step.APPROVAL))
        .select_related("case__rt__parent", "case__manager")
    )
    head = str(_("Kepala UPTD PPA"))
    for approval in pending:
        case = approval.case
        yield CaseStepDue(
            case, approval_clock(approval, book, now), approval.pk, head, partial(_heads, case)
        )


@register_case_steps
def due_plan_reviews(
    cases: QuerySet[Case], book: TargetBook, now: datetime.datetime
) -> Iterator[CaseStepDue]:
    reviews = (
        PlanReview.objects.filter(done_at__isnull=True, case__in=cases)
        .exclude(case__status=CaseStatus.CLOSED)
        .filter(due_on__lt=timezone.localdate(now))
        .select_related("case__rt__parent", "case__manager")
    )
    for review in reviews:
        case = review.case
        yield CaseStepDue(
            case,
            review_clock(review, now),
            review.pk,
            str(case.manager),
            partial(list, [case.manager]),
        )
