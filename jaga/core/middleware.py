from urllib.parse import unquote

from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _

# No inline script or style anywhere: htmx and the stylesheet are files under /static/.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set: CSP and a tight permissions policy,
    and the referrer policy by kind of response.

    Everything is ``no-referrer`` (settings.SECURE_REFERRER_POLICY) except HTML pages, which
    are ``same-origin``: every page holds a POST form (sign-out, language, the page's own),
    and under ``no-referrer`` Chromium posts ``Origin: null``, which Django's CSRF check
    rightly refuses. ``same-origin`` still never sends a referrer to another site."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        if response.headers.get("Content-Type", "").startswith("text/html"):
            response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            # Pages behind sign-in may hold personal data: never keep them in a shared cache.
            response.headers.setdefault("Cache-Control", "private, no-store")
        if settings.HTTPS:
            response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


class RejectNulMiddleware:
    """Refuses (400) a request carrying a NUL character in its path, query or text fields.

    No legitimate input holds one, and PostgreSQL cannot store or compare text containing
    it: without this a NUL typed into any lookup would surface as a server error. File
    contents are not looked at (an image may hold NUL bytes)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _carries_nul(request):
            message = _("Permintaan berisi karakter yang tidak sah (NUL).")
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def _carries_nul(request) -> bool:
    if "\x00" in request.path_info or "\x00" in unquote(request.META.get("QUERY_STRING", "")):
        return True
    content_type = request.META.get("CONTENT_TYPE", "")
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return False
    if content_type.startswith("application/json"):
        return b"\\u0000" in request.body or b"\x00" in request.body
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        return any(
            "\x00" in text for key, values in request.POST.lists() for text in [key, *values]
        )
    return False


class LanguageMiddleware:
    """Bahasa Indonesia unless the person chose English (the language switch sets a cookie).

    Unlike Django's LocaleMiddleware it ignores the browser's Accept-Language: many phones in
    Indonesia run an English system language, and Jaga speaks Indonesian first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
