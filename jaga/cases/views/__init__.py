"""Case pages. Every page finds its case through ``selectors`` (policy-scoped, 404 outside the
person's reach), checks the action's rule on that case, and calls one service."""

from collections.abc import Callable
from typing import Any, ClassVar, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.generic import FormView
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
from jaga.core.forms import apply_errors, change_told
from jaga.core.htmx import is_htmx
from jaga.people.models import Person
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


class CaseForm(FormView):
    """One form on a case, on its own small page (the fragment when htmx opens it inside the
    case page). The case named in the URL is found through the policy (404 outside the
    person's reach) and ``rule`` checked on it (403) before anything else; a valid POST calls
    ``save`` and returns to the case, a form with what is wrong comes back with 400."""

    rule: ClassVar[str]
    title: ClassVar[StrOrPromise]
    button: ClassVar[StrOrPromise]
    success: ClassVar[StrOrPromise]

    @classmethod
    def view(cls) -> Callable[..., HttpResponse]:
        """The URL's view: signed in, holding ``rule`` somewhere, GET or POST."""
        return rule(cls.rule)(require_http_methods(["GET", "POST"])(cls.as_view()))

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.case = case_for(request.user, "cases.view", kwargs["pk"])
        require(request.user, self.rule, self.case)
        self.by = cast(Person, request.user)  # the rule lets only a signed-in person this far

    def save(self, data: dict[str, Any]) -> None:
        """Calls the service with the form's cleaned data."""
        raise NotImplementedError

    def get_template_names(self) -> list[str]:
        return ["cases/_action_form.html" if is_htmx(self.request) else "cases/action.html"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = {"case": self.case, "action": self, "url": self.request.path, **kwargs}
        return super().get_context_data(**context)

    def form_valid(self, form: forms.Form) -> HttpResponse:
        try:
            self.save(form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success)
        return redirect("cases:detail", pk=self.case.pk)

    def form_invalid(self, form: forms.Form) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)


class TransitionPage(CaseForm):
    rule = "cases.edit"
    title = button = _("Ubah status")
    success = _("Status kasus diubah.")
    form_class = TransitionForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "case": self.case}

    def save(self, data: dict[str, Any]) -> None:
        services.case_transition(case=self.case, by=self.by, request=self.request, **data)


class UpdatePage(CaseForm):
    rule = "cases.edit"
    title = _("Ubah data kasus")
    button = _("Simpan")
    success = _("Data kasus disimpan.")
    form_class = CaseUpdateForm

    def get_initial(self) -> dict[str, Any]:
        return {
            "violence_forms": [c.code for c in self.case.violence_forms.all()],
            "place": self.case.place.code,
            "incident_date": self.case.incident_date,
            "version": self.case.version,
        }

    def save(self, data: dict[str, Any]) -> None:
        services.case_update(case=self.case, by=self.by, request=self.request, **data)


class NotePage(CaseForm):
    rule = "cases.note"
    title = _("Catatan perkembangan")
    button = _("Simpan catatan")
    success = _("Catatan disimpan.")
    form_class = NoteForm

    def save(self, data: dict[str, Any]) -> None:
        services.case_note_add(case=self.case, by=self.by, request=self.request, **data)


class PersonAddPage(CaseForm):
    rule = "cases.edit"
    title = _("Tambah korban atau terduga pelaku")
    button = _("Simpan")
    success = _("Data orang ditambahkan.")
    form_class = PersonForm

    def get_initial(self) -> dict[str, Any]:
        return {"kind": self.request.GET.get("sebagai", "victim")}

    def save(self, data: dict[str, Any]) -> None:
        services.case_person_add(case=self.case, by=self.by, request=self.request, **data)


class PersonEditPage(CaseForm):
    """A correction of one of this case's victims or alleged perpetrators (404 for anyone
    else's); the form shows their identity, a read that is audited."""

    rule = "cases.edit"
    title = _("Ubah data korban atau terduga pelaku")
    button = _("Simpan")
    success = _("Data orang disimpan.")
    form_class = PersonEditForm

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.person = get_object_or_404(self.case.people.all(), pk=kwargs["person_pk"])

    def get_initial(self) -> dict[str, Any]:
        if self.request.method != "GET":
            return {}  # what was submitted is shown again; no second read of the identity
        shown = case_person_initial(self.person, by=self.by, request=self.request)
        return {**shown, "version": self.case.version}

    def save(self, data: dict[str, Any]) -> None:
        services.case_person_update(person=self.person, by=self.by, request=self.request, **data)


class ServicePage(CaseForm):
    rule = "cases.edit"
    title = button = _("Catat layanan")
    success = _("Layanan dicatat.")
    form_class = ServiceForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "organisations": _partners(self.request.user)}

    def save(self, data: dict[str, Any]) -> None:
        services.case_service_add(case=self.case, by=self.by, request=self.request, **data)


class MemberPage(CaseForm):
    rule = "cases.assign"
    title = _("Tambah anggota tim")
    button = _("Tambahkan")
    success = _("Anggota tim ditambahkan.")
    form_class = MemberForm

    def save(self, data: dict[str, Any]) -> None:
        services.case_member_add(case=self.case, by=self.by, request=self.request, **data)


class ConsentPage(CaseForm):
    rule = "cases.edit"
    title = _("Catat persetujuan")
    button = _("Simpan persetujuan")
    success = _("Persetujuan dicatat.")
    form_class = ConsentForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "organisations": _partners(self.request.user)}

    def save(self, data: dict[str, Any]) -> None:
        services.consent_record(case=self.case, by=self.by, request=self.request, **data)


class AttachmentPage(CaseForm):
    rule = "cases.note"
    title = _("Unggah lampiran")
    button = _("Unggah")
    success = _("Lampiran disimpan.")
    form_class = AttachmentForm

    def save(self, data: dict[str, Any]) -> None:
        upload = data["file"]
        services.case_attachment_add(
            case=self.case,
            by=self.by,
            upload=upload,
            size=upload.size,
            request=self.request,
        )


case_transition = TransitionPage.view()
case_update = UpdatePage.view()
case_note = NotePage.view()
person_add = PersonAddPage.view()
person_edit = PersonEditPage.view()
service_add = ServicePage.view()
member_add = MemberPage.view()
consent_add = ConsentPage.view()
attachment_add = AttachmentPage.view()


@rule("cases.edit")
@require_POST
def consent_withdraw(request, pk, consent_pk):
    """One button on the case page; the consent must be one of this case's (404)."""
    case = case_for(request.user, "cases.view", pk)
    require(request.user, "cases.edit", case)
    consent = get_object_or_404(case.consents.all(), pk=consent_pk)
    change_told(
        request,
        lambda: services.consent_withdraw(consent=consent, by=request.user, request=request),
        _("Persetujuan ditarik."),
    )
    return redirect("cases:detail", pk=case.pk)


@rule("cases.assign")
@require_POST
def member_remove(request, pk, member_pk):
    """One button on the case page; the member must be on this case's team now (404)."""
    case = case_for(request.user, "cases.view", pk)
    require(request.user, "cases.assign", case)
    member = get_object_or_404(case.members.filter(removed_at__isnull=True), pk=member_pk)
    change_told(
        request,
        lambda: services.case_member_remove(member=member, by=request.user, request=request),
        _("Anggota tim dikeluarkan."),
    )
    return redirect("cases:detail", pk=case.pk)


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
