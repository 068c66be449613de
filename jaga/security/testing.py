"""Test helpers for two-factor sign-in.

Tests sign people in with ``client.force_login`` (directly or through ``JagaTestCase.login``).
That bypasses the sign-in form, so django-otp never sees a code and would leave a case
manager stuck on the second-step page. ``verify_test_logins()`` (called once by
``jaga.testing``) connects a receiver that, for a programmatic sign-in only — one whose
request has no HTTP method, which Django's test client's fake request is and a real request
never is — gives a person who needs two-factor sign-in a confirmed test device and records it
in the session exactly as django-otp's ``login`` does. Real sign-ins through ``/masuk/`` are
untouched, so tests of the second step itself post to the sign-in page (see
``password_sign_in``) or use ``login_unverified``.
"""

from django.contrib.auth.signals import user_logged_in
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice

from jaga.security.selectors import roles_now, sees_identities

TEST_DEVICE_NAME = "test"


def _verify_programmatic_login(sender, request, user, **kwargs):
    if request is None or request.method is not None:
        return
    if sees_identities(user, roles_now(user)):
        device, _ = StaticDevice.objects.get_or_create(
            user=user, name=TEST_DEVICE_NAME, defaults={"confirmed": True}
        )
        request.session[DEVICE_ID_SESSION_KEY] = device.persistent_id


def verify_test_logins() -> None:
    user_logged_in.connect(_verify_programmatic_login, dispatch_uid="jaga-test-otp")


def login_unverified(client: Client, person) -> None:
    """Sign in with the password step only, as if no code had been typed yet."""
    client.force_login(person)
    session = client.session
    session.pop(DEVICE_ID_SESSION_KEY, None)
    session.save()


def password_sign_in(client: Client, login: str, password: str, **extra):
    """Post the real sign-in form (the way a browser does)."""
    return client.post("/masuk/", {"username": login, "password": password}, **extra)
