"""At sign-in a new session gets its idle limit, so the first page costs no extra write, and
the browser is remembered as a known device of the account (``jaga.security.lockout``)."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from jaga.security.middleware import start_session_clock
from jaga.security.selectors import roles_now


@receiver(user_logged_in)
def _session_started(sender, request, user, **kwargs):
    if getattr(request, "session", None) is not None:
        start_session_clock(request, user, roles_now(user))
    # The browser becomes a known device of the account (KnownDeviceMiddleware sets it).
    request.jaga_signed_in_as = user.username
