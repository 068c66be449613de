"""Case pages. Every page finds its case through ``selectors`` (policy-scoped, 404 outside the
person's reach), checks the action's rule on that case, and calls one service."""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_stubs_ext import StrOrPromise

from jaga.access.decorators import rule
from jaga.access.policy import holds, require
from jaga.audit.files import audited_file_response
from jaga.cases import services
from jaga.cases.forms import (
    AttachmentForm,
    CaseUpdateForm,
    ConsentForm,
    MemberForm,
    NoteForm,
    PersonEditForm,
    PersonForm,
    RevealForm,
    SearchForm,
    ServiceForm,
    TransitionForm,
)
from jaga.cases.hooks import CASE_PANELS
from jaga.cases.selectors import (
    attachment_for,
    case_detail_related,
    case_for,
    case_page,
    case_people,
    case_person_initial,
    case_read,
    case_search_elsewhere,
    case_team,
    case_timeline,
    sharing_by_partner,
)
from jaga.core.forms import apply_errors
from jaga.core.htmx import is_htmx
from jaga.people.selectors import organisation_list
from jaga.reports.selectors import report_for_triage


def _partners(user):
    return organisation_list(user).filter(is_active=True)


@rule("cases.view")
@require_GET
def case_index(request):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    if query and not holds(request.user, "cases.search"):
        query = ""  # searching by identity is for UPTD PPA staff only
    page = case_page(request.user, request.GET, query=query)
    elsewhere = case_search_elsewhere(request.user, query, request=request)
    template = "cases/_rows.html" if is_htmx(request) else "cases/list.html"
    can_search = holds(request.user, "cases.search")
    context = {
        "page": page,
        "form": form,
        "query": query,
        "can_search": can_search,
        "elsewhere": elsewhere,
    }
    return render(request, template, context)


@rule("cases.open")
@require_POST
def case_open(request, report_pk):
    report = report_for_triage(request.user, report_pk)
    try:
        case = services.case_open(report=report, by=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reports:detail", pk=report.pk)
    messages.success(request, _("Kasus %(number)s dibuka.") % {"number": case.number})
    return redirect("cases:detail", pk=case.pk)


def _render_detail(request, view, *, status=200, reveal_form=None):
    case = case_detail_related(view.case)
    context = {
        "view": view,
        "case": case,
        "people": case_people(case),
        "timeline": case_timeline(case),
        "team": case_team(case),
        "sharing": sharing_by_partner(case),
        "transition_form": TransitionForm(case=case),
        "note_form": NoteForm(),
        "reveal_form": reveal_form or RevealForm(),
        "can_reveal": not view.identified and holds(request.user, "cases.reveal"),
        "panels": CASE_PANELS,
    }
    return render(request, "cases/detail.html", context, status=status)


@rule("cases.view")
@require_GET
def case_detail(request, pk):
    """The case: identified for the case team, de-identified summary for others. The forms of
    the less frequent actions are not on it: each opens (htmx) from its own small page."""
    return _render_detail(request, case_read(request.user, pk, request=request))


@rule("cases.reveal")
@require_POST
def case_reveal(request, pk):
    """The city administrator opens the identities for this one page view, with a reason
    that goes into the audit trail."""
    case = case_for(request.user, "cases.reveal", pk)
    form = RevealForm(request.POST)
    if form.is_valid():
        try:
            services.case_reveal(
                case=case, by=request.user, reason=form.cleaned_data["reason"], request=request
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return _render_detail(
                request, case_read(request.user, pk, request=request, revealed=True)
            )
    view = case_read(request.user, pk, request=request)
    return _render_detail(request, view, status=400, reveal_form=form)


@dataclass(frozen=True)
class Action:
    """One thing done to a case through a form: its rule, its page's title and button, the
    form (built from the case and, on POST, the submitted data) and the service it calls."""

    rule: str
    title: StrOrPromise
    button: StrOrPromise
    form: Callable[..., forms.Form]
    call: Callable[..., object]
    success: StrOrPromise


def _case_action(request, pk, action: Action):
    """The shape of every form on a case: find the case (404 outside reach), check the
    action's rule on it (403). GET shows the form (the fragment when htmx opens it inside the
    case page); POST validates it, calls the service and returns to the case, or shows the
    form again with what is wrong (400)."""
    case = case_for(request.user, "cases.view", pk)
    require(request.user, action.rule, case)
    if request.method == "GET":
        return _action_page(request, case, action, action.form(case, request))
    form = action.form(case, request, request.POST, request.FILES or None)
    if form.is_valid():
        try:
            action.call(case, request, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, action.success)
            return redirect("cases:detail", pk=case.pk)
    return _action_page(request, case, action, form, status=400)


def _action_page(request, case, action, form, *, status=200):
    template = "cases/_action_form.html" if is_htmx(request) else "cases/action.html"
    context = {"case": case, "action": action, "form": form, "url": request.path}
    return render(request, template, context, status=status)


TRANSITION = Action(
    rule="cases.edit",
    title=_("Ubah status"),
    button=_("Ubah status"),
    form=lambda case, request, *data: TransitionForm(*data, case=case),
    call=lambda case, request, data: services.case_transition(
        case=case,
        by=request.user,
        to_status=data["to_status"],
        version=data["version"],
        note=data["note"],
        request=request,
    ),
    success=_("Status kasus diubah."),
)
UPDATE = Action(
    rule="cases.edit",
    title=_("Ubah data kasus"),
    button=_("Simpan"),
    form=lambda case, request, *data: CaseUpdateForm(*data, initial=_update_initial(case)),
    call=lambda case, request, data: services.case_update(
        case=case,
        by=request.user,
        version=data["version"],
        place=data["place"],
        violence_forms=data["violence_forms"],
        incident_date=data["incident_date"],
        request=request,
    ),
    success=_("Data kasus disimpan."),
)
NOTE = Action(
    rule="cases.note",
    title=_("Catatan perkembangan"),
    button=_("Simpan catatan"),
    form=lambda case, request, *data: NoteForm(*data),
    call=lambda case, request, data: services.case_note_add(
        case=case, by=request.user, note=data["note"], request=request
    ),
    success=_("Catatan disimpan."),
)
SERVICE = Action(
    rule="cases.edit",
    title=_("Catat layanan"),
    button=_("Catat layanan"),
    form=lambda case, request, *data: ServiceForm(*data, organisations=_partners(request.user)),
    call=lambda case, request, data: services.case_service_add(
        case=case,
        by=request.user,
        service=data["service"],
        organisation=data["organisation"],
        started_on=data["started_on"],
        request=request,
    ),
    success=_("Layanan dicatat."),
)
MEMBER = Action(
    rule="cases.assign",
    title=_("Tambah anggota tim"),
    button=_("Tambahkan"),
    form=lambda case, request, *data: MemberForm(*data),
    call=lambda case, request, data: services.case_member_add(
        case=case, by=request.user, person=data["person"], role=data["role"], request=request
    ),
    success=_("Anggota tim ditambahkan."),
)
CONSENT = Action(
    rule="cases.edit",
    title=_("Catat persetujuan"),
    button=_("Simpan persetujuan"),
    form=lambda case, request, *data: ConsentForm(*data, organisations=_partners(request.user)),
    call=lambda case, request, data: services.consent_record(
        case=case, by=request.user, request=request, **data
    ),
    success=_("Persetujuan dicatat."),
)
PERSON = Action(
    rule="cases.edit",
    title=_("Tambah korban atau terduga pelaku"),
    button=_("Simpan"),
    form=lambda case, request, *data: PersonForm(
        *data, initial={"kind": request.GET.get("sebagai", "victim")}
    ),
    call=lambda case, request, data: services.case_person_add(
        case=case, by=request.user, request=request, **data
    ),
    success=_("Data orang ditambahkan."),
)
PERSON_EDIT = Action(
    rule="cases.edit",
    title=_("Ubah data korban atau terduga pelaku"),
    button=_("Simpan"),
    form=lambda case, request, *data: (
        PersonEditForm(*data)
        if data
        else PersonEditForm(initial=_person_edit_initial(case, request))
    ),
    call=lambda case, request, data: services.case_person_update(
        person=_edited_person(case, request), by=request.user, request=request, **data
    ),
    success=_("Data orang disimpan."),
)
ATTACHMENT = Action(
    rule="cases.note",
    title=_("Unggah lampiran"),
    button=_("Unggah"),
    form=lambda case, request, *data: AttachmentForm(*data),
    call=lambda case, request, data: services.case_attachment_add(
        case=case, by=request.user, upload=data["file"], size=data["file"].size, request=request
    ),
    success=_("Lampiran disimpan."),
)


def _edited_person(case, request):
    """The victim or alleged perpetrator named in the URL: one of this case's, else 404."""
    return get_object_or_404(case.people.all(), pk=request.resolver_match.kwargs["person_pk"])


def _person_edit_initial(case, request) -> dict:
    person = _edited_person(case, request)
    shown = case_person_initial(person, by=request.user, request=request)
    return {**shown, "version": case.version}


def _update_initial(case) -> dict:
    return {
        "violence_forms": [c.code for c in case.violence_forms.all()],
        "place": case.place.code,
        "incident_date": case.incident_date,
        "version": case.version,
    }


def _action_view(action: Action):
    @rule(action.rule)
    @require_http_methods(["GET", "POST"])
    def view(request, pk, **record):  # a record of the case, if any, is found by the action
        return _case_action(request, pk, action)

    return view


case_transition = _action_view(TRANSITION)
case_update = _action_view(UPDATE)
case_note = _action_view(NOTE)
person_add = _action_view(PERSON)
person_edit = _action_view(PERSON_EDIT)
service_add = _action_view(SERVICE)
member_add = _action_view(MEMBER)
consent_add = _action_view(CONSENT)
attachment_add = _action_view(ATTACHMENT)


def _on_case_record(request, pk, rule_name, records, record_pk, call, success):
    """A one-button change to one record of a case (a consent, a team member): the case is
    found and the rule checked as for every action, the record must belong to it (404)."""
    case = case_for(request.user, "cases.view", pk)
    require(request.user, rule_name, case)
    record = get_object_or_404(records(case), pk=record_pk)
    try:
        call(record)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect("cases:detail", pk=case.pk)


@rule("cases.edit")
@require_POST
def consent_withdraw(request, pk, consent_pk):
    return _on_case_record(
        request,
        pk,
        "cases.edit",
        lambda case: case.consents.all(),
        consent_pk,
        lambda consent: services.consent_withdraw(
            consent=consent, by=request.user, request=request
        ),
        _("Persetujuan ditarik."),
    )


@rule("cases.assign")
@require_POST
def member_remove(request, pk, member_pk):
    return _on_case_record(
        request,
        pk,
        "cases.assign",
        lambda case: case.members.filter(removed_at__isnull=True),
        member_pk,
        lambda member: services.case_member_remove(member=member, by=request.user, request=request),
        _("Anggota tim dikeluarkan."),
    )


@rule("cases.note")
@require_GET
def attachment_download(request, pk, attachment_pk):
    """Served only here, to the case team, each download audited; never from a public URL."""
    attachment = attachment_for(request.user, pk, attachment_pk)
    if not attachment.file:
        raise PermissionDenied
    return audited_file_response(
        request=request,
        target=attachment,
        field="file",
        file=attachment.file,
        content_type=attachment.content_type,
        filename=f"lampiran-{attachment.pk}",
    )
