"""Outcomes of agenda items (notes, decisions, action items) and the action items' own pages:
the list, one item with its clock and progress, reporting progress and closing with evidence
(the owner organisation or the secretariat)."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jaga.access.decorators import rule
from jaga.access.policy import can, require
from jaga.audit.files import audited_file_response
from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.taskforce import selectors
from jaga.taskforce.clocks import action_clock
from jaga.taskforce.documents import action_items_xlsx
from jaga.taskforce.figures import figures_for
from jaga.taskforce.forms import ActionItemForm, CloseForm, OutcomeForm, ProgressForm
from jaga.taskforce.models import ActionStatus
from jaga.taskforce.services.actions import (
    action_item_close,
    action_item_create,
    action_progress_add,
)
from jaga.taskforce.services.meetings import outcome_add
from jaga.taskforce.views.common import form_page


def _agenda_item(request, pk):
    item = selectors.agenda_item_for(request.user, pk)
    require(request.user, "taskforce.manage", item.meeting)
    return item


@rule("taskforce.manage")
@require_http_methods(["GET", "POST"])
def outcome_new(request, pk):
    """A note or a decision on an agenda item."""
    item = _agenda_item(request, pk)
    return form_page(
        request,
        form=OutcomeForm(request.POST or None),
        title=_("Catatan atau keputusan: %(item)s") % {"item": item.title},
        back=item.meeting.get_absolute_url(),
        call=lambda data: outcome_add(agenda_item=item, by=request.user, request=request, **data),
        success=_("Hasil rapat dicatat."),
    )


@rule("taskforce.manage")
@require_http_methods(["GET", "POST"])
def action_new(request, pk):
    """An action item agreed on an agenda item."""
    item = _agenda_item(request, pk)
    taskforce = item.meeting.taskforce
    form = ActionItemForm(
        request.POST or None,
        members=selectors.member_choices(taskforce),
        focal_people=selectors.focal_choices(taskforce),
    )
    return form_page(
        request,
        form=form,
        title=_("Rencana aksi: %(item)s") % {"item": item.title},
        back=item.meeting.get_absolute_url(),
        call=lambda data: action_item_create(
            agenda_item=item, by=request.user, request=request, **data
        ),
        success=_("Rencana aksi dicatat; tenggatnya dipantau."),
    )


@rule("taskforce.view")
@require_GET
def action_index(request):
    """The task force's action items, soonest due first, with their clocks."""
    taskforce = selectors.taskforce_current(request.user)
    if taskforce is None:
        raise Http404
    status = request.GET.get("status", "")
    rows = selectors.action_list(request.user, taskforce, status=status)
    context = {
        "taskforce": taskforce,
        "rows": rows,
        "status": status,
        "statuses": ActionStatus.choices,
    }
    return render(request, "taskforce/actions.html", context)


@rule("taskforce.view")
@require_GET
def action_detail(request, pk):
    item = selectors.action_get(request.user, pk)
    context = {
        "item": item,
        "clock": action_clock(item),
        "progress": item.progress.select_related("recorded_by"),
        "indicators": item.indicators.all(),
        "can_update": item.status != ActionStatus.DONE
        and can(request.user, "taskforce.action_update", item),
    }
    return render(request, "taskforce/action.html", context)


@rule("taskforce.action_update")
@require_http_methods(["GET", "POST"])
def action_progress(request, pk):
    item = selectors.action_get(request.user, pk, "taskforce.action_update")
    return form_page(
        request,
        form=ProgressForm(request.POST or None, request.FILES or None),
        title=_("Kemajuan %(number)s") % {"number": item.number},
        back=item.get_absolute_url(),
        call=lambda data: action_progress_add(item=item, by=request.user, request=request, **data),
        success=_("Kemajuan dicatat."),
        context={"multipart": True},
    )


@rule("taskforce.action_update")
@require_http_methods(["GET", "POST"])
def action_close(request, pk):
    item = selectors.action_get(request.user, pk, "taskforce.action_update")
    return form_page(
        request,
        form=CloseForm(request.POST or None, request.FILES or None),
        title=_("Tutup %(number)s dengan bukti") % {"number": item.number},
        back=item.get_absolute_url(),
        call=lambda data: action_item_close(item=item, by=request.user, request=request, **data),
        success=_("Rencana aksi selesai."),
        context={"multipart": True, "expected": item.expected_evidence},
    )


@rule("taskforce.view")
@require_GET
def action_document(request, pk, progress_pk=0):
    """A document of an action item (its closing evidence, or one progress step's): audited."""
    item = selectors.action_get(request.user, pk)
    if progress_pk:
        step = item.progress.filter(pk=progress_pk).first()
        file = step.document if step else None
    else:
        file = item.evidence_document
    if not file:
        raise Http404
    return audited_file_response(
        request=request,
        target=item,
        field="document",
        file=file,
        content_type="application/pdf",
        filename=f"{item.number}.pdf",
    )


@rule("taskforce.figures")
@require_GET
def figures_page(request):
    """The figures of one year (the KLA evaluation's questions), computed from the records."""
    taskforce = selectors.taskforce_current(request.user, "taskforce.figures")
    if taskforce is None:
        raise Http404
    year = request.GET.get("tahun", "")
    year = int(year) if year.isdigit() and len(year) == 4 else timezone.localdate().year
    context = {"taskforce": taskforce, "figures": figures_for(taskforce, year)}
    return render(request, "taskforce/figures.html", context)


@rule("taskforce.view")
@require_GET
def action_export(request):
    """The task force's action items in the person's reach as XLSX (audited as an export)."""
    taskforce = selectors.taskforce_current(request.user)
    if taskforce is None:
        raise Http404
    rows = selectors.action_list(request.user, taskforce)
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        target=taskforce,
        fields=["action_items"],
        request=request,
    )
    response = HttpResponse(
        action_items_xlsx(rows),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="rencana-aksi-gugus-tugas.xlsx"'
    return response
