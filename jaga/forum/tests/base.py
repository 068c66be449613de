"""Forum fixtures on top of the shared personas: a Manggar chapter (the ``activist`` persona's
organisation) whose ketua is the ``activist`` persona, a Prapatan chapter with its own
activist account, and RT numbers to count by hand."""

import datetime as dt
import io

from PIL import Image

from jaga.access.roles import Role
from jaga.forum.models import Activist, Chapter, EducationSession, Position, phone_index
from jaga.forum.services.sessions import session_record
from jaga.people.models import Organisation, OrganisationKind
from jaga.testing import JagaTestCase, make_person

FORMED = dt.date(2020, 1, 15)


def png_bytes(size: tuple[int, int] = (4, 4)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, "PNG")
    return buffer.getvalue()


def activist_record(chapter: Chapter, n: int, position: str = Position.MEMBER, person=None):
    phone = f"+62812000{chapter.pk:02d}{n:03d}"
    return Activist.objects.create(
        chapter=chapter,
        name=f"Aktivis {n}",
        phone=phone,
        phone_index=phone_index(phone),
        position=position,
        person=person,
    )


def add_session(
    chapter: Chapter, day: dt.date, rts, *, girls=0, boys=0, women=0, men=0, by=None
) -> EducationSession:
    """An RT-meeting session of ``chapter`` with the given audience counts."""
    return session_record(
        chapter=chapter,
        held_on=day,
        rts=rts,
        place_kind="rt_meeting",
        topics=["pencegahan_kekerasan"],
        audience="community",
        girls=girls,
        boys=boys,
        women=women,
        men=men,
        recorded_by=by,
    ).session


class ForumTestCase(JagaTestCase):
    manggar_chapter: Chapter
    prapatan_chapter: Chapter
    chair: Activist
    member: Activist
    other_chair: Activist

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.manggar_chapter = Chapter.objects.create(
            kelurahan=cls.manggar, organisation=cls.chapter, formed_on=FORMED
        )
        prapatan_org = Organisation.objects.create(
            name="FP2ATBM Prapatan", kind=OrganisationKind.FP2ATBM_CHAPTER, area=cls.prapatan
        )
        cls.prapatan_chapter = Chapter.objects.create(
            kelurahan=cls.prapatan, organisation=prapatan_org, formed_on=FORMED
        )
        cls.activist_other = make_person("activist_other", Role.ACTIVIST, organisation=prapatan_org)
        cls.chair = activist_record(cls.manggar_chapter, 1, Position.CHAIR, cls.activist)
        cls.member = activist_record(cls.manggar_chapter, 2)
        cls.other_chair = activist_record(
            cls.prapatan_chapter, 1, Position.CHAIR, cls.activist_other
        )
