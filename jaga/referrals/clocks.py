"""The clocks of a referral — the partner's answer (a service-time target) and the service
(the due date the case manager set) — and its overdue items, which this app adds to the
overdue queue and the escalation job of ``jaga.clocks`` (a layer below, which may not import
referrals)."""

import datetime
from collections.abc import Iterator
from functools import partial
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from jaga.access.policy import holds, visible
from jaga.access.roles import Role
from jaga.access.users import User
from jaga.clocks.models import Step
from jaga.clocks.selectors import OverdueItem, TargetBook, add_queue_source, overdue_item
from jaga.clocks.services import Overdue, add_escalation_source, people_with_role
from jaga.clocks.timing import Clock, make_clock
from jaga.referrals.models import OPEN_STATUSES, Referral, ReferralStatus


def referral_clocks(
    referral: Referral, book: TargetBook, now: datetime.datetime | None = None
) -> list[Clock]:
    """The partner's answer clock (target) and the service clock (the due date the case
    manager set, end of that day WITA)."""
    response = book.clock(
        Step.REFERRAL_RESPONSE,
        urgent=referral.is_urgent,
        started_at=referral.sent_at,
        done_at=referral.responded_at,
        now=now,
    )
    if referral.status == ReferralStatus.DECLINED:
        return [response]
    end_of_day = datetime.datetime.combine(referral.due_date, datetime.time(23, 59))
    service = make_clock(
        step=Step.REFERRAL_SERVICE,
        started_at=referral.sent_at,
        due=timezone.make_aware(end_of_day),
        done_at=referral.completed_at,
        now=now or timezone.now(),
    )
    return [response, service]


def overdue_referrals(
    referrals: QuerySet[Referral], book: TargetBook, now: datetime.datetime
) -> Iterator[tuple[Referral, Clock]]:
    """Open referrals whose answer or service is overdue."""
    candidates = (
        referrals.filter(status__in=OPEN_STATUSES)
        .filter(
            Q(sent_at__lte=now - book.shortest(Step.REFERRAL_RESPONSE))
            | Q(due_date__lt=timezone.localdate(now))
        )
        .select_related("case__rt__parent", "organisation", "service")
        .order_by("sent_at", "pk")
    )
    for referral in candidates:
        for clock in referral_clocks(referral, book, now):
            if clock.is_overdue:
                yield referral, clock


@add_queue_source
def _queue_items(user: User, book: TargetBook, now: datetime.datetime) -> Iterator[OverdueItem]:
    can_referrals = holds(user, "referrals.view")
    referrals = visible(user, "clocks.queue", Referral.objects.all())
    for referral, clock in overdue_referrals(referrals, book, now):
        partner = str(referral.organisation)
        yield overdue_item(
            clock,
            "referral",
            referral,
            referral.case.rt,
            partner,
            partner,
            referral.case.number,
            referral.get_absolute_url(),
            can_referrals,
        )


@add_escalation_source
def _escalation_items(book: TargetBook, now: datetime.datetime) -> Iterator[Overdue]:
    referrals = Referral.objects.select_related("case__manager")
    for referral, clock in overdue_referrals(referrals, book, now):
        yield Overdue(
            clock.step,
            referral.pk,
            clock,
            referral.case.number,
            referral.case.rt.code,
            referral.get_absolute_url(),
            referral.is_urgent,
            partial(_referral_people, referral),
        )


def _referral_people(referral: Referral) -> list[Any]:
    partners = people_with_role(Role.PARTNER_OFFICER, organisation=referral.organisation_id)
    return [referral.case.manager, *partners]
