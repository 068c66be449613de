import tempfile

import pytest
from django.test import override_settings


@pytest.fixture(scope="session", autouse=True)
def _test_settings():
    """Argon2 stays the production hasher (a test checks it); tests hash quickly, run tasks at
    once in their own transaction, and keep uploads in a temporary folder."""
    with (
        tempfile.TemporaryDirectory() as media,
        override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
            MEDIA_ROOT=media,
            STORAGES={
                "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
                "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
            },
        ),
    ):
        yield
