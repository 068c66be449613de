"""The API's error shape, shared by every app's router."""

from django.core.exceptions import ValidationError
from ninja.errors import HttpError


def problems(error: ValidationError) -> HttpError:
    """A service's problems as a 422 whose message names each field."""
    if hasattr(error, "error_dict"):
        text = "; ".join(f"{field}: {' '.join(m)}" for field, m in error.message_dict.items())
    else:
        text = " ".join(error.messages)
    # A stale save is a conflict: the client should reload, not fix its input.
    return HttpError(409 if getattr(error, "code", None) == "stale" else 422, text)
