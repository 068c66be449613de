"""Cases over the API: the same rules, selectors and services as the pages. Identities appear
only when the policy says the caller sees them (the case team)."""

import datetime

from django.core.exceptions import ValidationError
from ninja import Schema
from pydantic import Field

from jaga.access.api import JagaRouter
from jaga.access.decorators import api_rule
from jaga.access.policy import holds, require
from jaga.cases import services
from jaga.cases.models import Case, CaseStatus
from jaga.cases.selectors import (
    case_for,
    case_page,
    case_people,
    case_read,
    case_search_elsewhere,
    case_timeline,
)
from jaga.core.api import problems
from jaga.reports.selectors import report_for_triage

router = JagaRouter(tags=["kasus"])


class CaseSummaryOut(Schema):
    id: int
    number: str
    status: str
    is_urgent: bool
    violence_forms: list[str]
    place: str
    kelurahan_code: str
    opened_at: datetime.datetime
    version: int


class PersonOut(Schema):
    kind: str
    victim_kind: str
    age_group: str | None
    sex: str
    education: str | None
    has_disability: bool
    relationship: str | None
    # Identity: null unless the caller is on the case team.
    name: str | None = None
    nik: str | None = None
    birth_date: str | None = None
    address: str | None = None
    phone: str | None = None


class EventOut(Schema):
    at: datetime.datetime
    kind: str
    from_status: str
    to_status: str
    note: str | None


class CaseDetailOut(CaseSummaryOut):
    identified: bool
    allowed_statuses: list[str]
    people: list[PersonOut]
    timeline: list[EventOut]


class TransitionIn(Schema):
    to_status: CaseStatus = Field(description="Salah satu allowed_statuses kasus ini.")
    version: int = Field(description="Versi kasus yang dibaca; bila sudah berubah: 409.")
    note: str = Field("", description="Wajib untuk menutup kasus (closed).")


def summary_out(case: Case) -> dict:
    return {
        "id": case.pk,
        "number": case.number,
        "status": case.status,
        "is_urgent": case.is_urgent,
        "violence_forms": [c.code for c in case.violence_forms.all()],
        "place": case.place.code,
        "kelurahan_code": case.rt.parent.code if case.rt.parent else "",
        "opened_at": case.opened_at,
        "version": case.version,
    }


def _code(code) -> str | None:
    return code.code if code else None


def person_out(person, identified: bool) -> dict:
    data = {
        "kind": person.kind,
        "victim_kind": person.victim_kind,
        "age_group": _code(person.age_group),
        "sex": person.sex.code,
        "education": _code(person.education),
        "has_disability": person.has_disability,
        "relationship": _code(person.relationship),
    }
    if identified:
        fields = ("name", "nik", "birth_date", "address", "phone")
        data.update({f: getattr(person, f) or None for f in fields})
    return data


@router.get(
    "/",
    response=list[CaseSummaryOut],
    summary="Daftar kasus (tanpa identitas)",
    description="Paling banyak 200 kasus, mendesak lalu terbaru dahulu; halaman berikutnya: "
    "`setelah` = id kasus terakhir yang diterima. Pencarian menurut NIK atau nama hanya "
    "mencantumkan kasus tim Anda sendiri.",
)
@api_rule("cases.view")
def cases(request, q: str = "", setelah: int | None = None):
    query = q if holds(request.user, "cases.search") else ""
    params = {"setelah": str(setelah)} if setelah else {}
    case_search_elsewhere(request.user, query, request=request)  # audited, never listed
    return [summary_out(c) for c in case_page(request.user, params, query=query, size=200)]


@router.get("/{case_id}", response=CaseDetailOut, summary="Kasus: identitas hanya untuk tim kasus")
@api_rule("cases.view")
def detail(request, case_id: int):
    view = case_read(request.user, case_id, request=request)
    case = view.case
    return {
        **summary_out(case),
        "identified": view.identified,
        "allowed_statuses": case.allowed_statuses,
        "people": [person_out(p, view.identified) for p in case_people(case)],
        "timeline": [
            {
                "at": e.at,
                "kind": e.kind,
                "from_status": e.from_status,
                "to_status": e.to_status,
                "note": e.note if view.identified else None,
            }
            for e in case_timeline(case)
        ],
    }


@router.post(
    "/dari-laporan/{report_id}", response={201: CaseSummaryOut}, summary="Buka kasus dari laporan"
)
@api_rule("cases.open")
def open_case(request, report_id: int):
    report = report_for_triage(request.user, report_id)
    try:
        case = services.case_open(report=report, by=request.user, request=request)
    except ValidationError as error:
        raise problems(error) from None
    return 201, summary_out(case_for(request.user, "cases.view", case.pk))


@router.post("/{case_id}/status", response=CaseSummaryOut, summary="Ubah status kasus")
@api_rule("cases.edit")
def transition(request, case_id: int, payload: TransitionIn):
    case = case_for(request.user, "cases.view", case_id)
    require(request.user, "cases.edit", case)
    try:
        services.case_transition(
            case=case,
            by=request.user,
            to_status=payload.to_status,
            version=payload.version,
            note=payload.note,
            request=request,
        )
    except ValidationError as error:
        raise problems(error) from None
    return summary_out(case_for(request.user, "cases.view", case_id))
