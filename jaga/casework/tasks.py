"""Tugas saya (my tasks): what is due and overdue for one person across all their cases and
referrals, sorted by clock — assessments of the cases they manage, plan reviews and
follow-ups, requests waiting for their decision (the head), requests the head returned to
them until they ask again, transfers offered to them, referrals waiting for their answer
(a partner). A fixed number of queries whatever the
number of tasks."""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.access.policy import holds, visible
from jaga.access.users import User
from jaga.cases.models import Case, CaseStatus
from jaga.casework.clocks import approval_clock, follow_up_clock, review_clock
from jaga.casework.models import (
    Approval,
    ApprovalStatus,
    Assessment,
    FollowUp,
    PlanReview,
    Transfer,
    TransferStatus,
)
from jaga.clocks.models import Step
from jaga.clocks.selectors import TargetBook
from jaga.clocks.timing import Clock
from jaga.people.models import Person
from jaga.referrals.clocks import referral_clocks
from jaga.referrals.models import Referral, ReferralStatus


@dataclass(frozen=True)
class Task:
    kind: str  # assessment, plan_review, follow_up, approval, returned, referral, transfer
    title: str
    number: str
    link: str
    clock: Clock
    urgent: bool


def _case_link(case: Case, name: str) -> str:
    return reverse(name, args=[case.pk])


def _assessments(user: Person, book: TargetBook, now: datetime.datetime) -> list[Task]:
    pending = (
        Case.objects.filter(manager=user, status__in=[CaseStatus.REPORTED, CaseStatus.VERIFIED])
        .annotate(assessed=Exists(Assessment.objects.filter(case=OuterRef("pk"))))
        .filter(assessed=False)
        .only("pk", "number", "is_urgent", "opened_at")
    )
    title = _("Catat asesmen")
    return [
        Task(
            "assessment",
            title,
            case.number,
            _case_link(case, "casework:assessment"),
            book.clock(
                Step.ASSESSMENT,
                urgent=case.is_urgent,
                started_at=case.opened_at,
                done_at=None,
                now=now,
            ),
            case.is_urgent,
        )
        for case in pending
    ]


def _reviews_and_follow_ups(user: Person, now: datetime.datetime) -> list[Task]:
    reviews = (
        PlanReview.objects.filter(done_at__isnull=True, case__manager=user)
        .exclude(case__status=CaseStatus.CLOSED)
        .select_related("case")
    )
    follow_ups = FollowUp.objects.filter(done_at__isnull=True, case__manager=user).select_related(
        "case"
    )
    tasks = [
        Task(
            "plan_review",
            _("Tinjau rencana layanan"),
            r.case.number,
            _case_link(r.case, "casework:plan"),
            review_clock(r, now),
            r.case.is_urgent,
        )
        for r in reviews
    ]
    tasks += [
        Task(
            "follow_up",
            _("Pemantauan %(n)s bulan") % {"n": f.months_after_closure}
            if f.months_after_closure
            else str(f.get_kind_display()),
            f.case.number,
            _case_link(f.case, "casework:follow_ups"),
            follow_up_clock(f, now),
            f.case.is_urgent,
        )
        for f in follow_ups
    ]
    return tasks


def _approvals(user: User, book: TargetBook, now: datetime.datetime) -> list[Task]:
    if not holds(user, "casework.approve"):
        return []
    pending = Approval.objects.filter(status=ApprovalStatus.PENDING).select_related("case")
    return [
        Task(
            "approval",
            _("Putuskan: %s") % a.get_subject_display(),
            a.case.number,
            reverse("casework:decide", args=[a.pk]),
            approval_clock(a, book, now),
            a.case.is_urgent,
        )
        for a in visible(user, "casework.approve", pending).exclude(requested_by=user)
    ]


def _returned(user: Person, book: TargetBook, now: datetime.datetime) -> list[Task]:
    """Requests the head returned with a comment, until the manager asks again for the same
    subject: a returned plan otherwise waits silently on the case page. The fix is due within
    the head's own decision target, counted from the return."""
    asked_again = Approval.objects.filter(
        case=OuterRef("case"), subject=OuterRef("subject"), requested_at__gt=OuterRef("decided_at")
    )
    returned = (
        Approval.objects.filter(status=ApprovalStatus.RETURNED, case__manager=user)
        .exclude(case__status=CaseStatus.CLOSED)
        .exclude(Exists(asked_again))
        .select_related("case")
    )
    return [
        Task(
            "returned",
            _("Perbaiki dan ajukan lagi: %s") % a.get_subject_display(),
            a.case.number,
            _case_link(a.case, "casework:approvals"),
            book.clock(
                Step.APPROVAL,
                urgent=a.case.is_urgent,
                started_at=a.decided_at or a.requested_at,
                done_at=None,
                now=now,
            ),
            a.case.is_urgent,
        )
        for a in returned
    ]


def _referrals(user: User, book: TargetBook, now: datetime.datetime) -> list[Task]:
    if not holds(user, "referrals.respond"):
        return []
    waiting = Referral.objects.filter(status=ReferralStatus.SENT).select_related("case")
    return [
        Task(
            "referral",
            _("Jawab rujukan"),
            r.case.number,
            r.get_absolute_url(),
            referral_clocks(r, book, now)[0],
            r.is_urgent,
        )
        for r in visible(user, "referrals.respond", waiting)
    ]


def _transfers(user: User, book: TargetBook, now: datetime.datetime) -> list[Task]:
    """Transfers offered to the person, and (the head) to their UPTD PPA from another city."""
    offered = Transfer.objects.filter(status=TransferStatus.PENDING).select_related("case")
    answers = (
        ("casework.transfer_answer", "casework:transfer_answer", _("Terima atau tolak pengalihan")),
        (
            "casework.transfer_city_answer",
            "casework:city_transfer_answer",
            _("Terima atau tolak kasus dari kota lain"),
        ),
    )
    return [
        Task(
            "transfer",
            title,
            t.case.number,
            reverse(page, args=[t.pk]),
            book.clock(
                Step.TRANSFER,
                urgent=t.case.is_urgent,
                started_at=t.requested_at,
                done_at=None,
                now=now,
            ),
            t.case.is_urgent,
        )
        for rule, page, title in answers
        if holds(user, rule)
        for t in visible(user, rule, offered)
    ]


def tasks_for(user: User, *, now: datetime.datetime | None = None) -> list[Task]:
    """Everything due for ``user``, most pressing first: overdue before due soon before on
    time, then by due time."""
    if isinstance(user, AnonymousUser):
        return []
    now = now or timezone.now()
    book = TargetBook()
    tasks = [
        *_assessments(user, book, now),
        *_reviews_and_follow_ups(user, now),
        *_approvals(user, book, now),
        *_returned(user, book, now),
        *_referrals(user, book, now),
        *_transfers(user, book, now),
    ]
    order = {"overdue": 0, "due_soon": 1}
    return sorted(tasks, key=lambda t: (order.get(t.clock.state, 2), t.clock.due))
