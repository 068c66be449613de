"""The children's voice as JSON (/api/suara-anak/): survey sessions for those who run them,
suppressed results, and the public "you said, we did". The same services, selectors and rules
as the pages; like the pages, no operation returns a single answer."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Schema
from ninja.errors import HttpError

from jaga.access.api import JagaRouter
from jaga.access.decorators import api_rule
from jaga.core.api import RequiredText, problems
from jaga.voice.models import AgeBand, ClassLevel, Round, Sex, SurveySession
from jaga.voice.selectors import forums
from jaga.voice.selectors.results import (
    Breakdown,
    ResultFilter,
    Results,
    breakdowns_for,
    feels_safe,
    latest_round,
    public_results_area,
    results,
    rounds_of,
    staff_results_area,
)
from jaga.voice.selectors.sessions import (
    kelurahan_for_sessions,
    rounds_for_sessions,
    schools_for_sessions,
    session_get,
    sessions_for,
)
from jaga.voice.services.survey import session_close, session_open

router = JagaRouter(tags=["suara-anak"])


class SurveySessionIn(Schema):
    round_id: int
    kelurahan_code: str
    class_level: ClassLevel
    held_on: dt.date
    expected_answers: int = Field(ge=1, le=500)
    helper_name: RequiredText = Field(max_length=80)
    school_id: int | None = None
    place: str = Field("", max_length=120, description="Wajib bila tanpa sekolah (school_id).")
    hours: int = Field(3, ge=1, le=12)


class SurveySessionOut(Schema):
    id: int
    code: str
    kelurahan_code: str
    school: str
    place: str
    class_level: str
    held_on: dt.date
    opens_at: dt.datetime
    closes_at: dt.datetime
    is_open: bool
    expected_answers: int
    answers: int  # a count: what the children answered is never listed


def _session_out(session: SurveySession, answers: int) -> dict:
    return {
        "id": session.pk,
        "code": session.code,
        "kelurahan_code": session.kelurahan.code,
        "school": session.school.name if session.school else "",
        "place": session.place,
        "class_level": session.class_level,
        "held_on": session.held_on,
        "opens_at": session.opens_at,
        "closes_at": session.closes_at,
        "is_open": session.is_open(),
        "expected_answers": session.expected_answers,
        "answers": answers,
    }


@router.get("/sesi", response=list[SurveySessionOut], summary="Sesi survei yang dapat Anda lihat")
@api_rule("voice.session_view")
def session_list(request):
    return [_session_out(s, s.answers) for s in sessions_for(request.user)[:100]]  # type: ignore[attr-defined]


@router.post("/sesi", response=SurveySessionOut, summary="Buka sesi survei “Aku merasa aman?”")
@api_rule("voice.session_open")
def session_create(request, payload: SurveySessionIn):
    survey_round = rounds_for_sessions(request.user).filter(pk=payload.round_id).first()
    if survey_round is None:
        raise problems(
            ValidationError({"round_id": _("Putaran survei ini tidak sedang berjalan.")})
        )
    school = None
    if payload.school_id is not None:
        school = schools_for_sessions(request.user).filter(pk=payload.school_id).first()
        if school is None:
            raise problems(ValidationError({"school_id": _("Pilih sebuah sekolah.")}))
    try:
        session = session_open(
            by=request.user,
            survey_round=survey_round,
            kelurahan=kelurahan_for_sessions(request.user)
            .filter(code=payload.kelurahan_code)
            .first(),
            class_level=payload.class_level,
            held_on=payload.held_on,
            expected_answers=payload.expected_answers,
            helper_name=payload.helper_name,
            school=school,
            place=payload.place,
            hours=payload.hours,
        )
    except ValidationError as error:
        raise problems(error) from None
    return _session_out(session, 0)


@router.post("/sesi/{session_id}/tutup", response=SurveySessionOut, summary="Tutup sesi survei")
@api_rule("voice.session_view")
def session_end(request, session_id: int):
    session = session_get(request.user, session_id)
    session_close(by=request.user, session=session)
    return _session_out(session, session.answers)  # type: ignore[attr-defined]


class ResultQuery(Schema):
    round_id: int | None = None  # default: the newest round with sessions
    by: Breakdown | None = None
    age_band: AgeBand | None = None
    sex: Sex | None = None


class TableOut(Schema):
    code: str
    question: str
    columns: list[str]
    rows: list[str]
    cells: list[list[str]]  # printed: "<10" or "×" where a count is suppressed
    row_totals: list[str] | None
    column_totals: list[str] | None
    total: str | None


class ResultsOut(Schema):
    area_code: str
    round_id: int | None
    round: str
    by: str
    responses: int
    feels_safe_percent: int | None  # None below the floor of 10 answers
    tables: list[TableOut]


def _results_out(area, city_code: str, query: ResultQuery, *, public: bool) -> dict:
    allowed = breakdowns_for(area, public=public)
    breakdown = query.by if query.by in allowed else allowed[0]
    rounds = rounds_of(city_code)
    chosen: Round | None = None
    if query.round_id is not None:
        chosen = rounds.filter(pk=query.round_id).first()
    survey_round = chosen or latest_round(city_code)
    out: dict = {"area_code": area.code, "by": breakdown.value, "tables": []}
    out.update(round_id=None, round="", responses=0, feels_safe_percent=None)
    if survey_round is None:
        return out
    headline = feels_safe(survey_round, area.code)
    out.update(round_id=survey_round.pk, round=survey_round.name)
    out.update(responses=headline.responses, feels_safe_percent=headline.percent)
    result_filter = ResultFilter(survey_round, area.code, query.age_band or "", query.sex or "")
    found: Results = results(result_filter, breakdown)
    out["tables"] = [
        {
            "code": t.code,
            "question": str(t.text),
            "columns": [str(c) for c in t.table.columns],
            "rows": [str(r) for r in t.table.rows],
            "cells": t.table.cells,
            "row_totals": t.table.row_totals,
            "column_totals": t.table.column_totals,
            "total": t.table.total,
        }
        for t in found.tables
    ]
    return out


@router.get(
    "/hasil", response=ResultsOut, summary="Hasil survei (agregat, jumlah kecil disamarkan)"
)
@api_rule("voice.results")
def staff_results(request, query: Query[ResultQuery], area_code: str = ""):
    area, city_code = staff_results_area(request.user, area_code)
    if not city_code:  # a province: rounds belong to a city
        raise HttpError(404, _("Pilih satu kota: hasil survei dihitung per kota."))
    return _results_out(area, city_code, query, public=False)


@router.get(
    "/publik/hasil",
    response=ResultsOut,
    auth=None,
    summary="Hasil survei untuk publik (kota dan kecamatan)",
)
@api_rule("voice.public")
def public_results(
    request, query: Query[ResultQuery], city_code: str = "64.71", kecamatan_code: str = ""
):
    area, city = public_results_area(city_code, kecamatan_code)
    return _results_out(area, city.code, query, public=True)


class ProposalOut(Schema):
    forum: str
    title: str
    addressee: str
    sent_on: dt.date
    status: str
    answer: str
    answered_on: dt.date | None


@router.get(
    "/publik/usulan",
    response=list[ProposalOut],
    auth=None,
    summary="Usulan anak dan jawabannya: kalian bilang, kami lakukan",
)
@api_rule("voice.public")
def proposals(request):
    return [
        {
            "forum": p.forum.name,
            "title": p.title,
            "addressee": p.addressee.name,
            "sent_on": p.sent_on,
            "status": str(p.get_status_display()),
            "answer": p.answer,
            "answered_on": timezone.localdate(p.answered_at) if p.answered_at else None,
        }
        for p in forums.proposals_public()[:200]
    ]
