"""What the proofs share: signed-in sessions for in-process WSGI requests, the PostgreSQL
switch, and a bounded hypothesis profile."""

import os
import secrets

from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test import Client
from hypothesis import HealthCheck, settings

# Fast in `make test`, thorough in `make test-slow` (JAGA_PROOF_EXAMPLES raises the count).
EXAMPLES = int(os.environ.get("JAGA_PROOF_EXAMPLES", "8"))
BOUNDED = settings(
    deadline=None,
    database=None,  # no .hypothesis folder in the work tree
    suppress_health_check=list(HealthCheck),
)


def on_postgresql() -> bool:
    return connection.vendor == "postgresql"


def requires_postgresql(test):
    """Skip, with a plain message, a proof that needs PostgreSQL's real concurrency."""
    import unittest

    from django.conf import settings as django_settings

    engine = django_settings.DATABASES["default"]["ENGINE"]
    return unittest.skipUnless(
        "postgresql" in engine,
        "needs PostgreSQL: set JAGA_DATABASE_URL=postgres://... (make test-slow does)",
    )(test)


def session_cookies(person) -> dict[str, str]:
    """Cookies of a real session for ``person`` (past the second step, see
    jaga.security.testing) plus a CSRF cookie; send ``csrf_header`` with unsafe methods."""
    cookies = {"csrftoken": secrets.token_hex(16)}
    if person is not None:
        client = Client()
        client.force_login(person)
        cookies["sessionid"] = client.cookies["sessionid"].value
    return cookies


def csrf_header(cookies: dict[str, str]) -> dict[str, str]:
    return {"X-CSRFToken": cookies["csrftoken"]}


class KeepTestConnection:
    """A request sent straight to the WSGI handler would close the test's database connection
    at its end (Django's test client avoids that the same way): keep it open meanwhile."""

    def __enter__(self):
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)

    def __exit__(self, *exc):
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
