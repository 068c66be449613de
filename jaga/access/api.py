"""Every API operation behind the access policy before anything else: ``JagaRouter`` signs
the person in from the session and checks the operation's rule (``api_rule``) before its input
is read, so a refusal is the same whatever was sent, and documents the error shape
(``jaga.core.api.ErrorOut``) for every answer an operation may give instead of its result."""

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _
from ninja import Router
from ninja.constants import NOT_SET
from ninja.errors import HttpError
from ninja.security import SessionAuth

from jaga.access.policy import get_rule, holds
from jaga.core.api import ERROR_CODES, ErrorOut


class RuleAuth(SessionAuth):
    """Signed in through the session (CSRF-checked for writes) and holding ``rule_name``."""

    def __init__(self, rule_name: str):
        super().__init__()
        self.rule_name = rule_name

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is not None and not holds(user, self.rule_name):
            raise HttpError(403, _("Anda tidak berwenang untuk tindakan ini."))
        return user


class JagaRouter(Router):
    def add_api_operation(
        self,
        path: str,
        methods: list[str],
        view_func: Callable,
        *,
        auth: Any = NOT_SET,
        response: Any = NOT_SET,
        **kwargs: Any,
    ) -> None:
        rule = getattr(view_func, "jaga_rule", None)
        if auth is NOT_SET and rule is not None and not get_rule(rule).public:
            auth = RuleAuth(rule)
        if isinstance(response, dict):
            responses = dict(response)
        else:  # a raw HttpResponse (a file) is documented as no schema
            responses = {200: None if response is NOT_SET else response}
        for code in ERROR_CODES:
            responses.setdefault(code, ErrorOut)
        super().add_api_operation(path, methods, view_func, auth=auth, response=responses, **kwargs)
