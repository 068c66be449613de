"""Session rules that apply to every page: an idle session ends, and a person who can see
identities must pass the second sign-in step before any page but sign-in and public ones."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from jaga.access.policy import get_rule
from jaga.security.lockout import remember_device
from jaga.security.selectors import idle_seconds, sees_identities

SEEN_KEY = "jaga_seen"
# Refreshing the session's clock costs a write; once a minute is precise enough.
TOUCH_EVERY = 60
# Pages an unverified person may still open: the second step itself and signing out.
TWO_FACTOR_PAGES = {"security:two_factor", "security:two_factor_setup", "logout"}


def start_session_clock(request: HttpRequest, user, roles: set[str] | None = None) -> None:
    """Give the session its idle limit (the person's, by role) and mark it used now."""
    request.session[SEEN_KEY] = int(time.time())
    request.session.set_expiry(idle_seconds(user, roles))


class IdleTimeoutMiddleware:
    """Ends a signed-in session unused for longer than the person's idle limit. The limit is
    also the session's expiry in the store, so an abandoned session is gone there too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            seen = request.session.get(SEEN_KEY, 0)
            now = int(time.time())
            if seen and now - seen > idle_seconds(request.user):
                logout(request)
                messages.info(request, _("Sesi Anda berakhir karena lama tidak digunakan."))
            elif now - seen >= TOUCH_EVERY:
                start_session_clock(request, request.user)
        return self.get_response(request)


def _exempt(request: HttpRequest) -> bool:
    if request.path_info.startswith(settings.STATIC_URL):
        return True
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return True  # a page that does not exist shows nothing
    if match.view_name in TWO_FACTOR_PAGES:
        return True
    declared = getattr(match.func, "jaga_rule", None)
    return declared is not None and get_rule(declared).public


def _is_api(request: HttpRequest) -> bool:
    try:
        return "api" in resolve(request.path_info).namespaces
    except Resolver404:
        return False


class TwoFactorMiddleware:
    """Sends a person who can see identities, signed in with a password only, to enrol an
    authenticator or to type a code. Needs django-otp's OTPMiddleware before it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        # The page leaves out what the person cannot use yet (the header's notification badge).
        request.second_step_due = sees_identities(user) and not user.is_verified()
        if request.second_step_due and not _exempt(request):
            return self._second_step(request)
        return self.get_response(request)

    @staticmethod
    def _second_step(request):
        if _is_api(request):
            message = _("Verifikasi dua langkah diperlukan. Masuk lewat halaman web dahulu.")
            return JsonResponse({"detail": message}, status=403)
        target = reverse("security:two_factor")
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")


class KnownDeviceMiddleware:
    """After a password sign-in, remembers the browser as a known device of the account: a
    lockout does not stop its owner there (``jaga.security.lockout``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        username = getattr(request, "jaga_signed_in_as", None)
        if username:
            remember_device(request, response, username)
        return response
