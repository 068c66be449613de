"""The chapter page: its activists, trainings and invitations, recent sessions."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jaga.access.decorators import rule
from jaga.access.policy import can, holds
from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.core.forms import change_told, form_saved
from jaga.forum import selectors
from jaga.forum.forms import ActivistForm, ChapterForm, MeetingForm, TrainingForm
from jaga.forum.services import chapters as services
from jaga.people.services import invitation_path

SESSIONS_ON_PAGE = 10


@rule("forum.sessions")
@require_GET
def index(request):
    """Where a person's forum pages start: their own chapter, or the list of chapters."""
    chapters = list(selectors.chapters_for(request.user, "forum.sessions"))
    if len(chapters) == 1 and not holds(request.user, "forum.manage"):
        return redirect("forum:chapter", code=chapters[0].kelurahan.code)
    context = {
        "chapters": chapters,
        "unformed": (
            selectors.kelurahan_without_chapter(request.user, "forum.manage")
            if holds(request.user, "forum.manage")
            else None
        ),
    }
    return render(request, "forum/index.html", context)


def _chapter_page(request, code, *, status=200, **forms):
    chapter = selectors.chapter_for(request.user, "forum.sessions", code)
    can_view = can(request.user, "forum.view", chapter)
    activists = selectors.activists_of(chapter) if can_view else []
    if activists:
        audit_record(
            actor=request.user,
            action=AuditAction.READ,
            target=chapter,
            fields=["activists.name", "activists.phone"],
            request=request,
        )
    can_manage = can(request.user, "forum.manage", chapter)
    context = {
        "chapter": chapter,
        "activists": activists,
        "can_view": can_view,
        "can_manage": can_manage,
        "can_invite": can_manage and holds(request.user, "forum.invite"),
        "can_record": can(request.user, "forum.record", chapter),
        "is_chair": selectors.is_chair(request.user, chapter),
        "sessions": selectors.sessions_of(request.user, chapter)[:SESSIONS_ON_PAGE],
        "meetings": selectors.meetings_of(request.user, chapter)[:5],
        "chapter_form": forms.get("chapter_form")
        or ChapterForm(
            initial={
                "formed_on": chapter.formed_on,
                "decision_number": chapter.decision_number,
                "decision_date": chapter.decision_date,
            }
        ),
        "activist_form": forms.get("activist_form") or ActivistForm(),
        "training_form": forms.get("training_form") or TrainingForm(activists=activists),
        "meeting_form": forms.get("meeting_form") or MeetingForm(),
        "invitation_url": _pop_invitation(request),
    }
    return render(request, "forum/chapter.html", context, status=status)


def _pop_invitation(request):
    invitation = request.session.pop("forum_invitation", None)
    return request.build_absolute_uri(invitation) if invitation else None


@rule("forum.sessions")
@require_GET
def chapter(request, code):
    return _chapter_page(request, code)


def _save(request, code, form, key: str, save, done: str):
    """Back to the chapter page once saved; else the page again with the form's errors (400)."""
    if form_saved(request, form, save, done):
        return redirect("forum:chapter", code=code)
    return _chapter_page(request, code, status=400, **{key: form})


@rule("forum.manage")
@require_POST
def chapter_form(request, code):
    """Form the chapter of a kelurahan, or correct its decision and date."""
    kelurahan = selectors.kelurahan_for(request.user, "forum.manage", code)
    form = ChapterForm(request.POST)
    if form_saved(
        request,
        form,
        lambda data: services.chapter_save(kelurahan=kelurahan, changed_by=request.user, **data),
        _("Data FP2ATBM kelurahan disimpan."),
    ):
        return redirect("forum:chapter", code=code)
    if hasattr(kelurahan, "fp2atbm_chapter"):
        return _chapter_page(request, code, status=400, chapter_form=form)
    return render(
        request, "forum/form_chapter.html", {"kelurahan": kelurahan, "form": form}, status=400
    )


@rule("forum.manage")
@require_GET
def chapter_new(request, code):
    kelurahan = selectors.kelurahan_for(request.user, "forum.manage", code)
    if hasattr(kelurahan, "fp2atbm_chapter"):
        return redirect("forum:chapter", code=code)
    return render(
        request, "forum/form_chapter.html", {"kelurahan": kelurahan, "form": ChapterForm()}
    )


@rule("forum.manage")
@require_POST
def activist_add(request, code):
    chapter = selectors.chapter_for(request.user, "forum.manage", code)
    return _save(
        request,
        code,
        ActivistForm(request.POST),
        "activist_form",
        lambda data: services.activist_add(chapter=chapter, changed_by=request.user, **data),
        _("Aktivis ditambahkan."),
    )


@rule("forum.manage")
@require_POST
def training_add(request, code):
    chapter = selectors.chapter_for(request.user, "forum.manage", code)
    activists = selectors.activists_of(chapter)

    def save(data):
        activist = next(a for a in activists if a.pk == data["activist"])
        services.activist_training_add(
            activist=activist, title=data["title"], held_on=data["held_on"], changed_by=request.user
        )

    return _save(
        request,
        code,
        TrainingForm(request.POST, activists=activists),
        "training_form",
        save,
        _("Pelatihan dicatat."),
    )


@rule("forum.manage")
@require_POST
def activist_active(request, pk):
    activist = selectors.activist_for(request.user, "forum.manage", pk)
    active = request.POST.get("active") == "1"
    change_told(
        request,
        lambda: services.activist_set_active(
            activist=activist, active=active, changed_by=request.user
        ),
        _("Status aktivis diperbarui."),
    )
    return redirect("forum:chapter", code=activist.chapter.kelurahan.code)


@rule("forum.invite")
@require_POST
def activist_invite(request, pk):
    activist = selectors.activist_for(request.user, "forum.invite", pk)
    person = change_told(
        request,
        lambda: services.activist_invite(activist=activist, invited_by=request.user),
        _("Akun aktivis dibuat. Kirimkan tautan aktivasi kepadanya."),
    )
    if person is not None:
        request.session["forum_invitation"] = invitation_path(person)
    return redirect("forum:chapter", code=activist.chapter.kelurahan.code)


def own_chapter_or_404(request):
    """The chapter the signed-in activist records for (their organisation's)."""
    chapters = list(selectors.chapters_for(request.user, "forum.record"))
    if not chapters:
        raise Http404
    return chapters[0]
