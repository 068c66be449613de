"""Reports over the API: the same rules and services as the pages."""

import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from ninja import Schema
from pydantic import Field

from jaga.access.api import JagaRouter
from jaga.access.decorators import api_rule
from jaga.access.policy import holds
from jaga.codes.schema import PlaceCode, SexCode, ViolenceForm
from jaga.core.api import problems
from jaga.reports.models import Channel, CloseReason, Report, VictimKind
from jaga.reports.selectors import report_for_triage, report_queue, reports_own, rt_resolve
from jaga.reports.services import report_close, report_submit, report_verify

router = JagaRouter(tags=["laporan"])


# A report from the public comes through the public form (rate limit, time token), never here.
if TYPE_CHECKING:
    StaffChannel = str
else:
    StaffChannel = StrEnum(
        "StaffChannel", {c.name: c.value for c in Channel if c != Channel.PUBLIC}
    )

# A NIK is 16 digits; the spaces and dots people type between groups are dropped.
NIK_PATTERN = r"^[\s.]*(\d[\s.]*){16}$|^[\s.]*$"


class ReportIn(Schema):
    channel: StaffChannel = Channel.RT.value
    rt_code: str = Field(max_length=40)
    violence_forms: list[ViolenceForm] = Field(min_length=1)
    place: PlaceCode
    victim_kind: VictimKind
    victim_sex: SexCode
    victim_age: int | None = Field(None, ge=0, le=120, description="Anak: di bawah 18.")
    victim_birth_date: datetime.date | None = Field(None, description="Tidak di masa depan.")
    victim_name: str = Field("", max_length=160)
    victim_nik: str = Field("", max_length=24, pattern=NIK_PATTERN)
    victim_address: str = Field("", max_length=300)
    incident_date: datetime.date | None = Field(None, description="Tidak setelah hari ini.")
    is_urgent: bool = False
    description: str = Field("", max_length=4000)
    reporter_name: str = Field("", max_length=160)
    reporter_phone: str = Field("", max_length=20)


class ReportStatusOut(Schema):
    id: int
    tracking_code: str
    status: str
    received_at: datetime.datetime
    is_urgent: bool


class QueueItemOut(ReportStatusOut):
    channel: str
    rt_code: str
    victim_kind: str
    victim_age: int | None
    violence_forms: list[str]
    verified: bool


class ReportCloseIn(Schema):
    reason: CloseReason
    note: str = Field("", description="Wajib bila alasannya lainnya (other).")
    forwarded_to: str = Field(
        "", max_length=160, description="Wajib bila di luar wilayah (out_of_area)."
    )
    duplicate_of: int | None = Field(None, description="Wajib bila laporan ganda (duplicate).")


def status_out(report: Report) -> dict:
    return {
        "id": report.pk,
        "tracking_code": report.tracking_code,
        "status": report.status,
        "received_at": report.received_at,
        "is_urgent": report.is_urgent,
    }


def queue_out(report: Report) -> dict:
    return {
        **status_out(report),
        "channel": report.channel,
        "rt_code": report.rt.code,
        "victim_kind": report.victim_kind,
        "victim_age": report.victim_age,
        "violence_forms": [c.code for c in report.violence_forms.all()],
        "verified": report.verified_at is not None,
    }


@router.post("/", response={201: ReportStatusOut}, summary="Kirim laporan (petugas RT atau staf)")
@api_rule("reports.submit")
def submit(request, payload: ReportIn):
    channel = payload.channel if holds(request.user, "reports.intake") else Channel.RT
    data = payload.dict(exclude={"channel", "rt_code"})
    try:
        rt = rt_resolve(rt_code=payload.rt_code)
        report = report_submit(by=request.user, channel=channel, rt=rt, request=request, **data)
    except ValidationError as error:
        raise problems(error) from None
    return 201, status_out(report)


@router.get("/saya", response=list[ReportStatusOut], summary="Status laporan yang saya kirim")
@api_rule("reports.own")
def own(request):
    return [status_out(r) for r in reports_own(request.user)[:200]]


@router.get("/antrean", response=list[QueueItemOut], summary="Antrean triase (mendesak dulu)")
@api_rule("reports.triage")
def queue(request):
    return [queue_out(r) for r in report_queue(request.user)[:200]]


@router.post("/{report_id}/verifikasi", response=ReportStatusOut, summary="Verifikasi laporan")
@api_rule("reports.triage")
def verify(request, report_id: int):
    report = report_for_triage(request.user, report_id)
    try:
        return status_out(report_verify(report=report, by=request.user, request=request))
    except ValidationError as error:
        raise problems(error) from None


@router.post("/{report_id}/tutup", response=ReportStatusOut, summary="Tutup laporan tanpa kasus")
@api_rule("reports.triage")
def close(request, report_id: int, payload: ReportCloseIn):
    report = report_for_triage(request.user, report_id)
    duplicate_of = (
        report_for_triage(request.user, payload.duplicate_of) if payload.duplicate_of else None
    )
    try:
        closed = report_close(
            report=report,
            by=request.user,
            reason=payload.reason,
            note=payload.note,
            forwarded_to=payload.forwarded_to,
            duplicate_of=duplicate_of,
            request=request,
        )
    except ValidationError as error:
        raise problems(error) from None
    return status_out(closed)
