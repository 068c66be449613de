from django.conf import settings

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
