"""Demo accompaniments, monthly reports and one silent kelurahan for ``jaga load-demo``.

Accompaniment needs cases: each chapter gets a few demo case files spread over 18 months
(case facts only, no victim recorded, flagged demo, numbered like every case), its activists
demo accounts on those teams, and their visits with transport costs. Most chapters confirmed
most past months. Lamaru is left silent for the last two closed months (no RT answer, no
chapter activity, no report) so the pulse has a kelurahan to flag; the flag is raised and
notified like the daily job does."""

import datetime as dt
import hashlib

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from jaga.access.roles import Role
from jaga.areas.models import Area, AreaKind
from jaga.cases.models import (
    Case,
    CaseEvent,
    CaseMember,
    CaseStatus,
    EventKind,
    MemberRole,
)
from jaga.cases.services import new_case_number
from jaga.codes.models import Code, CodeList
from jaga.core.periods import last_closed_month, previous_month
from jaga.forum.figures import chapter_month
from jaga.forum.models import (
    Accompaniment,
    Activist,
    Chapter,
    ChapterReport,
    CoordinationMeeting,
    Destination,
    EducationSession,
    Position,
)
from jaga.forum.services.pulse import pulse_flag
from jaga.people.models import Membership, Person
from jaga.sections.models import MonthlyReturn

SILENT_KELURAHAN = "64.71.01.1002"  # Lamaru, Balikpapan Timur


def _score(*parts: object) -> int:
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()
    return int(digest[:8], 16) % 100


def _accounts(chapters: list[Chapter]) -> None:
    """A demo account (activist role, no usable password) for every demo activist without
    one, as an invitation would make."""
    unusable = make_password(None)
    activists = list(
        Activist.objects.filter(
            chapter__in=chapters, person__isnull=True, is_active=True
        ).select_related("chapter")
    )
    people = Person.objects.bulk_create(
        [
            Person(
                username=f"fp2atbm-{a.pk}",
                full_name=a.name,
                password=unusable,
                is_demo=True,
            )
            for a in activists
        ]
    )
    people = list(Person.objects.filter(username__in=[p.username for p in people]))
    by_name = {p.username: p for p in people}
    Membership.objects.bulk_create(
        [
            Membership(
                person=by_name[f"fp2atbm-{a.pk}"],
                role=Role.ACTIVIST,
                organisation_id=a.chapter.organisation_id,
            )
            for a in activists
        ]
    )
    for a in activists:
        a.person = by_name[f"fp2atbm-{a.pk}"]
    Activist.objects.bulk_update(activists, ["person"])


def _cases_and_visits(chapters: list[Chapter], months: list[dt.date]) -> None:
    manager = Person.objects.filter(username="manajer.kasus").first()
    place = Code.objects.of(CodeList.PLACE).first()
    if manager is None or place is None:
        return
    destinations = list(Destination.values)
    rts: dict[int, Area] = {}
    for rt in Area.objects.filter(kind=AreaKind.RT, parent__in=[c.kelurahan_id for c in chapters]):
        if rt.parent_id is not None:
            rts.setdefault(rt.parent_id, rt)
    silent = {last_closed_month(), previous_month(last_closed_month()), months[-1]}
    today = timezone.localdate()
    for chapter in chapters:
        team = list(
            chapter.activists.filter(person__isnull=False).values_list("person_id", flat=True)
        )
        first_rt = rts.get(chapter.kelurahan_id)
        if not team or first_rt is None:
            continue
        for month in months:
            if _score(chapter.pk, month, "case") >= 30:
                continue
            if chapter.kelurahan.code == SILENT_KELURAHAN and month in silent:
                continue
            day = month.replace(day=1 + _score(chapter.pk, month, "d") % 20)
            if day > today:
                continue
            opened = timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
            case = Case.objects.create(
                number=new_case_number(day.year),
                rt=first_rt,
                place=place,
                manager=manager,
                opened_at=opened,
                reported_at=opened,
                status=CaseStatus.MONITORING if month in months[-3:] else CaseStatus.CLOSED,
                closed_at=None if month in months[-3:] else opened + dt.timedelta(days=40),
                is_demo=True,
            )
            companion = team[_score(case.number) % len(team)]
            CaseMember.objects.bulk_create(
                [
                    CaseMember(case=case, person=manager, role=MemberRole.MANAGER, added_at=opened),
                    CaseMember(
                        case=case, person_id=companion, role=MemberRole.COMPANION, added_at=opened
                    ),
                ]
            )
            CaseEvent.objects.create(case=case, at=opened, actor=manager, kind=EventKind.OPENED)
            for n in range(1 + _score(case.number, "v") % 3):
                visited = day + dt.timedelta(days=2 + 5 * n)
                if visited > today:
                    break
                destination = destinations[_score(case.number, n) % len(destinations)]
                label = Destination(destination).label
                event = CaseEvent.objects.create(
                    case=case,
                    at=timezone.make_aware(dt.datetime.combine(visited, dt.time(14))),
                    actor_id=companion,
                    kind=EventKind.ACCOMPANIMENT,
                    note=f"{label}, {visited:%d-%m-%Y} (demo)",
                )
                Accompaniment.objects.create(
                    case=case,
                    event=event,
                    activist_id=companion,
                    chapter=chapter,
                    visited_on=visited,
                    destination=destination,
                    transport_cost=0
                    if destination == Destination.HOME_VISIT
                    else 20000 + 5000 * (_score(case.number, n, "c") % 6),
                    is_demo=True,
                )


def _silence(chapters: list[Chapter]) -> None:
    """Lamaru's last two closed months: nothing recorded anywhere."""
    months = [last_closed_month(), previous_month(last_closed_month())]
    kelurahan = Area.objects.filter(code=SILENT_KELURAHAN).first()
    if kelurahan is None:
        return
    rt_ids = list(Area.objects.filter(parent=kelurahan).values_list("id", flat=True))
    for month in months:
        end = (month + dt.timedelta(days=31)).replace(day=1)
        EducationSession.objects.filter(
            chapter__kelurahan=kelurahan, held_on__gte=month, held_on__lt=end, is_demo=True
        ).delete()
        CoordinationMeeting.objects.filter(
            chapter__kelurahan=kelurahan, held_on__gte=month, held_on__lt=end, is_demo=True
        ).delete()
        # By a list of ids: PostgreSQL plans the joined DELETE as a minutes-long nested loop.
        MonthlyReturn.objects.filter(rt_id__in=rt_ids, month=month, is_demo=True).delete()


def _reports(chapters: list[Chapter], months: list[dt.date]) -> None:
    chairs = dict(
        Activist.objects.filter(chapter__in=chapters, position=Position.CHAIR).values_list(
            "chapter_id", "person_id"
        )
    )
    reports = []
    for chapter in chapters:
        for month in months[:-1]:  # the running month is still open
            if _score(chapter.pk, month, "report") >= 80:
                continue
            if chapter.kelurahan.code == SILENT_KELURAHAN and month >= previous_month(
                last_closed_month()
            ):
                continue
            f = chapter_month(chapter, month)
            reports.append(
                ChapterReport(
                    chapter=chapter,
                    month=month,
                    sessions=f.sessions,
                    children_reached=f.children,
                    adults_reached=f.adults,
                    accompaniments=f.accompaniments,
                    meetings=f.meetings,
                    confirmed_by_id=chairs.get(chapter.pk),
                    confirmed_at=timezone.make_aware(
                        dt.datetime.combine(month + dt.timedelta(days=33), dt.time(8))
                    ),
                    is_demo=True,
                )
            )
    ChapterReport.objects.bulk_create(reports, batch_size=500)


def forum_visits_demo(chapters: list[Chapter], months: list[dt.date]) -> None:
    """Called by ``forum.demo`` for newly created chapters."""
    _accounts(chapters)
    _silence(chapters)
    _cases_and_visits(chapters, months)
    _reports(chapters, months)
    city = Area.objects.filter(kind=AreaKind.CITY, code="64.71").first()
    if city is not None:
        pulse_flag(area=city, month=last_closed_month())
