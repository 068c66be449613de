"""Glue between django-axes and Jaga's sign-in: one counter per account whichever form of
login was typed, the same client address as the audit trail, and an Indonesian lockout page.

Who is locked out, so that nobody can lock the rightful owner out of their own account:
- an address that fails too often, and an account from that one address (``settings``
  ``AXES_LOCKOUT_PARAMETERS``), for the cool-off time;
- an account failing from many addresses is only slowed down: one try per
  ``SLOWDOWN_SECONDS`` from a browser it was never used on;
- a browser the account signed in on before (a signed cookie, no personal data in it) is
  neither locked out nor slowed down: the password and the second step still apply."""

from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import cache
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from jaga.audit.services import client_ip
from jaga.core.crypto import blind_index
from jaga.people.backends import UsernameOrPhoneBackend
from jaga.security.selectors import UNKNOWN_NAME_PREFIX

SLOWDOWN_SECONDS = 30
KNOWN_DEVICE_COOKIE = "jaga_perangkat"
KNOWN_DEVICE_SALT = "jaga.security.known-device"
KNOWN_DEVICE_DAYS = 365
KNOWN_DEVICE_MAX = 5  # accounts remembered by one browser (a shared office computer)


class LockoutBackend(AxesStandaloneBackend):
    """Refuses sign-in while the address, or the account from this address, is locked out,
    and slows an account down that fails from many addresses; passes a known device. A
    sign-in without a request (a shell, ``Client.login`` in tests) is not counted."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        name = lockout_username(request, {"username": username})
        if name and _device_mark(name) in _known_marks(request):
            return None
        # The address's lockout first: a try it refuses does not use up the account's turn.
        super().authenticate(request, username=username, password=password, **kwargs)
        if name and _slowed_down(name):
            request.jaga_slowed_down = True  # the lockout page says "wait a moment"
            request.axes_locked_out = True
            raise AxesBackendPermissionDenied("account slowed down")
        return None


def _slowed_down(name: str) -> bool:
    """Whether this try on the account must wait: it failed ``AXES_FAILURE_LIMIT`` times
    within the cool-off time, whatever the addresses, and was tried less than
    ``SLOWDOWN_SECONDS`` ago."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    attempts = AccessAttempt.objects.filter(username=name, attempt_time__gte=since)
    failures = attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
    if failures < settings.AXES_FAILURE_LIMIT:
        return False
    return not cache.add(f"jaga:sign-in-slow:{_device_mark(name)}", 1, SLOWDOWN_SECONDS)


def _device_mark(username: str) -> str:
    return blind_index(username, "known-device")[:16]


def _known_marks(request: HttpRequest) -> list[str]:
    value = request.get_signed_cookie(
        KNOWN_DEVICE_COOKIE,
        default="",
        salt=KNOWN_DEVICE_SALT,
        max_age=KNOWN_DEVICE_DAYS * 86400,
    )
    return [mark for mark in (value or "").split(",") if mark]


def remember_device(request: HttpRequest, response: HttpResponse, username: str) -> None:
    """After a sign-in: this browser is a known device of the account from now on."""
    marks = [m for m in _known_marks(request) if m != _device_mark(username)]
    marks = [_device_mark(username), *marks][:KNOWN_DEVICE_MAX]
    response.set_signed_cookie(
        KNOWN_DEVICE_COOKIE,
        ",".join(marks),
        salt=KNOWN_DEVICE_SALT,
        max_age=KNOWN_DEVICE_DAYS * 86400,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def lockout_username(request: Any, credentials: dict | None) -> str | None:
    """The name a failure is counted under: the account's username whether a username or a
    phone number was typed; for a name that matches no account, a keyed hash of it, so a
    mistyped phone number is never stored."""
    typed = (credentials or {}).get("username")
    if typed is None and request is not None:
        typed = getattr(request, "POST", {}).get("username")
    typed = (typed or "").strip()
    if not typed:
        return None
    person = UsernameOrPhoneBackend.find(typed)
    if person is not None:
        return person.username
    return UNKNOWN_NAME_PREFIX + blind_index(typed, "sign-in-lockout")[:20]


def lockout_address(request: Any) -> str | None:
    return client_ip(request)


def lockout_response(request: Any, original_response: Any = None, credentials: Any = None):
    """The sign-in page's answer while locked out or slowed down (HTTP 429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {
        "minutes": minutes,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "slowed_down": getattr(request, "jaga_slowed_down", False),
        "seconds": SLOWDOWN_SECONDS,
    }
    return render(request, "security/locked_out.html", context, status=429)
