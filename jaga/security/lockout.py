"""Glue between django-axes and Jaga's sign-in: one counter per account whichever form of
login was typed, the same client address as the audit trail, and an Indonesian lockout page."""

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.shortcuts import render

from jaga.audit.services import client_ip
from jaga.core.crypto import blind_index
from jaga.people.backends import UsernameOrPhoneBackend
from jaga.security.selectors import UNKNOWN_NAME_PREFIX


class LockoutBackend(AxesStandaloneBackend):
    """Refuses sign-in while the account or address is locked out. A sign-in without a request
    (a shell, ``Client.login`` in tests) comes from no address and is not counted."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


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
    """The sign-in page's answer while locked out (HTTP 429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT}
    return render(request, "security/locked_out.html", context, status=429)
