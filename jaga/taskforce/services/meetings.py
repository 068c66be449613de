"""Writes about meetings: scheduling with an agenda (opening with the follow-up of open action
items), invitations, attendance on the day, and the notes and decisions on agenda items.

Once a meeting's minutes are final, its agenda, attendance and outcomes are locked."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.notifications.services import Attachment, notify
from jaga.people.models import Person
from jaga.taskforce.calendar import meeting_calendar
from jaga.taskforce.models import (
    AgendaItem,
    AgendaKind,
    Attendance,
    AttendanceStatus,
    Meeting,
    MeetingKind,
    Member,
    MinutesStatus,
    Outcome,
    OutcomeKind,
    Taskforce,
)
from jaga.taskforce.recipients import focal_accounts
from jaga.taskforce.services.composition import cluster_codes
from jaga.taskforce.services.texts import one_line, plain

MAX_HOURS = 12


@dataclass(frozen=True)
class AgendaEntry:
    """One agenda point as a form or another app hands it over."""

    title: str
    presenter: Member | None = None
    presenter_name: str = ""


def check_open(meeting: Meeting) -> None:
    """Refuse a change to a meeting whose minutes are final (locked)."""
    if Meeting.objects.filter(pk=meeting.pk, minutes__status=MinutesStatus.FINAL).exists():
        raise ValidationError(
            _(
                "Notulen rapat ini sudah final dan terkunci: perubahan hanya lewat koreksi "
                "tercatat pada notulen."
            )
        )


def _check_agenda(taskforce: Taskforce, agenda: list[AgendaEntry]) -> dict[str, str]:
    for entry in agenda:
        if not one_line(entry.title, "agenda"):
            return {"agenda": _("Setiap acara rapat perlu pokok bahasan.")}
        if entry.presenter is not None and entry.presenter.taskforce_id != taskforce.pk:
            return {"agenda": _("Penyaji harus organisasi anggota gugus tugas ini.")}
    return {}


@transaction.atomic
def meeting_schedule(
    *,
    taskforce: Taskforce,
    kind: str,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    place: str = "",
    online_link: str = "",
    cluster: str = "",
    agenda: Sequence[AgendaEntry] = (),
    by: Person | None,
    is_demo: bool = False,
    request: HttpRequest | None = None,
) -> Meeting:
    """Schedule (or record) a meeting. Its agenda opens with "tindak lanjut": the action items
    still open from earlier meetings are listed there (see ``selectors.follow_up_items``).
    Nothing is written when anything is wrong. Audited."""
    title, place = one_line(title), one_line(place, "place")
    errors: dict[str, str] = {}
    if kind not in MeetingKind.values:
        errors["kind"] = _("Pilih jenis rapat: koordinasi, pleno, evaluasi atau klaster.")
    if kind == MeetingKind.CLUSTER and cluster not in cluster_codes():
        errors["cluster"] = _("Rapat klaster perlu klasternya (kelembagaan atau I–V).")
    if not title:
        errors["title"] = _("Tuliskan judul rapat.")
    if ends_at <= starts_at:
        errors["ends_at"] = _("Rapat harus selesai setelah waktu mulainya.")
    elif ends_at - starts_at > datetime.timedelta(hours=MAX_HOURS):
        errors["ends_at"] = _("Satu rapat paling lama %(hours)s jam.") % {"hours": MAX_HOURS}
    if not place and not online_link:
        errors["place"] = _("Tuliskan tempat rapat atau tautan rapat daring.")
    if not taskforce.period_start <= timezone.localdate(starts_at) <= taskforce.period_end:
        errors["starts_at"] = _(
            "Tanggal rapat di luar masa kerja gugus tugas menurut SK (%(start)s–%(end)s)."
        ) % {
            "start": f"{taskforce.period_start:%d-%m-%Y}",
            "end": f"{taskforce.period_end:%d-%m-%Y}",
        }
    errors.update(_check_agenda(taskforce, list(agenda)))
    if errors:
        raise ValidationError(errors)
    meeting = Meeting.objects.create(
        taskforce=taskforce,
        kind=kind,
        cluster=cluster if kind == MeetingKind.CLUSTER else "",
        title=title[:200],
        starts_at=starts_at,
        ends_at=ends_at,
        place=place[:200],
        online_link=online_link,
        created_by=by,
        is_demo=is_demo,
    )
    items = [
        AgendaItem(
            meeting=meeting,
            kind=AgendaKind.FOLLOW_UP,
            position=1,
            title=_("Tindak lanjut hasil rapat sebelumnya"),
        )
    ]
    items += [
        AgendaItem(
            meeting=meeting,
            position=n,
            title=one_line(entry.title)[:200],
            presenter=entry.presenter,
            presenter_name=one_line(entry.presenter_name, "presenter_name")[:160],
        )
        for n, entry in enumerate(agenda, start=2)
    ]
    AgendaItem.objects.bulk_create(items)
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        target=meeting,
        fields=["kind", "title", "starts_at", "ends_at", "place", "online_link", "agenda"],
        request=request,
    )
    return meeting


@transaction.atomic
def agenda_item_add(
    *, meeting: Meeting, entry: AgendaEntry, by: Person | None, request: HttpRequest | None = None
) -> AgendaItem:
    """Add a point at the end of a meeting's agenda."""
    check_open(meeting)
    errors = _check_agenda(meeting.taskforce, [entry])
    if errors:
        raise ValidationError({"title": errors["agenda"]})
    last = meeting.agenda_items.aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=last + 1,
        title=one_line(entry.title)[:200],
        presenter=entry.presenter,
        presenter_name=one_line(entry.presenter_name, "presenter_name")[:160],
    )
    audit_record(
        actor=by, action=AuditAction.CHANGE, target=meeting, fields=["agenda"], request=request
    )
    return item


@transaction.atomic
def meeting_invite(
    *, meeting: Meeting, by: Person | None, request: HttpRequest | None = None
) -> int:
    """Invite every member organisation's focal people who have an account: in-app, and by
    email (with the meeting as an iCalendar ``.ics``) or WhatsApp as each chose. Refused for a
    meeting that has begun. Inviting again after a change of time sends a new invitation;
    otherwise nobody is invited twice. Returns how many people were invited."""
    if meeting.starts_at <= timezone.now():
        raise ValidationError(
            _("Rapat ini sudah dimulai atau lewat (%(when)s WITA): undangan tidak dikirim.")
            % {"when": f"{timezone.localtime(meeting.starts_at):%d-%m-%Y %H:%M}"}
        )
    people = focal_accounts(Member.objects.filter(taskforce=meeting.taskforce_id))
    when = timezone.localtime(meeting.starts_at)
    notify(
        recipients=people,
        kind="taskforce.invitation",
        title=_("Undangan: %(title)s") % {"title": meeting.title},
        body=_("%(kind)s, %(when)s WITA, %(where)s.")
        % {
            "kind": meeting.get_kind_display(),
            "when": f"{when:%d-%m-%Y %H:%M}",
            "where": meeting.place or meeting.online_link,
        },
        link=meeting.get_absolute_url(),
        subject_type="taskforce.meeting",
        subject_id=meeting.pk,
        key=f"taskforce.meeting:{meeting.pk}:invite:{when:%Y%m%d%H%M}",
        attachment=Attachment("rapat.ics", "text/calendar", meeting_calendar([meeting])),
    )
    meeting.invited_at = timezone.now()
    meeting.save(update_fields=["invited_at"])
    audit_record(
        actor=by, action=AuditAction.CHANGE, target=meeting, fields=["invited_at"], request=request
    )
    return len(people)


@dataclass(frozen=True)
class Mark:
    """Attendance of one organisation as the phone page sends it."""

    organisation_id: int
    status: str
    attendee_name: str = ""


@transaction.atomic
def attendance_record(
    *, meeting: Meeting, marks: list[Mark], by: Person | None, request: HttpRequest | None = None
) -> list[Attendance]:
    """Record (or change) who attended, per member organisation: hadir, diwakili, tidak
    hadir. Recorded on the meeting's day or later; all marks or none. Audited."""
    check_open(meeting)
    if timezone.localdate(meeting.starts_at) > timezone.localdate():
        raise ValidationError(
            _("Kehadiran dicatat pada hari rapat (%(day)s), bukan sebelumnya.")
            % {"day": f"{timezone.localtime(meeting.starts_at):%d-%m-%Y}"}
        )
    members = {
        m.organisation_id: m
        for m in Member.objects.filter(taskforce=meeting.taskforce_id).select_related(
            "organisation"
        )
    }
    for mark in marks:
        if mark.organisation_id not in members:
            raise ValidationError(
                _("Organisasi ini bukan anggota gugus tugas: kehadirannya tidak dapat dicatat.")
            )
        if mark.status not in AttendanceStatus.values:
            raise ValidationError(
                _("Kehadiran %(org)s harus hadir, diwakili atau tidak hadir.")
                % {"org": members[mark.organisation_id].organisation}
            )
    now = timezone.now()
    existing = {a.member_id: a for a in meeting.attendances.all()}
    fresh, changed = [], []
    for mark in marks:
        member = members[mark.organisation_id]
        absent = mark.status == AttendanceStatus.ABSENT
        name = "" if absent else one_line(mark.attendee_name, "attendee_name")[:160]
        record = existing.get(member.pk)
        if record is None:
            fresh.append(
                Attendance(
                    meeting=meeting,
                    member=member,
                    status=mark.status,
                    attendee_name=name,
                    recorded_by=by,
                    recorded_at=now,
                )
            )
        elif (record.status, record.attendee_name) != (mark.status, name):
            record.status, record.attendee_name = mark.status, name
            record.recorded_by, record.recorded_at = by, now
            changed.append(record)
    Attendance.objects.bulk_create(fresh)
    Attendance.objects.bulk_update(
        changed, ["status", "attendee_name", "recorded_by", "recorded_at"]
    )
    if fresh or changed:
        audit_record(
            actor=by,
            action=AuditAction.CHANGE,
            target=meeting,
            fields=["attendance"],
            request=request,
        )
    return fresh + changed


@transaction.atomic
def outcome_add(
    *,
    agenda_item: AgendaItem,
    kind: str,
    text: str,
    by: Person | None,
    request: HttpRequest | None = None,
) -> Outcome:
    """A note or a decision on an agenda item (not once the minutes are final). Audited."""
    check_open(agenda_item.meeting)
    text = plain(text, "text")
    errors = {}
    if kind not in OutcomeKind.values:
        errors["kind"] = _("Pilih jenis hasil: catatan atau keputusan.")
    if not text:
        errors["text"] = _("Tuliskan isi catatan atau keputusan.")
    if errors:
        raise ValidationError(errors)
    outcome = Outcome.objects.create(
        agenda_item=agenda_item, kind=kind, text=text[:4000], recorded_by=by
    )
    audit_record(
        actor=by,
        action=AuditAction.CHANGE,
        target=agenda_item.meeting,
        fields=["outcomes"],
        request=request,
    )
    return outcome
