"""The children's pages under /suara/: no account, no name, nothing kept about the child.

Deliberately: no Django session is touched (no session row), nothing is logged, the help
screen is the answer to the same POST every child sends (no separate URL that would show in
an access log), and the only state between two pages is in the page itself (a signed token
that also stops a form from being saved twice)."""

from __future__ import annotations

import hashlib
import secrets
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jaga.access.decorators import rule
from jaga.core.throttle import throttle_allows
from jaga.voice.forms import AnswerForm, CodeForm
from jaga.voice.models import AgeBand, SurveySession
from jaga.voice.selectors.sessions import session_by_code
from jaga.voice.services.survey import normalise_code, response_submit

TOKEN_SALT = "jaga.voice.answer"
TOKEN_HOURS = 12
SAPA_PHONE = "129"
SAPA_WHATSAPP = "08111-129-129"
SAPA_WHATSAPP_LINK = "https://wa.me/628111129129"


def _help_context(session: SurveySession | None = None) -> dict:
    return {
        "sapa_phone": SAPA_PHONE,
        "sapa_whatsapp": SAPA_WHATSAPP,
        "sapa_whatsapp_link": SAPA_WHATSAPP_LINK,
        "session": session,
    }


def _closed_message(session: SurveySession | None) -> str:
    if session is None:
        return _("Kode ini tidak ada. Periksa lagi hurufnya, atau tanya kakak pendamping.")
    return _("Sesi dengan kode ini sudah selesai. Tanya kakak pendamping kode yang baru.")


@rule("voice.public")
@require_GET
def start(request):
    """Type the code (the QR leads straight to the session)."""
    form = CodeForm(request.GET or None)
    if form.is_valid():
        code = normalise_code(form.cleaned_data["kode"])
        session = session_by_code(code)
        if session is not None and session.is_open():
            return redirect("suara:session", code=code)
        form.add_error("kode", _closed_message(session))
    return render(request, "voice/child/start.html", {"form": form})


def _open_session(code: str) -> SurveySession | str:
    """The open session of ``code``, or what to tell the child."""
    found = session_by_code(normalise_code(code))
    if found is None or not found.is_open():
        return _closed_message(found)
    return found


def _closed(request, problem: str):
    return render(request, "voice/child/start.html", {"form": CodeForm(), "problem": problem})


@rule("voice.public")
@require_GET
def session(request, code: str):
    """Choose your age: it picks the version of the questions."""
    found = _open_session(code)
    if isinstance(found, str):
        return _closed(request, found)
    return render(request, "voice/child/age.html", {"session": found, "bands": AgeBand.choices})


def _token() -> str:
    return signing.dumps(secrets.token_urlsafe(12), salt=TOKEN_SALT)


def _first_use(token: str) -> bool | None:
    """True the first time a form is sent, False when it is sent again, None when the token
    is forged or too old. The cache holds only a hash of a random value."""
    try:
        nonce = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_HOURS * 3600)
    except signing.BadSignature:
        return None
    digest = hashlib.sha256(nonce.encode()).hexdigest()[:32]
    # The shared cache may be a database table: the mark expires on a whole hour, so its
    # expiry does not keep the minute a child answered.
    to_the_hour = 3600 - int(time.time()) % 3600
    return cache.add(f"jaga:voice:sent:{digest}", 1, timeout=TOKEN_HOURS * 3600 + to_the_hour)


def _flood_refusal(found: SurveySession) -> str | None:
    """A session takes a classroom at a time, not a flood (keyed by session, never by
    address)."""
    limit = getattr(settings, "JAGA_VOICE_ANSWERS_PER_MINUTE", 30)
    if not throttle_allows(scope="voice-answer", key=str(found.pk), limit=limit, window_seconds=60):
        return _("Banyak sekali jawaban masuk bersamaan. Tunggu sebentar, lalu tekan Kirim lagi.")
    return None


@rule("voice.public")
@require_http_methods(["GET", "POST"])
def answer(request, code: str, age_band: str):
    """The whole questionnaire on one page; on sending, thanks — or help at once."""
    if age_band not in AgeBand.values:
        raise Http404
    found = _open_session(code)
    if isinstance(found, str):
        return _closed(request, found)
    questions = list(found.round.questionnaire.questions.filter(age_band=age_band))
    data = request.POST if request.method == "POST" else None
    form = AnswerForm(questions, data)
    if request.method == "POST" and form.is_valid():
        first = _first_use(form.cleaned_data["token"])
        if first is None:
            form.add_error(None, _("Halaman ini sudah terlalu lama terbuka. Isi ulang, ya."))
        elif first is False:
            return render(request, "voice/child/thanks.html", {"session": found})
        elif refusal := _flood_refusal(found):
            form.add_error(None, refusal)
        else:
            try:
                submitted = response_submit(
                    session=found,
                    age_band=age_band,
                    sex=form.cleaned_data.get("sex") or "",
                    values=form.values(),
                )
            except ValidationError as error:
                form.add_error(None, error)  # the service names the form's fields
            else:
                help_needed = submitted.needs_help
                template = "voice/child/help.html" if help_needed else "voice/child/thanks.html"
                return render(request, template, {**_help_context(found), "answered": True})
    # Always a fresh token: a refused one may have been used already.
    context = {"session": found, "form": form, "age_band": age_band, "token": _token()}
    return render(request, "voice/child/form.html", context, status=422 if form.errors else 200)


@rule("voice.public")
@require_GET
def help_page(request):
    """Help for anyone, any time: reached from every page of the survey."""
    return render(request, "voice/child/help.html", _help_context())
