"""The task force over the API (``/api/gugus-tugas/``): the same rules, selectors and services
as the pages."""

import datetime

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from ninja import Schema
from pydantic import Field

from jaga.access.api import JagaRouter
from jaga.access.decorators import api_rule
from jaga.core.api import REQUIRED_TEXT, problems
from jaga.taskforce import figures, selectors
from jaga.taskforce.models import AttendanceStatus, Taskforce
from jaga.taskforce.selectors import ActionRow
from jaga.taskforce.services.actions import action_item_close, action_progress_add
from jaga.taskforce.services.meetings import Mark, attendance_record

router = JagaRouter(tags=["gugus-tugas"])


def _taskforce(request, rule: str = "taskforce.view") -> Taskforce:
    taskforce = selectors.taskforce_current(request.user, rule)
    if taskforce is None:
        raise Http404
    return taskforce


class MeetingOut(Schema):
    id: int
    kind: str
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str
    online_link: str
    invited_at: datetime.datetime | None
    minutes_status: str | None


class ActionOut(Schema):
    id: int
    number: str
    title: str
    meeting_id: int
    agenda_item_id: int
    owner: str
    due_date: datetime.date
    indicators: list[str]
    expected_evidence: str
    status: str
    clock_state: str
    closed_at: datetime.datetime | None


class OutcomeOut(Schema):
    kind: str
    text: str


class AgendaOut(Schema):
    id: int
    position: int
    kind: str
    title: str
    presenter: str
    outcomes: list[OutcomeOut]
    action_items: list[ActionOut]


class AttendanceOut(Schema):
    organisation_id: int
    organisation: str
    is_forum_anak: bool
    status: str | None


class MeetingDetailOut(MeetingOut):
    agenda: list[AgendaOut]
    follow_up: list[ActionOut]
    attendance: list[AttendanceOut]


def _meeting(meeting) -> dict:
    minutes = getattr(meeting, "minutes", None)
    return {
        "id": meeting.pk,
        "kind": meeting.kind,
        "title": meeting.title,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "place": meeting.place,
        "online_link": meeting.online_link,
        "invited_at": meeting.invited_at,
        "minutes_status": minutes.status if minutes else None,
    }


def _action(row: ActionRow) -> dict:
    item = row.item
    return {
        "id": item.pk,
        "number": item.number,
        "title": item.title,
        "meeting_id": item.agenda_item.meeting_id,
        "agenda_item_id": item.agenda_item_id,
        "owner": str(item.owner),
        "due_date": item.due_date,
        "indicators": [code.code for code in row.indicators],
        "expected_evidence": item.expected_evidence,
        "status": item.status,
        "clock_state": str(row.clock.state),
        "closed_at": item.closed_at,
    }


@router.get("/rapat", response=list[MeetingOut], summary="Rapat Gugus Tugas KLA")
@api_rule("taskforce.view")
def meetings(request):
    taskforce = _taskforce(request)
    return [_meeting(m) for m in selectors.meeting_list(request.user, taskforce)[:200]]


@router.get("/rapat/{meeting_id}", response=MeetingDetailOut, summary="Satu rapat")
@api_rule("taskforce.view")
def meeting(request, meeting_id: int):
    found = selectors.meeting_get(request.user, meeting_id)
    agenda = selectors.meeting_agenda(found)
    return {
        **_meeting(found),
        "minutes_status": getattr(selectors.minutes_for(request.user, found), "status", None),
        "agenda": [
            {
                "id": entry.item.pk,
                "position": entry.item.position,
                "kind": entry.item.kind,
                "title": entry.item.title,
                "presenter": str(entry.item.presenter or entry.item.presenter_name),
                "outcomes": [{"kind": o.kind, "text": o.text} for o in entry.outcomes],
                "action_items": [_action(row) for row in entry.actions],
            }
            for entry in agenda
        ],
        "follow_up": [_action(row) for row in selectors.follow_up_items(found)],
        "attendance": _attendance(found),
    }


def _attendance(found) -> list[dict]:
    return [
        {
            "organisation_id": row.member.organisation_id,
            "organisation": str(row.member.organisation),
            "is_forum_anak": row.member.is_forum_anak,
            "status": row.record.status if row.record else None,
        }
        for row in selectors.attendance_rows(found)
    ]


class MarkIn(Schema):
    organisation_id: int
    status: AttendanceStatus
    attendee_name: str = Field("", json_schema_extra={"maxLength": 160})


@router.post(
    "/rapat/{meeting_id}/kehadiran", response=list[AttendanceOut], summary="Catat kehadiran"
)
@api_rule("taskforce.manage")
def attendance(request, meeting_id: int, marks: list[MarkIn]):
    found = selectors.meeting_get(request.user, meeting_id, "taskforce.manage")
    try:
        attendance_record(
            meeting=found,
            marks=[Mark(m.organisation_id, m.status, m.attendee_name) for m in marks],
            by=request.user,
            request=request,
        )
    except ValidationError as error:
        raise problems(error) from None
    return _attendance(found)


@router.get("/aksi", response=list[ActionOut], summary="Rencana aksi")
@api_rule("taskforce.view")
def actions(request, status: str = ""):
    rows = selectors.action_list(request.user, _taskforce(request), status=status)
    return [_action(row) for row in rows]


def _one(request, action_id: int, rule: str = "taskforce.view") -> dict:
    item = selectors.action_get(request.user, action_id, rule)
    return _action(selectors.action_row(item))


@router.get("/aksi/{action_id}", response=ActionOut, summary="Satu rencana aksi")
@api_rule("taskforce.view")
def action(request, action_id: int):
    return _one(request, action_id)


class ProgressIn(Schema):
    note: str = Field(json_schema_extra={**REQUIRED_TEXT, "maxLength": 4000})


@router.post("/aksi/{action_id}/kemajuan", response=ActionOut, summary="Catat kemajuan")
@api_rule("taskforce.action_update")
def progress(request, action_id: int, payload: ProgressIn):
    item = selectors.action_get(request.user, action_id, "taskforce.action_update")
    try:
        action_progress_add(item=item, note=payload.note, by=request.user, request=request)
    except ValidationError as error:
        raise problems(error) from None
    return _one(request, action_id)


class ActionCloseIn(Schema):
    evidence: str = Field(json_schema_extra={**REQUIRED_TEXT, "maxLength": 4000})


@router.post("/aksi/{action_id}/tutup", response=ActionOut, summary="Tutup dengan bukti")
@api_rule("taskforce.action_update")
def close(request, action_id: int, payload: ActionCloseIn):
    item = selectors.action_get(request.user, action_id, "taskforce.action_update")
    try:
        action_item_close(item=item, evidence=payload.evidence, by=request.user, request=request)
    except ValidationError as error:
        raise problems(error) from None
    return _one(request, action_id)


class YearOut(Schema):
    year: int
    count: int
    band: str


class AttendanceFigureOut(Schema):
    label: str
    meetings: int
    present: int
    represented: int
    rate: float | None


class ActionFigureOut(Schema):
    label: str
    total: int
    done: int
    done_on_time: int
    overdue: int


class TaskforceFiguresOut(Schema):
    year: int
    meetings_per_year: list[YearOut]
    attendance_by_organisation: list[AttendanceFigureOut]
    attendance_by_cluster: list[AttendanceFigureOut]
    forum_anak: AttendanceFigureOut
    actions_by_organisation: list[ActionFigureOut]
    actions_by_indicator: list[ActionFigureOut]


@router.get("/angka", response=TaskforceFiguresOut, summary="Angka Gugus Tugas untuk evaluasi KLA")
@api_rule("taskforce.figures")
def figures_view(request, tahun: int = 0):
    taskforce = _taskforce(request, "taskforce.figures")
    year = tahun or timezone.localdate().year
    return figures.figures_for(taskforce, year)
