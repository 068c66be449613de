"""Task-force pages: the start page, the composition, meetings (schedule, invite, agenda,
attendance from a phone, outcomes) and the calendar. Every record comes through the selectors
(404 outside the person's reach); changes need ``taskforce.manage`` on the meeting."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jaga.access.decorators import rule
from jaga.access.policy import can
from jaga.taskforce import selectors
from jaga.taskforce.calendar import meeting_calendar
from jaga.taskforce.forms import AgendaItemForm, FocalPersonForm, MeetingForm, MemberForm
from jaga.taskforce.models import AttendanceStatus, Member
from jaga.taskforce.services.composition import focal_person_add, member_add
from jaga.taskforce.services.meetings import (
    AgendaEntry,
    Mark,
    agenda_item_add,
    attendance_record,
    meeting_invite,
    meeting_schedule,
)
from jaga.taskforce.views.common import form_page


def _current(request):
    taskforce = selectors.taskforce_current(request.user)
    if taskforce is None:
        raise Http404
    return taskforce


@rule("taskforce.view")
@require_GET
def home(request):
    """The task force now: coming and recent meetings, and open action items."""
    taskforce = selectors.taskforce_current(request.user)
    context = {"taskforce": taskforce}
    if taskforce is not None:
        now = timezone.now()
        meetings = list(selectors.meeting_list(request.user, taskforce)[:50])
        context |= {
            "upcoming": sorted(
                (m for m in meetings if m.ends_at >= now), key=lambda m: m.starts_at
            ),
            "past": [m for m in meetings if m.ends_at < now][:8],
            "actions": [
                row
                for row in selectors.action_list(request.user, taskforce)
                if row.item.status != "done"
            ][:10],
            "can_manage": can(request.user, "taskforce.manage", taskforce),
        }
    return render(request, "taskforce/home.html", context)


@rule("taskforce.view")
@require_GET
def composition(request, pk):
    """The decree, the member organisations per cluster, their focal people and roles."""
    taskforce = selectors.taskforce_get(request.user, "taskforce.view", pk)
    context = {
        "taskforce": taskforce,
        "members": selectors.members_of(taskforce),
        "can_manage": can(request.user, "taskforce.manage", taskforce),
    }
    return render(request, "taskforce/composition.html", context)


@rule("taskforce.manage")
@require_http_methods(["GET", "POST"])
def member_new(request, pk):
    taskforce = selectors.taskforce_get(request.user, "taskforce.manage", pk)
    form = MemberForm(request.POST or None, organisations=selectors.organisations_to_add(taskforce))
    return form_page(
        request,
        form=form,
        title=_("Tambah organisasi anggota"),
        back=reverse("taskforce:composition", args=[pk]),
        call=lambda data: member_add(taskforce=taskforce, by=request.user, request=request, **data),
        success=_("Organisasi ditambahkan ke gugus tugas."),
    )


@rule("taskforce.manage")
@require_http_methods(["GET", "POST"])
def focal_new(request, pk):
    taskforce = selectors.taskforce_get(request.user, "taskforce.manage", pk)
    form = FocalPersonForm(
        request.POST or None,
        members=selectors.member_choices(taskforce),
        people=selectors.focal_candidates(taskforce),
    )
    return form_page(
        request,
        form=form,
        title=_("Tambah narahubung"),
        back=reverse("taskforce:composition", args=[pk]),
        call=lambda data: focal_person_add(by=request.user, request=request, **data),
        success=_("Narahubung ditambahkan."),
    )


def _agenda_entries(text: str, members: list[Member]) -> list[AgendaEntry]:
    """Lines "topic | presenter": a presenter naming a member organisation is linked to it."""
    by_name = {m.organisation.name.lower(): m for m in members}
    entries = []
    for line in text.splitlines():
        title, _bar, presenter = (part.strip() for part in line.partition("|"))
        if not title and not presenter:
            continue
        member = by_name.get(presenter.lower())
        entries.append(AgendaEntry(title, member, "" if member else presenter))
    return entries


@rule("taskforce.manage")
@require_http_methods(["GET", "POST"])
def meeting_new(request, pk):
    """Schedule a meeting (or record one already held)."""
    taskforce = selectors.taskforce_get(request.user, "taskforce.manage", pk)
    form = MeetingForm(request.POST or None)
    holder = {}

    def schedule(data):
        starts_at, ends_at = form.times()
        members = list(selectors.member_choices(taskforce))
        holder["meeting"] = meeting_schedule(
            taskforce=taskforce,
            kind=data["kind"],
            cluster=data["cluster"],
            title=data["title"],
            starts_at=starts_at,
            ends_at=ends_at,
            place=data["place"],
            online_link=data["online_link"],
            agenda=_agenda_entries(data["agenda"], members),
            by=request.user,
            request=request,
        )

    response = form_page(
        request,
        form=form,
        title=_("Jadwalkan rapat"),
        back=reverse("taskforce:home"),
        call=schedule,
        success=_("Rapat dijadwalkan. Kirim undangannya dari halaman rapat."),
    )
    if "meeting" in holder:
        return redirect(holder["meeting"].get_absolute_url())
    return response


@rule("taskforce.view")
@require_GET
def meeting_detail(request, pk):
    """A meeting: when and where, the agenda opening with "tindak lanjut", outcomes and
    action items per agenda item, attendance, and its minutes (drafts for attendees and the
    secretariat only)."""
    meeting = selectors.meeting_get(request.user, pk)
    context = {
        "meeting": meeting,
        "agenda": selectors.meeting_agenda(meeting),
        "follow_up": selectors.follow_up_items(meeting),
        "attendance": selectors.attendance_rows(meeting),
        "minutes": selectors.minutes_for(request.user, meeting),
        "can_manage": can(request.user, "taskforce.manage", meeting),
        "has_begun": meeting.starts_at <= timezone.now(),
    }
    return render(request, "taskforce/meeting.html", context)


@rule("taskforce.manage")
@require_POST
def meeting_invite_view(request, pk):
    meeting = selectors.meeting_get(request.user, pk, "taskforce.manage")
    try:
        count = meeting_invite(meeting=meeting, by=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Undangan dikirim ke %(n)s narahubung.") % {"n": count})
    return redirect(meeting.get_absolute_url())


@rule("taskforce.manage")
@require_http_methods(["GET", "POST"])
def agenda_new(request, pk):
    meeting = selectors.meeting_get(request.user, pk, "taskforce.manage")
    form = AgendaItemForm(request.POST or None)
    return form_page(
        request,
        form=form,
        title=_("Tambah acara rapat"),
        back=meeting.get_absolute_url(),
        call=lambda data: agenda_item_add(
            meeting=meeting,
            entry=AgendaEntry(data["title"], None, data["presenter_name"]),
            by=request.user,
            request=request,
        ),
        success=_("Acara ditambahkan."),
    )


@rule("taskforce.manage")
@require_http_methods(["GET", "POST"])
def attendance(request, pk):
    """Attendance on the day, one row per member organisation, made for a phone: three
    buttons and the name of who came."""
    meeting = selectors.meeting_get(request.user, pk, "taskforce.manage")
    rows = selectors.attendance_rows(meeting)
    error = ""
    if request.method == "POST":
        marks = [
            Mark(int(key[7:]), value, request.POST.get(f"name_{key[7:]}", ""))
            for key, value in request.POST.items()
            if key.startswith("status_") and key[7:].isdigit()
        ]
        try:
            attendance_record(meeting=meeting, marks=marks, by=request.user, request=request)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(request, _("Kehadiran tersimpan."))
            return redirect(meeting.get_absolute_url())
    context = {
        "meeting": meeting,
        "rows": rows,
        "statuses": AttendanceStatus.choices,
        "error": error,
    }
    return render(request, "taskforce/attendance.html", context, status=400 if error else 200)


@rule("taskforce.view")
@require_GET
def meeting_ics(request, pk):
    """The meeting as an iCalendar file, to add to one's calendar."""
    meeting = selectors.meeting_get(request.user, pk)
    response = HttpResponse(meeting_calendar([meeting]), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="rapat-{meeting.pk}.ics"'
    return response


@rule("taskforce.view")
@require_GET
def calendar_feed(request):
    """Every meeting of the person's task force as one calendar."""
    taskforce = _current(request)
    meetings = selectors.meeting_list(request.user, taskforce)[:200]
    response = HttpResponse(meeting_calendar(meetings), content_type="text/calendar")
    response["Content-Disposition"] = 'inline; filename="gugus-tugas.ics"'
    return response
