"""The KLA evaluation over the API (``/api/kla/``): the same rules, selectors, score and
services as the pages."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Schema
from pydantic import Field

from jaga.access.api import JagaRouter
from jaga.access.decorators import api_rule
from jaga.core.api import problems
from jaga.kla import selectors
from jaga.kla.models import Item, Round
from jaga.kla.score import RoundScore, predicate_of
from jaga.kla.services import answer_record

router = JagaRouter(tags=["kla"])


class RoundOut(Schema):
    id: int
    year: int
    status: str
    score: int
    likely_score: int
    at_risk: int
    predicate: str
    likely_predicate: str
    final_score: int | None
    submitted_at: dt.datetime | None


def _round(kla_round: Round, score: RoundScore) -> dict:
    return {
        "id": kla_round.pk,
        "year": kla_round.year,
        "status": kla_round.status,
        "score": score.score,
        "likely_score": score.likely_score,
        "at_risk": score.at_risk,
        "predicate": score.predicate,
        "likely_predicate": score.likely_predicate,
        "final_score": kla_round.final_score,
        "submitted_at": kla_round.submitted_at,
    }


@router.get("/putaran", response=list[RoundOut], summary="Putaran evaluasi KLA dan nilainya")
@api_rule("kla.view")
def rounds(request):
    return [_round(r, selectors.score_of(r)) for r in selectors.rounds_for(request.user)]


class IndicatorOut(Schema):
    number: int
    name: str
    cluster: str
    cluster_name: str
    organisation_id: int | None
    organisation: str
    items: int
    answered: int
    claimed: float
    likely: float
    max_points: int


@router.get(
    "/putaran/{round_id}/indikator",
    response=list[IndicatorOut],
    summary="Indikator satu putaran: poin, butir terjawab dan penanggung jawab",
)
@api_rule("kla.view")
def indicators(request, round_id: int):
    kla_round = selectors.round_get(request.user, round_id)
    assignments = selectors.assignments_of(kla_round)
    rows = []
    for ind in selectors.score_of(kla_round).indicators:
        assignment = assignments.get(ind.indicator.pk)
        organisation = assignment.organisation if assignment else None
        rows.append(
            {
                "number": ind.indicator.number,
                "name": ind.indicator.name,
                "cluster": ind.indicator.cluster,
                "cluster_name": ind.indicator.cluster_name,
                "organisation_id": organisation.pk if organisation else None,
                "organisation": str(organisation or ""),
                "items": len(ind.items),
                "answered": ind.answered,
                "claimed": ind.claimed,
                "likely": ind.likely,
                "max_points": ind.max_points,
            }
        )
    return rows


class AnswerIn(Schema):
    value: str = Field(max_length=40)
    note: str = Field("", max_length=1000)


class AnswerOut(Schema):
    code: str
    value: str
    value_label: str
    note: str
    claimed: float
    at_risk: float
    at_risk_reason: str
    answered_at: dt.datetime


@router.post(
    "/putaran/{round_id}/indikator/{number}/butir/{code}",
    response=AnswerOut,
    summary="Jawab satu butir indikator yang diserahkan kepada organisasi Anda",
)
@api_rule("kla.answer")
def answer(request, round_id: int, number: int, code: str, payload: AnswerIn):
    kla_round = selectors.round_get(request.user, round_id)
    assignment = selectors.assignment_get(request.user, kla_round, number, "kla.answer")
    item = Item.objects.filter(indicator=assignment.indicator, code=code).first()
    if item is None:
        raise Http404
    try:
        recorded = answer_record(
            assignment=assignment,
            item=item,
            value=payload.value,
            note=payload.note,
            by=request.user,
        )
    except ValidationError as error:
        raise problems(error) from None
    indicator = selectors.score_of(kla_round, [number]).indicators[0]
    scored = next(i for i in indicator.items if i.item.pk == item.pk)  # with its evidence
    return {
        "code": item.code,
        "value": recorded.value,
        "value_label": scored.value_label,
        "note": recorded.note,
        "claimed": scored.claimed,
        "at_risk": scored.at_risk,
        "at_risk_reason": scored.risk_reason,
        "answered_at": recorded.answered_at,
    }


class FinalOut(Schema):
    year: int
    final_score: int
    predicate: str


@router.get(
    "/publik",
    response=list[FinalOut],
    auth=None,
    summary="Nilai akhir dan predikat KLA kota (publik)",
)
@api_rule("kla.public")
def public(request, kota: str = "64.71"):
    city = selectors.public_city(kota)
    rows = []
    for r in selectors.final_rounds(city.code):  # each has its final score
        score = r.final_score or 0
        rows.append({"year": r.year, "final_score": score, "predicate": predicate_of(score)})
    return rows
