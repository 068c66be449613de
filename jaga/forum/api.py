"""The forum's JSON API: the same services and selectors as the pages, the same rules."""

import datetime as dt
from typing import Annotated

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import HttpError
from pydantic import Field

from jaga.access.api import JagaRouter
from jaga.access.decorators import api_rule
from jaga.codes.schema import EducationTopic
from jaga.core.api import problems
from jaga.forum import selectors
from jaga.forum.models import Audience, PlaceKind
from jaga.forum.services import sessions as services
from jaga.forum.services.sessions import MAX_COUNT

router = JagaRouter(tags=["fp2atbm"])


# Checked by the service, with the page's messages.
Count = Annotated[int, Field(json_schema_extra={"minimum": 0, "maximum": MAX_COUNT})]


class EducationSessionIn(Schema):
    held_on: dt.date = Field(description="Tidak di masa depan, tidak sebelum forum dibentuk.")
    rt_codes: list[Annotated[str, Field(max_length=40)]] = []
    place_kind: PlaceKind
    topics: list[EducationTopic] = Field(min_length=1)
    audience: Audience
    girls: Count = Field(0, description="Jumlah keempatnya paling sedikit 1.")
    boys: Count = 0
    women: Count = 0
    men: Count = 0


class EducationSessionOut(Schema):
    id: int
    kelurahan_code: str
    held_on: dt.date
    children: int
    adults: int
    warnings: list[str]


@router.post("/sosialisasi", response=EducationSessionOut, summary="Catat sosialisasi / edukasi")
@api_rule("forum.record")
def session_create(request, payload: EducationSessionIn):
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
