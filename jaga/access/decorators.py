"""How a view or an API operation declares its rule. Tests walk the URL configuration and the
API and fail on any endpoint without one."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja.errors import HttpError

from jaga.access.policy import get_rule, holds


def rule(name: str) -> Callable:
    """A page under ``name``: anonymous people go to sign-in, people without the rule get 403.
    Record-level checks happen in the view through ``policy.get_object``."""
    get_rule(name)  # an undeclared rule fails at import time, not at the first request

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def checked(request: Any, *args: Any, **kwargs: Any) -> Any:
            if not get_rule(name).public and not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not holds(request.user, name):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        checked.jaga_rule = name  # type: ignore[attr-defined]
        return checked

    return decorate


def api_rule(name: str) -> Callable:
    """The same for a Ninja operation: 401 when not signed in, 403 without the rule."""
    get_rule(name)

    def decorate(operation: Callable) -> Callable:
        @wraps(operation)
        def checked(request: Any, *args: Any, **kwargs: Any) -> Any:
            if not get_rule(name).public and not request.user.is_authenticated:
                raise HttpError(401, _("Silakan masuk terlebih dahulu."))
            if not holds(request.user, name):
                raise HttpError(403, _("Anda tidak berwenang untuk tindakan ini."))
            return operation(request, *args, **kwargs)

        checked.jaga_rule = name  # type: ignore[attr-defined]
        return checked

    return decorate
