"""Jaga's JSON API. Each app adds a router; every operation declares its access rule with
``api_rule`` (a test walks them all)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.security import django_auth

from jaga.access.decorators import rule
from jaga.core.api import schema_problems

api = NinjaAPI(
    title="Jaga API",
    version="1",
    description="Perlindungan perempuan dan anak berbasis masyarakat.",
    auth=django_auth,
    docs_decorator=rule("public.view"),
    urls_namespace="api",
)


# Every refusal in the one JSON error shape (jaga.core.api.ErrorOut), never an HTML page.
@api.exception_handler(AuthenticationError)
def _not_signed_in(request, exc):
    return api.create_response(request, {"detail": _("Silakan masuk terlebih dahulu.")}, status=401)


@api.exception_handler(PermissionDenied)
def _refused(request, exc):
    detail = _("Anda tidak berwenang untuk tindakan ini.")
    return api.create_response(request, {"detail": detail}, status=403)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": _("Tidak ditemukan.")}, status=404)


@api.exception_handler(ValidationError)
def _bad_input(request, exc):
    return api.create_response(request, schema_problems(exc.errors), status=422)


def api_urls():
    """The API's URL patterns. Ninja's own root page (a redirect to the docs) gets the same
    public rule as the docs, so that no pattern is left without one."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if getattr(pattern, "name", "") == "api-root":
            pattern.callback.jaga_rule = "public.view"
    return patterns, app_name, namespace
