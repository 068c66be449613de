"""Staff pages of the Forum Anak: forums, members (facilitators and DP3AKB only, each read
audited), consultations and proposals; the agency's answer; the public "you said, we did"."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jaga.access.decorators import rule
from jaga.access.policy import holds, visible
from jaga.areas.models import Area, AreaKind
from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.taskforce.selectors import action_item_status
from jaga.voice.forms import (
    ActionLinkForm,
    AnswerProposalForm,
    ConsultationForm,
    FacilitatorForm,
    ForumForm,
    MemberForm,
    ProposalForm,
)
from jaga.voice.selectors.forums import (
    consultations_of,
    facilitator_candidate,
    forum_get,
    forums_for,
    members_of,
    proposal_to_answer,
    proposals_of,
    proposals_public,
    proposals_to_answer,
)
from jaga.voice.services.forums import (
    consultation_record,
    facilitator_add,
    forum_create,
    member_add,
    proposal_answer,
    proposal_link_action,
    proposal_send,
)


@rule("voice.forum_manage")
@require_http_methods(["GET", "POST"])
def forums(request):
    can_create = holds(request.user, "voice.forum_create")
    areas = visible(
        request.user,
        "voice.forum_create",
        Area.objects.filter(kind__in=[AreaKind.CITY, AreaKind.KECAMATAN, AreaKind.KELURAHAN]),
    ).order_by("code")
    form = ForumForm(request.POST or None, areas=areas) if can_create else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            forum = forum_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("voice:forum", pk=forum.pk)
    context = {"forums": forums_for(request.user), "form": form}
    return render(request, "voice/forums.html", context)


FORMS = {
    "member": MemberForm,
    "consultation": ConsultationForm,
    "facilitator": FacilitatorForm,
}


def _save(request, forum, kind: str, form) -> bool:
    """Call the service behind one of the forum page's forms."""
    data = form.cleaned_data
    try:
        if kind == "member":
            member_add(by=request.user, forum=forum, **data)
        elif kind == "consultation":
            consultation_record(by=request.user, forum=forum, **data)
        elif kind == "facilitator":
            person = facilitator_candidate(data["username"])
            if person is None:
                raise ValidationError({"username": [_("Tidak ada akun dengan nama ini.")]})
            facilitator_add(by=request.user, forum=forum, person=person)
        else:
            proposal_send(by=request.user, forum=forum, **data)
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


@rule("voice.forum_manage")
@require_http_methods(["GET", "POST"])
def forum_detail(request, pk: int):
    forum = forum_get(request.user, pk)
    consultations = consultations_of(forum)
    forms = {kind: cls() for kind, cls in FORMS.items()}
    forms["proposal"] = ProposalForm(consultations=consultations)
    kind = request.POST.get("form", "")
    if request.method == "POST" and kind in forms:
        form: Form
        if kind == "proposal":
            form = ProposalForm(request.POST, consultations=consultations)
        else:
            form = FORMS[kind](request.POST)
        forms[kind] = form
        if form.is_valid() and _save(request, forum, kind, form):
            messages.success(request, _("Tersimpan."))
            return redirect("voice:forum", pk=forum.pk)
    members = list(members_of(forum))
    audit_record(
        actor=request.user,
        action=AuditAction.READ,
        target=forum,
        fields=["members.nickname", "members.birth_year", "members.school"],
        request=request,
    )
    context = {
        "forum": forum,
        "members": members,
        "consultations": consultations,
        "proposals": proposals_of(forum),
        "forms": forms,
        "open_form": kind,
    }
    return render(request, "voice/forum.html", context)


@rule("voice.proposal_answer")
@require_GET
def proposals(request):
    return render(request, "voice/proposals.html", {"proposals": proposals_to_answer(request.user)})


@rule("voice.proposal_answer")
@require_http_methods(["GET", "POST"])
def proposal_detail(request, pk: int):
    """The agency answers; DP3AKB may tie the proposal to a Gugus Tugas action item."""
    proposal = proposal_to_answer(request.user, pk)
    linking = request.POST.get("form") == "link"
    form = AnswerProposalForm(None if linking else request.POST or None)
    link_form = ActionLinkForm(request.POST if linking else None)
    if request.method == "POST":
        bound, service = (link_form, proposal_link_action) if linking else (form, proposal_answer)
        if bound.is_valid():
            try:
                service(by=request.user, proposal=proposal, **bound.cleaned_data)
            except ValidationError as error:
                bound.add_error(None, error)
            else:
                messages.success(request, _("Tersimpan; tampil juga di halaman publik."))
                return redirect("voice:proposal", pk=proposal.pk)
    context = {
        "proposal": proposal,
        "form": form,
        "link_form": link_form,
        "action": action_item_status(proposal.action_item_id) if proposal.action_item_id else None,
    }
    return render(request, "voice/proposal.html", context)


@rule("voice.public")
@require_GET
def public_proposals(request):
    """ "You said, we did": every proposal, its agency and its answer."""
    return render(request, "voice/child/proposals.html", {"proposals": proposals_public()[:100]})
