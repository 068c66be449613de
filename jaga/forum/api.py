"""The forum's JSON API: the same services and selectors as the pages, the same rules."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import HttpError

from jaga.access.api import JagaRouter
from jaga.access.decorators import api_rule
from jaga.core.api import problems
from jaga.forum import selectors
from jaga.forum.services import sessions as services

router = JagaRouter(tags=["fp2atbm"])


class SessionIn(Schema):
    held_on: dt.date
    rt_codes: list[str] = []
    place_kind: str
    topics: list[str]
    audience: str
    girls: int = 0
    boys: int = 0
    women: int = 0
    men: int = 0


class SessionOut(Schema):
    id: int
    kelurahan_code: str
    held_on: dt.date
    children: int
    adults: int
    warnings: list[str]


@router.post("/sosialisasi", response=SessionOut, summary="Catat sosialisasi / edukasi")
@api_rule("forum.record")
def session_create(request, payload: SessionIn):
    chapters = list(selectors.chapters_for(request.user, "forum.record")[:1])
    if not chapters:
        raise HttpError(403, _("Akun ini tidak terhubung ke FP2ATBM kelurahan mana pun."))
    chapter = chapters[0]
    try:
        result = services.session_record(
            chapter=chapter,
            held_on=payload.held_on,
            rts=selectors.rts_named(codes=payload.rt_codes),
            place_kind=payload.place_kind,
            topics=payload.topics,
            audience=payload.audience,
            girls=payload.girls,
            boys=payload.boys,
            women=payload.women,
            men=payload.men,
            recorded_by=request.user,
        )
    except ValidationError as error:
        raise problems(error) from None
    session = result.session
    return {
        "id": session.pk,
        "kelurahan_code": chapter.kelurahan.code,
        "held_on": session.held_on,
        "children": session.children,
        "adults": session.adults,
        "warnings": result.warnings,
    }
