"""Reads of the Seksi PPA registry and every coverage figure, in one place so that later code
(the KLA indicators) calls the same arithmetic.

Counting is done by the database (conditional aggregates over RTs), never by looping over RTs
in Python, so a page costs the same handful of queries for a kelurahan or a province. Functions
taking an ``Area`` trust that the caller already passed the policy for it (views fetch the area
with ``policy.get_object``); functions taking a ``user`` apply the policy themselves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Left
from django.utils import timezone

from jaga.access.paths import within
from jaga.access.policy import get_object, visible
from jaga.access.users import User
from jaga.areas.models import Area, AreaKind
from jaga.core.periods import month_start, months_ending, next_month
from jaga.reports.models import Channel, Report
from jaga.sections.models import Member, MonthlyReturn, ReturnKind, Section, Training

TREND_MONTHS = 12
RETURN_GRACE_DAYS = 5  # a month's answer is due by the 5th of the next month


def return_deadline(month: dt.date) -> dt.date:
    """The last day an RT may answer for ``month``: the 5th of the next month."""
    return next_month(month_start(month)).replace(day=RETURN_GRACE_DAYS)


def deadline_passed(month: dt.date, today: dt.date | None = None) -> bool:
    """Whether ``month``'s deadline is over (WITA): only then is an RT without an answer
    silent; before, it has simply not answered yet."""
    return (today or timezone.localdate()) > return_deadline(month)


# --- Who reported, who confirmed -------------------------------------------------------------


def rt_ids_reported(month: dt.date) -> QuerySet:
    """Ids of the RT areas that reported in ``month`` (WITA): a report sent through the RT
    channel from that RT, or the section's own "cases were reported" answer.

    Every "reported" figure (states, coverage, trend, silent lists) goes through here. It
    returns a queryset, not a Python set, so that counting stays in the database."""
    month = month_start(month)
    start = timezone.make_aware(dt.datetime.combine(month, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(next_month(month), dt.time.min))
    reports = Report.objects.filter(channel=Channel.RT, received_at__gte=start, received_at__lt=end)
    answers = MonthlyReturn.objects.filter(month=month, kind=ReturnKind.REPORTED)
    sources = Q(pk__in=answers.values("rt_id")) | Q(pk__in=reports.values("rt_id"))
    return Area.objects.filter(sources, kind=AreaKind.RT).values_list("pk", flat=True)


def rt_ids_confirmed_nil(month: dt.date) -> QuerySet:
    """Ids of the RT areas that confirmed "no case" (laporan nihil) for ``month``."""
    return MonthlyReturn.objects.filter(month=month_start(month), kind=ReturnKind.NIL).values_list(
        "rt_id", flat=True
    )


class State:
    """An RT's state for a month: a report beats a nil confirmation; neither is silence once
    the month's deadline has passed, and "not answered yet" before."""

    REPORTED = "reported"
    CONFIRMED = "confirmed"
    AWAITED = "awaited"
    SILENT = "silent"


def unanswered_state(month: dt.date, today: dt.date | None = None) -> str:
    return State.SILENT if deadline_passed(month, today) else State.AWAITED


def _reported_q(month: dt.date) -> Q:
    return Q(pk__in=rt_ids_reported(month))


def _confirmed_q(month: dt.date) -> Q:
    return Q(pk__in=rt_ids_confirmed_nil(month)) & ~_reported_q(month)


def _active_q(month: dt.date) -> Q:
    return _reported_q(month) | Q(pk__in=rt_ids_confirmed_nil(month))


def _formed_q() -> Q:
    # A section that lapsed (marked inactive) no longer counts as formed.
    return Q(Exists(Section.objects.filter(rt=OuterRef("pk"), is_formed=True, is_active=True)))


def _trained_q() -> Q:
    return Q(
        Exists(
            Training.objects.filter(
                member__section__rt=OuterRef("pk"),
                member__is_active=True,
                member__section__is_active=True,
            )
        )
    )


def state_for(rt: Area, month: dt.date, today: dt.date | None = None) -> str:
    """The state of one RT for ``month`` (one query)."""
    flags = Area.objects.filter(pk=rt.pk).aggregate(
        reported=Count("pk", filter=_reported_q(month)),
        confirmed=Count("pk", filter=_confirmed_q(month)),
    )
    if flags["reported"]:
        return State.REPORTED
    return State.CONFIRMED if flags["confirmed"] else unanswered_state(month, today)


# --- Coverage --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    """Coverage of a set of RTs for one month. ``active`` = reported or confirmed nil; the
    others are ``silent`` once the month's deadline has passed, ``awaited`` before."""

    rts: int
    formed: int
    trained: int
    reported: int
    confirmed: int
    deadline_passed: bool = True

    @property
    def active(self) -> int:
        return self.reported + self.confirmed

    @property
    def silent(self) -> int:
        return self.rts - self.active if self.deadline_passed else 0

    @property
    def awaited(self) -> int:
        return 0 if self.deadline_passed else self.rts - self.active

    @property
    def not_formed(self) -> int:
        return self.rts - self.formed

    @property
    def untrained(self) -> int:
        return self.rts - self.trained

    @property
    def pct_formed(self) -> float:
        return _pct(self.formed, self.rts)

    @property
    def pct_trained(self) -> float:
        return _pct(self.trained, self.rts)

    @property
    def pct_active(self) -> float:
        return _pct(self.active, self.rts)


def _pct(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


FIGURE_NAMES = ("rts", "formed", "trained", "reported", "confirmed")


def _figure_aggregates(month: dt.date) -> dict[str, Any]:
    return {
        "rts": Count("pk"),
        "formed": Count("pk", filter=_formed_q()),
        "trained": Count("pk", filter=_trained_q()),
        "reported": Count("pk", filter=_reported_q(month)),
        "confirmed": Count("pk", filter=_confirmed_q(month)),
    }


def _deadline(month: dt.date) -> dict[str, bool]:
    return {"deadline_passed": deadline_passed(month)}


def rts_within(area: Area) -> QuerySet[Area]:
    """The RTs inside ``area`` (the area itself when it is an RT)."""
    return Area.objects.filter(within(area.code), kind=AreaKind.RT)


def coverage_figures(area: Area, month: dt.date) -> Figures:
    """The coverage of every RT inside ``area`` for ``month``, in one query."""
    values = rts_within(area).aggregate(**_figure_aggregates(month))
    return Figures(**{name: values[name] for name in FIGURE_NAMES}, **_deadline(month))


@dataclass(frozen=True)
class CoverageRow:
    area: Area
    figures: Figures


def coverage_by_level(area: Area, month: dt.date, level: str) -> list[CoverageRow]:
    """One row per area of kind ``level`` inside ``area`` (say, each kelurahan of the city),
    in two queries: the areas, and their RTs' figures grouped by code prefix. Kemendagri codes
    have a fixed width per level, so an RT's ancestor at ``level`` is a prefix of its code."""
    children = list(
        Area.objects.filter(within(area.code), kind=level).select_related("parent").order_by("code")
    )
    if not children:
        return []
    width = len(children[0].code)
    grouped: dict[str, Mapping[str, Any]] = {
        row["group"]: row
        for row in rts_within(area)
        .annotate(group=Left("code", width))
        .values("group")
        .annotate(**_figure_aggregates(month))
        .order_by("group")
    }
    empty = dict.fromkeys(FIGURE_NAMES, 0)
    deadline = _deadline(month)
    return [
        CoverageRow(
            child,
            Figures(**{n: grouped.get(child.code, empty)[n] for n in FIGURE_NAMES}, **deadline),
        )
        for child in children
    ]


CHILD_LEVEL: dict[str, str] = {
    AreaKind.PROVINCE: AreaKind.CITY,
    AreaKind.CITY: AreaKind.KECAMATAN,
    AreaKind.KECAMATAN: AreaKind.KELURAHAN,
}


def child_level(area: Area) -> str | None:
    """The level the coverage table of ``area`` breaks down into (None: list its RTs)."""
    return CHILD_LEVEL.get(area.kind)


@dataclass(frozen=True)
class TrendPoint:
    month: dt.date
    rts: int
    active: int

    @property
    def pct_active(self) -> float:
        return _pct(self.active, self.rts)


def coverage_trend(area: Area, last: dt.date, months: int = TREND_MONTHS) -> list[TrendPoint]:
    """The share of active RTs in ``area`` for each of ``months`` months ending with ``last``,
    in one query. RTs are counted as they exist today (the registry keeps no RT history)."""
    span = months_ending(last, months)
    aggregates: dict[str, Any] = {"rts": Count("pk")}
    for index, month in enumerate(span):
        aggregates[f"m{index}"] = Count("pk", filter=_active_q(month))
    values = rts_within(area).aggregate(**aggregates)
    return [TrendPoint(m, values["rts"], values[f"m{i}"]) for i, m in enumerate(span)]


def rt_statuses(area: Area, month: dt.date, *, gaps_only: bool = False) -> QuerySet[Area]:
    """The RTs inside ``area`` annotated with ``formed``, ``trained`` and ``state`` for
    ``month``, in one query (slice it to page it). ``gaps_only`` keeps the RTs that lack a
    formed section, a trained member or an answer for the month."""

    def flag(condition: Q) -> Case:
        return Case(When(condition, then=Value(True)), default=Value(False))

    rts = rts_within(area).annotate(
        formed=flag(_formed_q()),
        trained=flag(_trained_q()),
        state=Case(
            When(_reported_q(month), then=Value(State.REPORTED)),
            When(Q(pk__in=rt_ids_confirmed_nil(month)), then=Value(State.CONFIRMED)),
            default=Value(unanswered_state(month)),
        ),
    )
    if gaps_only:
        rts = rts.filter(~_formed_q() | ~_trained_q() | ~_active_q(month))
    return rts.order_by("code")


# --- Registry --------------------------------------------------------------------------------


def section_rt(user: User, rule: str, code: str) -> Area:
    """An RT the user may act on under ``rule`` (404 otherwise)."""
    return get_object(
        user, rule, Area.objects.filter(kind=AreaKind.RT).select_related("parent"), code=code
    )


def section_of(rt: Area) -> Section | None:
    """The RT's section with its members and their trainings (three queries)."""
    return (
        Section.objects.filter(rt=rt)
        .select_related("rt")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=Member.objects.select_related("person").prefetch_related("trainings"),
            )
        )
        .first()
    )


def member_for(user: User, rule: str, pk: int) -> Member:
    """A member the user may act on under ``rule`` (404 otherwise)."""
    return get_object(
        user, rule, Member.objects.select_related("section__rt__parent", "person"), pk=pk
    )


def rts_for(user: User, rule: str) -> QuerySet[Area]:
    """The RTs the user may act on under ``rule``."""
    return visible(user, rule, Area.objects.filter(kind=AreaKind.RT)).select_related("parent")


def silent_rts(user: User, area: Area, month: dt.date) -> QuerySet[Area]:
    """The RTs inside ``area`` that the user may see under ``sections.silent`` and that neither
    reported nor confirmed ``month``, each with its section's active members (for their phones)
    in ``ppa_section.active_members``: two queries however many RTs. None before the month's
    deadline has passed."""
    rts = visible(user, "sections.silent", rts_within(area)).exclude(_active_q(month))
    if not deadline_passed(month):
        rts = rts.none()
    return (
        rts.select_related("ppa_section", "parent")
        .prefetch_related(
            Prefetch(
                "ppa_section__members",
                queryset=Member.objects.filter(is_active=True),
                to_attr="active_members",
            )
        )
        .order_by("code")
    )


def returns_of(rt: Area, months: list[dt.date]) -> dict[dt.date, MonthlyReturn]:
    """The RT's answers for ``months``, by month (one query)."""
    return {r.month: r for r in MonthlyReturn.objects.filter(rt=rt, month__in=months)}
