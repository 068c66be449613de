"""Recording education sessions and coordination meetings (the activist, on a phone), and
serving a session's photo through the policy."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jaga.access.decorators import rule
from jaga.audit.files import audited_file_response
from jaga.core.forms import apply_errors
from jaga.forum import selectors
from jaga.forum.forms import MeetingForm, SessionForm
from jaga.forum.services import sessions as services
from jaga.forum.views.chapters import own_chapter_or_404


@rule("forum.record")
@require_http_methods(["GET", "POST"])
def session_new(request):
    chapter = own_chapter_or_404(request)
    rts = list(selectors.chapter_rts(chapter))
    activists = selectors.activists_of(chapter)
    own = selectors.own_activist(request.user)
    form = SessionForm(
        request.POST or None,
        request.FILES or None,
        rts=rts,
        activists=activists,
        initial={"facilitators": [own.pk] if own else []},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        photo = data.pop("photo")
        by_pk = {a.pk: a for a in activists}
        try:
            result = services.session_record(
                chapter=chapter,
                held_on=data["held_on"],
                # RTs are taken by id from the whole area table so that one of another
                # kelurahan gets the service's precise message instead of a choice error.
                rts=selectors.rts_named(pks=data["rts"]),
                place_kind=data["place_kind"],
                topics=data["topics"],
                audience=data["audience"],
                girls=data["girls"],
                boys=data["boys"],
                women=data["women"],
                men=data["men"],
                facilitators=[by_pk[pk] for pk in data["facilitators"] if pk in by_pk],
                photo=photo,
                photo_size=photo.size if photo else 0,
                recorded_by=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            for warning in result.warnings:
                messages.warning(request, warning)
            messages.success(request, _("Sosialisasi dicatat. Terima kasih."))
            return redirect("forum:chapter", code=chapter.kelurahan.code)
    status = 400 if form.errors else 200
    return render(
        request, "forum/session_form.html", {"form": form, "chapter": chapter}, status=status
    )


@rule("forum.sessions")
@require_GET
def session_photo(request, pk):
    session = selectors.session_for(request.user, pk)
    if not session.photo:
        return redirect("forum:chapter", code=session.chapter.kelurahan.code)
    return audited_file_response(
        request=request,
        target=session,
        field="photo",
        file=session.photo,
        content_type=session.photo_type,
        filename=f"sosialisasi-{session.pk}",
    )


@rule("forum.record")
@require_POST
def meeting_add(request):
    chapter = own_chapter_or_404(request)
    form = MeetingForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_record(chapter=chapter, recorded_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Rapat koordinasi dicatat."))
            return redirect("forum:chapter", code=chapter.kelurahan.code)
    messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("forum:chapter", code=chapter.kelurahan.code)
