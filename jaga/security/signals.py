"""A new session gets its idle limit at sign-in, so the first page costs no extra write."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from jaga.security.middleware import start_session_clock
from jaga.security.selectors import roles_now


@receiver(user_logged_in)
def _session_started(sender, request, user, **kwargs):
    if getattr(request, "session", None) is not None:
        start_session_clock(request, user, roles_now(user))
