"""The shape every case-management form shares."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from jaga.casework.selectors import CaseworkView
from jaga.core.forms import apply_errors


def may_change(view: CaseworkView) -> None:
    if not view.can_assess:
        raise PermissionDenied


def submitted(
    request: HttpRequest,
    form: forms.Form,
    call: Callable[[dict[str, Any]], object],
    success: str,
    then: str,
    **then_kwargs: Any,
) -> HttpResponse | None:
    """Validate ``form``, call the service with its data; on success a message and a
    redirect to ``then``, else None with the service's problems on the form."""
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, success)
            return redirect(then, **then_kwargs)
    return None
