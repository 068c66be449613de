"""Referrals over the API: the same rules, selectors and services as the pages. The shared
data appears only for the partner's officers and the case team, and only what is shared."""

import datetime

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from ninja import Schema
from pydantic import Field

from jaga.access.api import JagaRouter
from jaga.access.decorators import api_rule
from jaga.access.policy import require
from jaga.audit.models import AuditAction
from jaga.cases.models import ShareField
from jaga.cases.selectors import case_for
from jaga.clocks.selectors import TargetBook
from jaga.core.api import RequiredText, problems
from jaga.people.selectors import organisation_list
from jaga.referrals import services
from jaga.referrals.clocks import referral_clocks
from jaga.referrals.letters import referral_letter_pdf
from jaga.referrals.models import Referral
from jaga.referrals.selectors import referral_get, referral_list, referral_shared_data

router = JagaRouter(tags=["rujukan"])


class ClockOut(Schema):
    step: str
    state: str
    due: datetime.datetime
    level: int


class ReferralOut(Schema):
    id: int
    letter_number: str
    case_number: str
    organisation: str
    service: str
    is_urgent: bool
    status: str
    shared_fields: list[str]
    due_date: datetime.date
    sent_at: datetime.datetime
    responded_at: datetime.datetime | None
    completed_at: datetime.datetime | None
    clocks: list[ClockOut]


class VictimOut(Schema):
    victim_kind: str
    age_group: str
    sex: str
    shared: dict[str, str]


class SharedOut(Schema):
    fields: list[str]
    withheld: str
    ended: bool
    victims: list[VictimOut]
    violence_forms: list[str]
    place: str
    incident_date: datetime.date | None
    notes: list[str]


class ReferralDetailOut(ReferralOut):
    request_note: str | None = None
    decline_reason: str | None = None
    service_note: str | None = None
    shared: SharedOut | None = None


class ReferralIn(Schema):
    case_id: int
    organisation_id: int
    service: str
    is_urgent: bool = False
    shared_fields: list[ShareField] = []
    due_date: datetime.date = Field(description="Hari ini atau kemudian.")
    note: str = ""


class DeclineIn(Schema):
    reason: RequiredText


class ServiceIn(Schema):
    served_on: datetime.date = Field(
        description="Tidak di masa depan, tidak sebelum rujukan dikirim."
    )
    note: RequiredText


def referral_out(referral: Referral, book: TargetBook) -> dict:
    return {
        "id": referral.pk,
        "letter_number": referral.letter_number,
        "case_number": referral.case.number,
        "organisation": referral.organisation.name,
        "service": referral.service.code,
        "is_urgent": referral.is_urgent,
        "status": referral.status,
        "shared_fields": referral.shared_fields,
        "due_date": referral.due_date,
        "sent_at": referral.sent_at,
        "responded_at": referral.responded_at,
        "completed_at": referral.completed_at,
        "clocks": [
            {"step": c.step, "state": c.state, "due": c.due, "level": c.level}
            for c in referral_clocks(referral, book)
        ],
    }


def detail_out(request, referral: Referral) -> dict:
    out = referral_out(referral, TargetBook())
    shared = referral_shared_data(request.user, referral, request=request)
    if shared is None:
        return out
    out.update(
        request_note=None if shared.ended else referral.request_note,
        decline_reason=referral.decline_reason,
        service_note=referral.service_note,
        shared={
            "fields": shared.fields,
            "withheld": shared.withheld,
            "ended": shared.ended,
            "victims": [
                {
                    "victim_kind": v.victim_kind,
                    "age_group": v.age_group,
                    "sex": v.sex,
                    "shared": v.values,
                }
                for v in shared.victims
            ],
            "violence_forms": shared.violence_forms,
            "place": shared.place,
            "incident_date": shared.incident_date,
            "notes": [e.note for e in shared.notes],
        },
    )
    return out


@router.get("/", response=list[ReferralOut])
@api_rule("referrals.view")
def list_referrals(request, status: str = ""):
    book = TargetBook()
    return [referral_out(r, book) for r in referral_list(request.user, status=status)[:200]]


@router.get("/{referral_id}", response=ReferralDetailOut)
@api_rule("referrals.view")
def get_referral(request, referral_id: int):
    return detail_out(request, referral_get(request.user, referral_id))


@router.post("/", response={201: ReferralDetailOut})
@api_rule("referrals.send")
def send_referral(request, payload: ReferralIn):
    case = case_for(request.user, "cases.view", payload.case_id)
    require(request.user, "referrals.send", case)
    organisation = organisation_list(request.user).filter(pk=payload.organisation_id).first()
    if organisation is None:
        raise problems(ValidationError({"organisation_id": "Mitra tidak ditemukan."}))
    values = payload.dict(exclude={"case_id", "organisation_id"})
    try:
        referral = services.referral_send(
            case=case, by=request.user, organisation=organisation, request=request, **values
        )
    except ValidationError as error:
        raise problems(error) from None
    return 201, detail_out(request, referral_get(request.user, referral.pk))


def _respond(request, referral_id: int, call, **values) -> dict:
    referral = referral_get(request.user, referral_id, "referrals.respond")
    try:
        call(referral=referral, by=request.user, request=request, **values)
    except ValidationError as error:
        raise problems(error) from None
    return detail_out(request, referral_get(request.user, referral_id))


@router.post("/{referral_id}/terima", response=ReferralDetailOut)
@api_rule("referrals.respond")
def accept_referral(request, referral_id: int):
    return _respond(request, referral_id, services.referral_accept)


@router.post("/{referral_id}/tolak", response=ReferralDetailOut)
@api_rule("referrals.respond")
def decline_referral(request, referral_id: int, payload: DeclineIn):
    return _respond(request, referral_id, services.referral_decline, reason=payload.reason)


@router.post("/{referral_id}/layanan", response=ReferralDetailOut)
@api_rule("referrals.respond")
def record_service(request, referral_id: int, payload: ServiceIn):
    return _respond(
        request,
        referral_id,
        services.referral_record_service,
        served_on=payload.served_on,
        note=payload.note,
    )


@router.post("/{referral_id}/selesai", response=ReferralDetailOut)
@api_rule("referrals.respond")
def complete_referral(request, referral_id: int):
    return _respond(request, referral_id, services.referral_complete)


@router.get("/{referral_id}/surat")
@api_rule("referrals.shared")
def referral_letter(request, referral_id: int):
    referral = referral_get(request.user, referral_id)
    require(request.user, "referrals.shared", referral)
    data = referral_shared_data(
        request.user, referral, request=request, action=AuditAction.DOWNLOAD
    )
    assert data is not None  # referral_get checked the same rule
    response = HttpResponse(referral_letter_pdf(referral, data), content_type="application/pdf")
    response["Content-Disposition"] = "attachment; filename=surat-rujukan.pdf"
    response["Cache-Control"] = "no-store"
    return response
