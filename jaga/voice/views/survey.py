"""Staff pages of the survey under /suara-anak/: rounds, sessions (code, QR, count of
answers, close) and the paper fallback. Thin: parse, call a service or selector, render."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jaga.access.decorators import rule
from jaga.access.policy import get_object, holds, scope_roots
from jaga.areas.models import Area
from jaga.voice.forms import AnswerForm, RoundForm, SessionForm
from jaga.voice.models import AgeBand
from jaga.voice.paper import questionnaire_pdf
from jaga.voice.selectors.results import rounds_of, session_answer_count
from jaga.voice.selectors.sessions import (
    kelurahan_for_sessions,
    questionnaire_current,
    rounds_for_sessions,
    schools_for_sessions,
    session_get,
    sessions_for,
)
from jaga.voice.services.survey import response_submit, round_create, session_close, session_open


@rule("voice.session_view")
@require_GET
def index(request):
    sessions = sessions_for(request.user)[:30]
    context = {"sessions": sessions, "can_open": holds(request.user, "voice.session_open")}
    return render(request, "voice/sessions.html", context)


@rule("voice.round_manage")
@require_http_methods(["GET", "POST"])
def rounds(request):
    city_code = next(iter(scope_roots(request.user, "voice.round_manage")), None)
    if city_code is None:
        raise Http404
    city = get_object(request.user, "voice.round_manage", Area.objects.all(), code=city_code)
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            round_create(by=request.user, city=city, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Putaran survei dibuat."))
            return redirect("voice:rounds")
    return render(request, "voice/rounds.html", {"rounds": rounds_of(city.code), "form": form})


@rule("voice.session_open")
@require_http_methods(["GET", "POST"])
def session_new(request):
    form = SessionForm(
        request.POST or None,
        rounds=rounds_for_sessions(request.user),
        kelurahan=kelurahan_for_sessions(request.user),
        schools=schools_for_sessions(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            session = session_open(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("voice:session", pk=session.pk)
    return render(request, "voice/session_new.html", {"form": form})


@rule("voice.session_view")
@require_GET
def session_detail(request, pk: int):
    """The code, its QR and how many answered — never what they answered."""
    session = session_get(request.user, pk)
    link = request.build_absolute_uri(reverse("suara:session", kwargs={"code": session.code}))
    context = {
        "session": session,
        "link": link,
        "qr": segno.make(link, error="m").svg_data_uri(scale=6),
        "answers": session.answers,  # type: ignore[attr-defined]
        "is_open": session.is_open(),
    }
    return render(request, "voice/session.html", context)


@rule("voice.session_view")
@require_POST
def session_end(request, pk: int):
    session = session_get(request.user, pk)
    session_close(by=request.user, session=session)
    messages.success(request, _("Sesi ditutup. Kode ini tidak bisa dipakai lagi."))
    return redirect("voice:session", pk=session.pk)


@rule("voice.session_view")
@require_http_methods(["GET", "POST"])
def paper_entry(request, pk: int, age_band: str):
    """Type in one paper sheet of a class; counted like an answer on a phone."""
    if age_band not in AgeBand.values:
        raise Http404
    session = session_get(request.user, pk)
    questions = list(session.round.questionnaire.questions.filter(age_band=age_band))
    data = request.POST or None
    sheet = AnswerForm(questions, data)
    if request.method == "POST" and sheet.is_valid():
        try:
            response_submit(
                session=session,
                age_band=age_band,
                sex=sheet.cleaned_data.get("sex") or "",
                values=sheet.values(),
                on_paper=True,
            )
        except ValidationError as error:
            sheet.add_error(None, error)
        else:
            messages.success(request, _("Lembar tersimpan. Lanjutkan dengan lembar berikutnya."))
            return redirect("voice:paper", pk=session.pk, age_band=age_band)
    context = {
        "session": session,
        "form": sheet,
        "age_band": age_band,
        "bands": AgeBand.choices,
        "answers": session_answer_count(session),
    }
    return render(request, "voice/paper.html", context, status=422 if sheet.errors else 200)


@rule("voice.session_view")
@require_GET
def questionnaire_download(request):
    """The paper questionnaire of the newest round (or Jaga's draft) as a PDF."""
    questionnaire = questionnaire_current()
    if questionnaire is None:
        raise Http404
    response = HttpResponse(questionnaire_pdf(questionnaire), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="kuesioner-aku-merasa-aman.pdf"'
    return response
