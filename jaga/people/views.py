from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jaga.access.decorators import rule
from jaga.access.policy import can, get_object, require
from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.core.forms import apply_errors
from jaga.people.forms import InviteForm, MembershipForm, OrganisationForm
from jaga.people.models import Membership, Organisation, OrganisationKind, Person
from jaga.people.selectors import organisation_list, person_list, person_memberships
from jaga.people.services import (
    invitation_path,
    membership_end,
    membership_grant,
    organisation_save,
    person_invite,
    person_set_active,
)


@rule("people.view")
@require_GET
def person_index(request):
    query = request.GET.get("q", "").strip()[:80]
    page = Paginator(person_list(request.user, query=query), 50).get_page(request.GET.get("page"))
    return render(request, "people/list.html", {"page": page, "query": query})


@rule("people.manage")
@require_http_methods(["GET", "POST"])
def person_invite_view(request):
    form = InviteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = person_invite(
                full_name=data["full_name"],
                username=data["username"],
                phone=data["phone"],
                email=data["email"],
                role=data["role"],
                organisation=data["organisation"],
                area=data["area"],
                invited_by=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            request.session["invitation"] = {"person": person.pk, "path": invitation_path(person)}
            messages.success(request, _("Akun dibuat. Kirimkan tautan aktivasi kepada orangnya."))
            return redirect("people:detail", pk=person.pk)
    return render(request, "people/invite.html", {"form": form})


@rule("people.view")
@require_GET
def person_detail(request, pk):
    person = get_object(request.user, "people.view", Person.objects.all(), pk=pk)
    audit_record(actor=request.user, action=AuditAction.READ, target=person, request=request)
    invitation = request.session.pop("invitation", None)
    context = {
        "person": person,
        "memberships": person_memberships(person),
        "form": MembershipForm(user=request.user),
        "can_manage": can(request.user, "people.manage", person),
        "invitation_url": (
            request.build_absolute_uri(invitation["path"])
            if invitation and invitation["person"] == person.pk
            else None
        ),
    }
    return render(request, "people/detail.html", context)


@rule("people.manage")
@require_POST
def membership_add(request, pk):
    person = get_object(request.user, "people.view", Person.objects.all(), pk=pk)
    require(request.user, "people.manage", person)
    form = MembershipForm(request.POST, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            membership_grant(
                person=person,
                role=data["role"],
                organisation=data["organisation"],
                area=data["area"],
                granted_by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Peran diberikan."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("people:detail", pk=person.pk)


@rule("people.manage")
@require_POST
def membership_end_view(request, pk, membership_pk):
    person = get_object(request.user, "people.view", Person.objects.all(), pk=pk)
    require(request.user, "people.manage", person)
    membership = get_object(
        request.user,
        "people.manage",
        Membership.objects.filter(person=person).select_related("area", "organisation__area"),
        pk=membership_pk,
    )
    try:
        membership_end(membership=membership, ended_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Peran diakhiri."))
    return redirect("people:detail", pk=person.pk)


@rule("people.manage")
@require_POST
def person_active(request, pk):
    person = get_object(request.user, "people.view", Person.objects.all(), pk=pk)
    require(request.user, "people.manage", person)
    try:
        person_set_active(
            person=person, active=request.POST.get("active") == "1", changed_by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Status akun diperbarui."))
    return redirect("people:detail", pk=person.pk)


@rule("organisations.view")
@require_GET
def organisation_index(request):
    kind = request.GET.get("kind", "")
    if kind not in OrganisationKind.values:
        kind = ""
    organisations = organisation_list(request.user, kind=kind)
    return render(
        request,
        "people/organisations.html",
        {"organisations": organisations, "kind": kind, "kinds": OrganisationKind.choices},
    )


@rule("organisations.manage")
@require_http_methods(["GET", "POST"])
def organisation_edit(request, pk=None):
    organisation = None
    if pk is not None:
        organisation = get_object(
            request.user, "organisations.manage", Organisation.objects.all(), pk=pk
        )
    form = OrganisationForm(request.POST or None, instance=organisation, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            organisation_save(
                organisation=form.instance, changed_by=request.user, fields=form.changed_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Organisasi disimpan."))
            return redirect("people:organisations")
    return render(request, "people/organisation_form.html", {"form": form})
