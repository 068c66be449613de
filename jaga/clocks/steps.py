"""Steps of a case that apps building on clocks keep (a plan review, an approval, a
follow-up): they register a source here, in their ``AppConfig.ready``, and the overdue queue
and the escalation job see those steps like their own. Clocks never imports those apps."""

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from jaga.cases.models import Case
from jaga.clocks.timing import Clock

if TYPE_CHECKING:
    from jaga.clocks.selectors import TargetBook


@dataclass(frozen=True)
class CaseStepDue:
    """An open step of a case kept by an app that builds on clocks (a plan review, an
    approval, a follow-up), with its clock."""

    case: Case  # with ``rt__parent`` and ``manager`` loaded
    clock: Clock
    object_id: int
    responsible: str  # who must act, as queues show it
    people: Callable[[], list[Any]]  # who is told at the first escalation level


# (cases in scope, targets, now) -> the open steps of those cases
CaseStepSource = Callable[[QuerySet[Case], "TargetBook", datetime.datetime], Iterable[CaseStepDue]]
CASE_STEP_SOURCES: list[CaseStepSource] = []


def register_case_steps(source: CaseStepSource) -> CaseStepSource:
    """Let the overdue queue and the escalation job see another app's case steps (clocks
    never imports that app: it registers here in its ``AppConfig.ready``)."""
    CASE_STEP_SOURCES.append(source)
    return source


def overdue_case_steps(
    cases: QuerySet[Case], book: "TargetBook", now: datetime.datetime
) -> Iterator[CaseStepDue]:
    """The registered steps of ``cases`` that are overdue at ``now``."""
    for source in CASE_STEP_SOURCES:
        for step in source(cases, book, now):
            if step.clock.is_overdue:
                yield step
