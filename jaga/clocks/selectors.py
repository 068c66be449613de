"""Reads of clocks. Start and stop times are annotated by the database (joins and
subqueries, never one query per row); the due time and state are then computed in Python
from the targets and holidays read once (``TargetBook``), so a page shows any number of
clocks in a fixed number of queries."""

import datetime
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from jaga.access.policy import holds, visible
from jaga.access.users import User
from jaga.cases.models import Case, CaseEvent, CaseStatus, EventKind
from jaga.clocks.models import Holiday, ServiceTarget, Step
from jaga.clocks.timing import Clock, due_at, least_duration, make_clock
from jaga.reports.models import Report, ReportStatus

# The service-time defaults of DOMAIN.md: (step, urgent) -> (amount, unit). The data
# migration seeds them; they also stand in for a target the administrator has not stored.
DEFAULT_TARGETS: dict[tuple[str, bool], tuple[int, str]] = {
    (Step.REPORT_ACK, True): (1, "hours"),
    (Step.REPORT_ACK, False): (24, "hours"),
    (Step.OUTREACH, True): (6, "hours"),
    (Step.OUTREACH, False): (3, "working_days"),
    (Step.ASSESSMENT, True): (3, "days"),
    (Step.ASSESSMENT, False): (7, "days"),
    (Step.REFERRAL_RESPONSE, True): (4, "hours"),
    (Step.REFERRAL_RESPONSE, False): (2, "working_days"),
    (Step.APPROVAL, True): (1, "days"),
    (Step.APPROVAL, False): (3, "working_days"),
    (Step.TRANSFER, True): (4, "hours"),
    (Step.TRANSFER, False): (1, "working_days"),
}
TARGET_STEPS = (
    Step.REPORT_ACK,
    Step.OUTREACH,
    Step.ASSESSMENT,
    Step.REFERRAL_RESPONSE,
    Step.APPROVAL,
    Step.TRANSFER,
)


# Targets and holidays change a few times a year and are read on every page with a clock: each
# process keeps them this long. A change made here is seen at once (``forget_targets``), by
# other processes within this many seconds.
CACHE_SECONDS = 60
_cache: dict[str, Any] = {}


def forget_targets() -> None:
    """Drop this process's copy of the targets and holidays (after a change)."""
    _cache.clear()


def _rules() -> tuple[dict[tuple[str, bool], tuple[int, str]], frozenset[datetime.date]]:
    expires, value = _cache.get("rules", (0.0, None))
    if value is None or expires < time.monotonic():
        stored = {(t.step, t.is_urgent): (t.amount, t.unit) for t in ServiceTarget.objects.all()}
        holidays = frozenset(Holiday.objects.values_list("date", flat=True))
        value = ({**DEFAULT_TARGETS, **stored}, holidays)
        _cache["rules"] = (time.monotonic() + CACHE_SECONDS, value)
    return value


class TargetBook:
    """The service-time targets and holidays (read at most once a minute per process, see
    ``CACHE_SECONDS``), used for any number of clocks."""

    @cached_property
    def targets(self) -> dict[tuple[str, bool], tuple[int, str]]:
        return _rules()[0]

    @cached_property
    def holidays(self) -> frozenset[datetime.date]:
        return _rules()[1]

    def due(self, step: str, urgent: bool, started_at: datetime.datetime) -> datetime.datetime:
        amount, unit = self.targets[(step, urgent)]
        return due_at(started_at, amount, unit, self.holidays)

    def shortest(self, step: str) -> datetime.timedelta:
        """No item of ``step`` can be overdue sooner than this after its start."""
        return min(least_duration(*self.targets[(step, urgent)]) for urgent in (True, False))

    def clock(
        self,
        step: str,
        *,
        urgent: bool,
        started_at: datetime.datetime,
        done_at: datetime.datetime | None,
        now: datetime.datetime | None = None,
    ) -> Clock:
        due = self.due(step, urgent, started_at)
        return make_clock(
            step=step, started_at=started_at, due=due, done_at=done_at, now=now or timezone.now()
        )


# --- start and stop times, as database annotations ---------------------------------------


def _first_status_event(**match: Any) -> Subquery:
    events = (
        CaseEvent.objects.filter(case=OuterRef("pk"), kind=EventKind.STATUS, **match)
        .order_by()
        .values("case")
        .annotate(first=Min("at"))
        .values("first")
    )
    return Subquery(events[:1])


def reports_with_clock(reports: QuerySet[Report]) -> QuerySet[Report]:
    """Reports annotated with ``clock_done``: when UPTD PPA first acted on the report
    (verified, closed, or a case opened from it)."""
    return reports.annotate(clock_done=Coalesce("verified_at", "closed_at", "case__opened_at"))


def cases_with_clocks(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Cases annotated with ``outreach_done`` (the case first moved on from "reported", i.e.
    the victim was reached) and ``assessment_done`` (first "assessed"); closing a case stops
    both clocks."""
    return cases.annotate(
        outreach_done=Coalesce(_first_status_event(from_status=CaseStatus.REPORTED), "closed_at"),
        assessment_done=Coalesce(_first_status_event(to_status=CaseStatus.ASSESSED), "closed_at"),
    )


# --- clocks of single items ----------------------------------------------------------------


def report_clock(report: Report, book: TargetBook, now: datetime.datetime | None = None) -> Clock:
    """The acknowledgement clock of a report (annotated or not: an unannotated report in the
    triage queue is stopped by its verification or closure)."""
    done = getattr(report, "clock_done", None) or report.verified_at or report.closed_at
    return book.clock(
        Step.REPORT_ACK,
        urgent=report.is_urgent,
        started_at=report.received_at,
        done_at=done,
        now=now,
    )


def case_clocks(case: Any, book: TargetBook, now: datetime.datetime | None = None) -> list[Clock]:
    """The outreach and assessment clocks of a case annotated by ``cases_with_clocks`` (typed
    ``Any``: its annotations are not attributes of ``Case``)."""
    return _step_clocks(case, case.outreach_done, case.assessment_done, book, now)


def case_clocks_for(case: Case, now: datetime.datetime | None = None) -> list[Clock]:
    """The step clocks of one case (for its page), from the instance and its events: the
    ones the case page's timeline prefetched, so no query of the case of its own. The same
    stops as ``cases_with_clocks`` (a test compares the two)."""
    moves = [e for e in case.events.all() if e.kind == EventKind.STATUS]

    def first(matches: Callable[[CaseEvent], bool]) -> datetime.datetime | None:
        return min((e.at for e in moves if matches(e)), default=None) or case.closed_at

    outreach = first(lambda e: e.from_status == CaseStatus.REPORTED)
    assessment = first(lambda e: e.to_status == CaseStatus.ASSESSED)
    return _step_clocks(case, outreach, assessment, TargetBook(), now)


def _step_clocks(
    case: Case,
    outreach_done: datetime.datetime | None,
    assessment_done: datetime.datetime | None,
    book: TargetBook,
    now: datetime.datetime | None,
) -> list[Clock]:
    return [
        book.clock(step, urgent=case.is_urgent, started_at=case.opened_at, done_at=done, now=now)
        for step, done in ((Step.OUTREACH, outreach_done), (Step.ASSESSMENT, assessment_done))
    ]


# --- overdue queues --------------------------------------------------------------------------


@dataclass(frozen=True)
class OverdueItem:
    """One overdue item on a supervisor's queue. ``number`` and ``link`` are empty for a
    viewer who may not open the item (a kelurahan officer sees where and how late only)."""

    clock: Clock
    kind: str
    object_id: int
    number: str
    link: str
    kelurahan: str
    kelurahan_code: str
    rt: str
    responsible: str  # who must act: a case manager, a partner organisation, UPTD PPA
    organisation: str


# Apps above clocks (referrals) add their overdue items to the queue here, from their
# ``AppConfig.ready``: clocks may not import them.
QueueSource = Callable[[Any, "TargetBook", datetime.datetime], Iterable[OverdueItem]]
QUEUE_SOURCES: list[QueueSource] = []


def add_queue_source(source: QueueSource) -> QueueSource:
    QUEUE_SOURCES.append(source)
    return source


def overdue_reports(
    reports: QuerySet[Report], book: TargetBook, now: datetime.datetime
) -> Iterator[tuple[Report, Clock]]:
    """Reports whose acknowledgement is overdue (a fixed number of queries)."""
    candidates = (
        reports.filter(status=ReportStatus.RECEIVED, verified_at__isnull=True)
        .filter(received_at__lte=now - book.shortest(Step.REPORT_ACK))
        .select_related("rt__parent")
        .order_by("received_at", "pk")
    )
    for report in candidates:
        clock = report_clock(report, book, now)
        if clock.is_overdue:
            yield report, clock


def overdue_cases(
    cases: QuerySet[Case], book: TargetBook, now: datetime.datetime
) -> Iterator[tuple[Case, Clock]]:
    """Open cases with an overdue outreach or assessment (each clock a row)."""
    earliest = min(book.shortest(Step.OUTREACH), book.shortest(Step.ASSESSMENT))
    candidates = (
        cases_with_clocks(cases.exclude(status=CaseStatus.CLOSED))
        .filter(opened_at__lte=now - earliest)
        .filter(Q(outreach_done__isnull=True) | Q(assessment_done__isnull=True))
        .select_related("rt__parent", "manager")
        .order_by("opened_at", "pk")
    )
    for case in candidates:
        for clock in case_clocks(case, book, now):
            if clock.is_overdue:
                yield case, clock


def overdue_item(
    clock: Clock,
    kind: str,
    obj: Any,
    rt: Any,
    responsible: str,
    organisation: str,
    number: str,
    link: str,
    openable: bool,
) -> OverdueItem:
    kelurahan = rt.parent
    return OverdueItem(
        clock=clock,
        kind=kind,
        object_id=obj.pk,
        number=number if openable else "",
        link=link if openable else "",
        kelurahan=str(kelurahan),
        kelurahan_code=kelurahan.code,
        rt=str(rt),
        responsible=responsible,
        organisation=organisation,
    )


def overdue_queue(user: User, *, now: datetime.datetime | None = None) -> list[OverdueItem]:
    """Every overdue item in the user's scope of ``clocks.queue`` (UPTD PPA head and DP3AKB:
    the city; a kelurahan officer: their kelurahan), most overdue first. A fixed number of
    queries whatever the number of items."""
    now = now or timezone.now()
    book = TargetBook()
    uptd = str(_("UPTD PPA"))
    items: list[OverdueItem] = []
    reports = visible(user, "clocks.queue", Report.objects.all())
    can_triage = holds(user, "reports.triage")
    for report, clock in overdue_reports(reports, book, now):
        link = reverse("reports:detail", args=[report.pk])
        items.append(
            overdue_item(
                clock,
                "report",
                report,
                report.rt,
                uptd,
                uptd,
                report.tracking_code,
                link,
                can_triage,
            )
        )
    can_cases = holds(user, "cases.view")
    for case, clock in overdue_cases(visible(user, "clocks.queue", Case.objects.all()), book, now):
        link = reverse("cases:detail", args=[case.pk])
        items.append(
            overdue_item(
                clock, "case", case, case.rt, str(case.manager), uptd, case.number, link, can_cases
            )
        )
    for source in QUEUE_SOURCES:
        items.extend(source(user, book, now))
    return sorted(items, key=lambda i: (-i.clock.level, i.clock.due))


def group_overdue(items: Iterable[OverdueItem], by: str) -> list[tuple[str, list[OverdueItem]]]:
    """The queue grouped per organisation (who must act) or per kelurahan, largest first."""
    groups: dict[str, list[OverdueItem]] = {}
    for item in items:
        key = item.organisation if by == "organisation" else item.kelurahan
        groups.setdefault(key, []).append(item)
    return sorted(groups.items(), key=lambda g: (-len(g[1]), g[0]))
