"""Demo FP2ATBM data for ``jaga load-demo``: a chapter in every kelurahan with four activists
(trained in July 2025, as the city's were), 18 months of education sessions and coordination
meetings. Chosen by a hash (not at random) so every load gives the same city; chapters that
exist are skipped, so loading twice adds nothing twice."""

import datetime as dt
import hashlib

from django.db import transaction
from django.utils import timezone

from jaga.areas.models import Area, AreaKind
from jaga.areas.services import BALIKPAPAN
from jaga.codes.models import Code, CodeList
from jaga.core.demo import register_demo
from jaga.core.periods import current_month, months_ending
from jaga.forum.demo_visits import forum_visits_demo
from jaga.forum.models import (
    Activist,
    ActivistTraining,
    Audience,
    Chapter,
    CoordinationMeeting,
    EducationSession,
    MeetingPartner,
    PlaceKind,
    Position,
    phone_index,
)
from jaga.people.models import Organisation, OrganisationKind, Person

FIRST = ["Rusmini", "Hendra", "Wati", "Samsul", "Fitri", "Anwar", "Kartini", "Yusuf", "Lina"]
LAST = ["Pratiwi", "Syahrir", "Maulana", "Handayani", "Gunawan", "Rosdiana", "Effendi"]
POSITIONS = [Position.CHAIR, Position.SECRETARY, Position.MEMBER, Position.MEMBER]
DEMO_MONTHS = 18
TRAINED_ON = dt.date(2025, 7, 15)


def _score(*parts: object) -> int:
    """A stable number 0–99 for the given parts."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()
    return int(digest[:8], 16) % 100


def _chapters(kelurahan: list[Area]) -> list[Chapter]:
    organisations = {
        o.area_id: o
        for o in Organisation.objects.filter(
            kind=OrganisationKind.FP2ATBM_CHAPTER, area__in=kelurahan
        )
    }
    chapters = []
    for area in kelurahan:
        organisation = organisations.get(area.pk)
        if organisation is None:
            continue
        year = 2014 + _score(area.code) % 6
        chapters.append(
            Chapter(
                kelurahan=area,
                organisation=organisation,
                formed_on=dt.date(year, 1 + _score(area.code, "m") % 12, 1),
                decision_number=f"188.45-{_score(area.code, 'sk'):03d}/{year}",
                decision_date=dt.date(year, 1 + _score(area.code, "m") % 12, 1),
                is_demo=True,
            )
        )
    return Chapter.objects.bulk_create(chapters)


def _activists(chapters: list[Chapter]) -> None:
    activists = []
    for chapter in chapters:
        for number, position in enumerate(POSITIONS, start=1):
            # 0800… is no Indonesian mobile range in use: demo numbers reach nobody.
            phone = f"+628009{chapter.kelurahan_id:05d}{number}"
            key = chapter.kelurahan_id + number
            activists.append(
                Activist(
                    chapter=chapter,
                    name=f"{FIRST[key % len(FIRST)]} {LAST[key * 3 % len(LAST)]} (demo)",
                    phone=phone,
                    phone_index=phone_index(phone),
                    position=position,
                    is_demo=True,
                )
            )
    Activist.objects.bulk_create(activists, batch_size=500)
    ActivistTraining.objects.bulk_create(
        [
            ActivistTraining(
                activist=a, title="Pelatihan aktivis PATBM", held_on=TRAINED_ON, is_demo=True
            )
            for a in Activist.objects.filter(chapter__in=chapters)
            if _score(a.phone_index, "trained") < 85
        ],
        batch_size=500,
    )


def _link_demo_account(chapters: list[Chapter]) -> None:
    """The demo login ``aktivis.manggar`` is the ketua of the Manggar chapter."""
    person = Person.objects.filter(username="aktivis.manggar").first()
    manggar = next((c for c in chapters if c.kelurahan.code == "64.71.01.1001"), None)
    if person is None or manggar is None:
        return
    Activist.objects.filter(chapter=manggar, position=Position.CHAIR).update(person=person)


def _sessions(chapters: list[Chapter], months: list[dt.date]) -> None:
    topics = list(Code.objects.of(CodeList.EDUCATION_TOPIC))
    places = list(PlaceKind.values)
    audiences = list(Audience.values)
    rts_of: dict[int, list[int]] = {}
    for rt_id, parent_id in Area.objects.filter(
        kind=AreaKind.RT, parent__in=[c.kelurahan_id for c in chapters]
    ).values_list("pk", "parent_id"):
        rts_of.setdefault(parent_id, []).append(rt_id)
    today = timezone.localdate()
    sessions, links = [], []
    for chapter in chapters:
        for month in months:
            # 0–3 sessions a month, most months at least one (0 in about one month of seven).
            for n in range((_score(chapter.kelurahan.code, month) % 7 + 1) // 2):
                day = month.replace(day=1 + _score(chapter.pk, month, n) % 27)
                if day > today or day < chapter.formed_on:
                    continue
                s = _score(chapter.pk, month, n, "s")
                audience = audiences[s % 3]
                children = 10 + s % 40 if audience == Audience.CHILDREN else s % 8
                adults = 4 + s % 25 if audience != Audience.CHILDREN else 2 + s % 4
                sessions.append(
                    EducationSession(
                        chapter=chapter,
                        held_on=day,
                        place_kind=places[s % len(places)],
                        audience=audience,
                        girls=children // 2 + children % 2,
                        boys=children // 2,
                        women=adults * 2 // 3,
                        men=adults - adults * 2 // 3,
                        is_demo=True,
                    )
                )
                rts = rts_of.get(chapter.kelurahan_id, [])
                links.append(
                    (
                        [rts[(s + k * 7) % len(rts)] for k in range(1 + s % 3)] if rts else [],
                        [topics[(s + k) % len(topics)] for k in range(1 + s % 2)],
                    )
                )
    created = EducationSession.objects.bulk_create(sessions, batch_size=1000)
    rt_through = EducationSession.rts.through
    topic_through = EducationSession.topics.through
    rt_through.objects.bulk_create(
        {
            (session.pk, rt): rt_through(educationsession_id=session.pk, area_id=rt)
            for session, (rts, _topics) in zip(created, links, strict=True)
            for rt in rts
        }.values(),
        batch_size=2000,
    )
    topic_through.objects.bulk_create(
        {
            (session.pk, code.pk): topic_through(educationsession_id=session.pk, code_id=code.pk)
            for session, (_rts, codes) in zip(created, links, strict=True)
            for code in codes
        }.values(),
        batch_size=2000,
    )


def _meetings(chapters: list[Chapter], months: list[dt.date]) -> None:
    partners = list(MeetingPartner.values)
    today = timezone.localdate()
    CoordinationMeeting.objects.bulk_create(
        [
            CoordinationMeeting(
                chapter=chapter,
                held_on=month.replace(day=5 + _score(chapter.pk, month, "r") % 20),
                partner=partners[_score(chapter.pk, month, "p") % len(partners)],
                is_demo=True,
            )
            for chapter in chapters
            for month in months
            if _score(chapter.pk, month, "meet") < 70
            and month.replace(day=5 + _score(chapter.pk, month, "r") % 20) <= today
        ],
        batch_size=1000,
    )


@register_demo
@transaction.atomic
def forum_demo() -> None:
    """FP2ATBM chapters, activists, trainings, sessions and meetings for every kelurahan."""
    kelurahan = list(
        Area.objects.filter(
            kind=AreaKind.KELURAHAN, code__startswith=BALIKPAPAN + ".", fp2atbm_chapter__isnull=True
        )
    )
    chapters = _chapters(kelurahan)
    if not chapters:
        return
    _activists(chapters)
    _link_demo_account(chapters)
    months = months_ending(current_month(), DEMO_MONTHS)
    _sessions(chapters, months)
    _meetings(chapters, months)
    forum_visits_demo(chapters, months)
