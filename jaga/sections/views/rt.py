"""One RT's page: its section, members, trainings and invitations to sign in."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jaga.access.decorators import rule
from jaga.access.policy import holds
from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.core.forms import change_told, form_saved
from jaga.people.services import invitation_path
from jaga.sections import selectors, services
from jaga.sections.forms import (
    MemberForm,
    SectionForm,
    TrainingForm,
)


def _detail(request, rt, *, status=200, **forms):
    section = selectors.section_of(rt)
    members = list(section.members.all()) if section else []
    if members:
        audit_record(
            actor=request.user,
            action=AuditAction.READ,
            target=section,
            fields=["name", "phone"],
            request=request,
        )
    can_manage = holds(request.user, "sections.manage")
    initial = {"is_active": True}
    if section:
        initial = {
            "is_formed": section.is_formed,
            "decision_number": section.decision_number,
            "decision_date": section.decision_date,
            "is_active": section.is_active,
        }
    context = {
        "rt": rt,
        "section": section,
        "members": members,
        "can_manage": can_manage,
        "can_coverage": holds(request.user, "sections.coverage"),
        "can_invite": holds(request.user, "sections.invite"),
        "section_form": forms.get("section_form") or SectionForm(initial=initial),
        "member_form": forms.get("member_form") or MemberForm(),
        "training_form": forms.get("training_form") or TrainingForm(members=members),
        "invitation_url": _pop_invitation(request),
    }
    return render(request, "sections/detail.html", context, status=status)


def _pop_invitation(request):
    invitation = request.session.pop("sections_invitation", None)
    return request.build_absolute_uri(invitation) if invitation else None


@rule("sections.view")
@require_GET
def detail(request, code):
    rt = selectors.section_rt(request.user, "sections.view", code)
    return _detail(request, rt)


def _save_on_rt_page(request, rt, form, key: str, save, done: str):
    """Back to the RT page once saved; else the page again with the form's errors (400)."""
    if form_saved(request, form, save, done):
        return redirect("sections:detail", code=rt.code)
    return _detail(request, rt, status=400, **{key: form})


@rule("sections.manage")
@require_POST
def section_edit(request, code):
    rt = selectors.section_rt(request.user, "sections.manage", code)
    return _save_on_rt_page(
        request,
        rt,
        SectionForm(request.POST),
        "section_form",
        lambda data: services.section_save(rt=rt, changed_by=request.user, **data),
        _("Data seksi disimpan."),
    )


@rule("sections.manage")
@require_POST
def member_add(request, code):
    rt = selectors.section_rt(request.user, "sections.manage", code)
    return _save_on_rt_page(
        request,
        rt,
        MemberForm(request.POST),
        "member_form",
        lambda data: services.member_add(rt=rt, changed_by=request.user, **data),
        _("Anggota ditambahkan."),
    )


@rule("sections.manage")
@require_POST
def training_add(request, code):
    rt = selectors.section_rt(request.user, "sections.manage", code)
    section = selectors.section_of(rt)
    members = list(section.members.all()) if section else []

    def save(data):
        member = next(m for m in members if m.pk == data["member"])
        services.training_add(
            member=member, title=data["title"], held_on=data["held_on"], changed_by=request.user
        )

    return _save_on_rt_page(
        request,
        rt,
        TrainingForm(request.POST, members=members),
        "training_form",
        save,
        _("Pelatihan dicatat."),
    )


@rule("sections.manage")
@require_POST
def member_active(request, pk):
    member = selectors.member_for(request.user, "sections.manage", pk)
    active = request.POST.get("active") == "1"
    change_told(
        request,
        lambda: services.member_set_active(member=member, active=active, changed_by=request.user),
        _("Status anggota diperbarui."),
    )
    return redirect("sections:detail", code=member.section.rt.code)


@rule("sections.invite")
@require_POST
def member_invite(request, pk):
    member = selectors.member_for(request.user, "sections.invite", pk)
    person = change_told(
        request,
        lambda: services.member_invite(member=member, invited_by=request.user),
        _("Akun dibuat. Kirimkan tautan aktivasi kepada anggota."),
    )
    if person is not None:
        request.session["sections_invitation"] = invitation_path(person)
    return redirect("sections:detail", code=member.section.rt.code)


# --- Import --------------------------------------------------------------------------------
