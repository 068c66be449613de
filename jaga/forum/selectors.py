"""Reads of the forum's records (chapters, activists, sessions, meetings, accompaniments),
each already cut down by the access policy. Every figure lives in ``jaga.forum.figures``."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, QuerySet

from jaga.access.policy import get_object, visible
from jaga.access.users import User
from jaga.areas.models import Area, AreaKind
from jaga.cases.models import Case
from jaga.forum.models import (
    Accompaniment,
    Activist,
    Chapter,
    CoordinationMeeting,
    EducationSession,
    Position,
)
from jaga.people.models import Person


def chapters_for(user: User, rule: str) -> QuerySet[Chapter]:
    """The chapters the person may act on under ``rule``, by kelurahan code."""
    return visible(user, rule, Chapter.objects.select_related("kelurahan__parent"))


def chapter_for(user: User, rule: str, code: str) -> Chapter:
    """The chapter of kelurahan ``code`` through the policy (404 when out of scope)."""
    return get_object(
        user,
        rule,
        Chapter.objects.select_related("kelurahan__parent", "organisation"),
        kelurahan__code=code,
    )


def kelurahan_without_chapter(user: User, rule: str) -> QuerySet[Area]:
    """Kelurahan in the person's scope that have no chapter yet (to form one)."""
    return visible(
        user, rule, Area.objects.filter(kind=AreaKind.KELURAHAN, fp2atbm_chapter__isnull=True)
    ).order_by("code")


def kelurahan_in_scope(user: User, rule: str) -> QuerySet[Area]:
    return visible(user, rule, Area.objects.filter(kind=AreaKind.KELURAHAN))


def kelurahan_for(user: User, rule: str, code: str) -> Area:
    return get_object(
        user, rule, Area.objects.filter(kind=AreaKind.KELURAHAN).select_related("parent"), code=code
    )


def activists_of(chapter: Chapter) -> list[Activist]:
    """The chapter's activists with their trainings (two queries). The caller audits the
    read: names and phones are personal data."""
    return list(
        chapter.activists.prefetch_related("trainings").order_by("-is_active", "position", "pk")
    )


def activist_for(user: User, rule: str, pk: int) -> Activist:
    return get_object(
        user,
        rule,
        Activist.objects.select_related("chapter__kelurahan", "chapter__organisation"),
        pk=pk,
    )


def own_activist(user: User) -> Activist | None:
    """The person's own active activist record, if their account was made from one."""
    if isinstance(user, AnonymousUser):
        return None
    return (
        Activist.objects.filter(person=user, is_active=True)
        .select_related("chapter__kelurahan", "chapter__organisation")
        .first()
    )


def is_chair(user: Person, chapter: Chapter) -> bool:
    return Activist.objects.filter(
        person=user, chapter=chapter, is_active=True, position=Position.CHAIR
    ).exists()


def sessions_of(user: User, chapter: Chapter) -> QuerySet[EducationSession]:
    """The chapter's sessions the person may see, newest first, with RTs and topics
    prefetched (three queries for a page)."""
    return visible(user, "forum.sessions", chapter.sessions.all()).prefetch_related(
        Prefetch("rts", queryset=Area.objects.order_by("number")), "topics"
    )


def session_for(user: User, pk: int) -> EducationSession:
    return get_object(
        user, "forum.sessions", EducationSession.objects.select_related("chapter__kelurahan"), pk=pk
    )


def meetings_of(user: User, chapter: Chapter) -> QuerySet[CoordinationMeeting]:
    return visible(user, "forum.sessions", chapter.meetings.all())


def rts_named(*, pks: list[int] | None = None, codes: list[str] | None = None) -> list[Area]:
    """RTs by id or code, wherever they lie: the session service names one outside the
    chapter's kelurahan in its refusal (RTs are public reference data)."""
    rts = Area.objects.filter(kind=AreaKind.RT)
    return list(rts.filter(pk__in=pks or []) if codes is None else rts.filter(code__in=codes))


def area_above_rt(user: User, rule: str, code: str) -> Area:
    """A city, kecamatan or kelurahan (or province) through the policy, for figure pages."""
    return get_object(
        user, rule, Area.objects.exclude(kind=AreaKind.RT).select_related("parent"), code=code
    )


def chapter_rts(chapter: Chapter) -> QuerySet[Area]:
    return Area.objects.filter(parent=chapter.kelurahan, kind=AreaKind.RT).order_by("number")


def accompaniments_by(user: User) -> QuerySet[Accompaniment]:
    """The visits the person recorded themselves (the activist's own list)."""
    return visible(user, "forum.accompaniments", Accompaniment.objects.select_related("case"))


def team_cases(user: User) -> QuerySet[Case]:
    """Cases whose team the activist is on (the policy's CASE_TEAM scope), newest first."""
    return visible(user, "forum.accompany", Case.objects.select_related("rt__parent")).order_by(
        "-opened_at"
    )


def team_case(user: User, pk: int) -> Case:
    return get_object(user, "forum.accompany", Case.objects.select_related("rt"), pk=pk)
