"""Case pages. Every page finds its case through ``selectors`` (policy-scoped, 404 outside the
person's reach), checks the action's rule on that case, and calls one service."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jaga.access.decorators import rule
from jaga.access.policy import holds, require
from jaga.cases import services
from jaga.cases.forms import (
    AttachmentForm,
    CaseUpdateForm,
    ConsentForm,
    MemberForm,
    NoteForm,
    PersonForm,
    RevealForm,
    SearchForm,
    ServiceForm,
    TransitionForm,
)
from jaga.cases.selectors import (
    attachment_for,
    case_detail_related,
    case_for,
    case_list,
    case_people,
    case_read,
    case_team,
    case_timeline,
)
from jaga.core.files import audited_file_response
from jaga.people.selectors import organisation_list
from jaga.reports.forms import apply_errors
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
    page = Paginator(case_list(request.user, query=query), 50).get_page(request.GET.get("page"))
    htmx = request.headers.get("HX-Request") == "true"
    template = "cases/_rows.html" if htmx else "cases/list.html"
    can_search = holds(request.user, "cases.search")
    return render(
        request, template, {"page": page, "form": form, "query": query, "can_search": can_search}
    )


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


def _render_detail(request, view, *, status=200, **forms):
    case = case_detail_related(view.case)
    partners = _partners(request.user)
    context = {
        "view": view,
        "case": case,
        "people": case_people(case),
        "timeline": case_timeline(case),
        "team": case_team(case),
        "transition_form": forms.get("transition_form") or TransitionForm(case=case),
        "update_form": forms.get("update_form")
        or CaseUpdateForm(
            initial={
                "violence_forms": [c.code for c in case.violence_forms.all()],
                "place": case.place.code,
                "incident_date": case.incident_date,
                "version": case.version,
            }
        ),
        "note_form": forms.get("note_form") or NoteForm(),
        "service_form": forms.get("service_form") or ServiceForm(organisations=partners),
        "member_form": forms.get("member_form") or MemberForm(),
        "consent_form": forms.get("consent_form") or ConsentForm(organisations=partners),
        "attachment_form": forms.get("attachment_form") or AttachmentForm(),
        "reveal_form": forms.get("reveal_form") or RevealForm(),
        "can_reveal": not view.identified and holds(request.user, "cases.reveal"),
    }
    return render(request, "cases/detail.html", context, status=status)


@rule("cases.view")
@require_GET
def case_detail(request, pk):
    """The case: identified for the case team, de-identified summary for others."""
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


def _case_action(request, pk, rule_name, form_class, form_name, call, success, **form_kwargs):
    """The shape of every POST on a case page: find the case (404 outside reach), check the
    action's rule on it (403), validate the form, call the service, show the outcome."""
    case = case_for(request.user, "cases.view", pk)
    require(request.user, rule_name, case)
    form = form_class(request.POST, request.FILES or None, **form_kwargs)
    if form.is_valid():
        try:
            call(case, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, success)
            return redirect("cases:detail", pk=case.pk)
    view = case_read(request.user, pk, request=request)
    if form_name == "transition_form":
        form.fields["to_status"].choices = (
            TransitionForm(case=view.case).fields["to_status"].choices
        )
    return _render_detail(request, view, status=400, **{form_name: form})


@rule("cases.edit")
@require_POST
def case_transition(request, pk):
    def call(case, data):
        services.case_transition(
            case=case,
            by=request.user,
            to_status=data["to_status"],
            version=data["version"],
            note=data["note"],
            request=request,
        )

    form_kwargs = {"case": None}
    return _case_action(
        request,
        pk,
        "cases.edit",
        TransitionForm,
        "transition_form",
        call,
        _("Status kasus diubah."),
        **form_kwargs,
    )


@rule("cases.edit")
@require_POST
def case_update(request, pk):
    def call(case, data):
        services.case_update(
            case=case,
            by=request.user,
            version=data["version"],
            place=data["place"],
            violence_forms=data["violence_forms"],
            incident_date=data["incident_date"],
            request=request,
        )

    return _case_action(
        request, pk, "cases.edit", CaseUpdateForm, "update_form", call, _("Data kasus disimpan.")
    )


@rule("cases.note")
@require_POST
def case_note(request, pk):
    def call(case, data):
        services.case_note_add(case=case, by=request.user, note=data["note"], request=request)

    return _case_action(
        request, pk, "cases.note", NoteForm, "note_form", call, _("Catatan disimpan.")
    )


@rule("cases.edit")
@require_http_methods(["GET", "POST"])
def person_add(request, pk):
    case = case_for(request.user, "cases.view", pk)
    require(request.user, "cases.edit", case)
    form = PersonForm(request.POST or None, initial={"kind": request.GET.get("sebagai", "victim")})
    if request.method == "POST" and form.is_valid():
        try:
            services.case_person_add(
                case=case, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Data orang ditambahkan."))
            return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/person_form.html", {"case": case, "form": form})


@rule("cases.edit")
@require_POST
def service_add(request, pk):
    def call(case, data):
        services.case_service_add(
            case=case,
            by=request.user,
            service=data["service"],
            organisation=data["organisation"],
            started_on=data["started_on"],
            request=request,
        )

    partners = _partners(request.user)
    return _case_action(
        request,
        pk,
        "cases.edit",
        ServiceForm,
        "service_form",
        call,
        _("Layanan dicatat."),
        organisations=partners,
    )


@rule("cases.assign")
@require_POST
def member_add(request, pk):
    def call(case, data):
        services.case_member_add(
            case=case, by=request.user, person=data["person"], role=data["role"], request=request
        )

    return _case_action(
        request, pk, "cases.assign", MemberForm, "member_form", call, _("Anggota tim ditambahkan.")
    )


@rule("cases.edit")
@require_POST
def consent_add(request, pk):
    def call(case, data):
        services.consent_record(case=case, by=request.user, request=request, **data)

    partners = _partners(request.user)
    return _case_action(
        request,
        pk,
        "cases.edit",
        ConsentForm,
        "consent_form",
        call,
        _("Persetujuan dicatat."),
        organisations=partners,
    )


@rule("cases.note")
@require_POST
def attachment_add(request, pk):
    def call(case, data):
        upload = data["file"]
        services.case_attachment_add(
            case=case, by=request.user, upload=upload, size=upload.size, request=request
        )

    return _case_action(
        request, pk, "cases.note", AttachmentForm, "attachment_form", call, _("Lampiran disimpan.")
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
