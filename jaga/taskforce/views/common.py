"""What every task-force form page does: show the form; on POST validate it, call one
service, show its precise message on the field (nothing saved), or go back with a success
message. Each form is a small page of its own (linked from the meeting or action item page)."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from jaga.core.forms import apply_errors


def form_page(
    request: HttpRequest,
    *,
    form: forms.Form,
    title: str,
    back: str,
    call: Callable[[dict[str, Any]], Any],
    success: str,
    context: dict[str, Any] | None = None,
    template: str = "taskforce/form.html",
) -> HttpResponse:
    """GET: the form. POST: ``call(cleaned_data)``, then back to ``back``."""
    if request.method == "POST" and form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, success)
            return redirect(back)
    status = 400 if request.method == "POST" else 200
    page = {"form": form, "title": title, "back": back, **(context or {})}
    return render(request, template, page, status=status)
