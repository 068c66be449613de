"""Minutes pages: the secretary drafts, sends for corrections, finalises and, after that,
records corrections; attendees send corrections in the window; the PDF. Draft minutes are
reached only under ``taskforce.minutes_draft`` (attendees and the secretariat)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jaga.access.decorators import rule
from jaga.access.policy import get_object
from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.taskforce import selectors
from jaga.taskforce.documents import minutes_pdf
from jaga.taskforce.forms import CorrectForm, MinutesForm, SendMinutesForm, SuggestForm
from jaga.taskforce.models import Minutes
from jaga.taskforce.services.minutes import (
    minutes_correct,
    minutes_finalise,
    minutes_save,
    minutes_send_for_correction,
    minutes_suggest,
)
from jaga.taskforce.views.common import form_page


def _minutes(request, pk, rule_name):
    """The meeting's minutes under ``rule_name``; 404 when there are none in reach."""
    meeting = selectors.meeting_get(request.user, pk)
    minutes = selectors.minutes_for(request.user, meeting)
    if minutes is None:
        raise Http404
    return get_object(request.user, rule_name, Minutes.objects.all(), pk=minutes.pk)


@rule("taskforce.manage")
@require_http_methods(["GET", "POST"])
def minutes_edit(request, pk):
    """Write or rewrite the draft (never final minutes)."""
    meeting = selectors.meeting_get(request.user, pk, "taskforce.manage")
    current = selectors.minutes_for(request.user, meeting)
    form = MinutesForm(request.POST or None, initial={"text": current.text if current else ""})
    return form_page(
        request,
        form=form,
        title=_("Notulen: %(title)s") % {"title": meeting.title},
        back=meeting.get_absolute_url(),
        call=lambda data: minutes_save(meeting=meeting, by=request.user, request=request, **data),
        success=_("Draf notulen tersimpan."),
    )


@rule("taskforce.manage")
@require_http_methods(["GET", "POST"])
def minutes_send(request, pk):
    minutes = _minutes(request, pk, "taskforce.manage")
    return form_page(
        request,
        form=SendMinutesForm(request.POST or None),
        title=_("Kirim draf notulen untuk dikoreksi peserta"),
        back=minutes.meeting.get_absolute_url(),
        call=lambda data: minutes_send_for_correction(
            minutes=minutes, by=request.user, request=request, **data
        ),
        success=_("Draf notulen dikirim ke peserta rapat."),
    )


@rule("taskforce.manage")
@require_POST
def minutes_final(request, pk):
    minutes = _minutes(request, pk, "taskforce.manage")
    try:
        minutes_finalise(minutes=minutes, by=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Notulen final dan terkunci."))
    return redirect(minutes.meeting.get_absolute_url())


@rule("taskforce.minutes_draft")
@require_http_methods(["GET", "POST"])
def minutes_suggest_view(request, pk):
    """An attendee's correction, in the correction window."""
    minutes = _minutes(request, pk, "taskforce.minutes_draft")
    return form_page(
        request,
        form=SuggestForm(request.POST or None),
        title=_("Koreksi notulen"),
        back=minutes.meeting.get_absolute_url(),
        call=lambda data: minutes_suggest(
            minutes=minutes, by=request.user, request=request, **data
        ),
        success=_("Koreksi Anda terkirim ke sekretaris."),
    )


@rule("taskforce.manage")
@require_http_methods(["GET", "POST"])
def minutes_correct_view(request, pk):
    """A change of final minutes, recorded with the text before and the reason."""
    minutes = _minutes(request, pk, "taskforce.manage")
    form = CorrectForm(request.POST or None, initial={"text": minutes.text})
    return form_page(
        request,
        form=form,
        title=_("Koreksi notulen final"),
        back=minutes.meeting.get_absolute_url(),
        call=lambda data: minutes_correct(
            minutes=minutes, by=request.user, request=request, **data
        ),
        success=_("Koreksi tercatat."),
    )


@rule("taskforce.view")
@require_GET
def minutes_pdf_view(request, pk):
    """The minutes PDF (final for every member; a draft for those who may read it)."""
    meeting = selectors.meeting_get(request.user, pk)
    minutes = selectors.minutes_for(request.user, meeting)
    if minutes is None:
        raise Http404
    agenda = selectors.meeting_agenda(meeting)
    actions = [row for entry in agenda for row in entry.actions]
    attendance = selectors.attendance_rows(meeting)
    pdf = minutes_pdf(minutes, agenda, attendance, actions, selectors.follow_up_items(meeting))
    audit_record(
        actor=request.user,
        action=AuditAction.DOWNLOAD,
        target=minutes,
        fields=["text"],
        request=request,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="notulen-rapat-{meeting.pk}.pdf"'
    return response
