"""Jaga's JSON API. Each app adds a router; every operation declares its access rule with
``api_rule`` (a test walks them all)."""

from ninja import NinjaAPI
from ninja.security import django_auth

from jaga.access.decorators import rule

api = NinjaAPI(
    title="Jaga API",
    version="1",
    description="Perlindungan perempuan dan anak berbasis masyarakat.",
    auth=django_auth,
    docs_decorator=rule("public.view"),
    urls_namespace="api",
)


def api_urls():
    """The API's URL patterns. Ninja's own root page (a redirect to the docs) gets the same
    public rule as the docs, so that no pattern is left without one."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if getattr(pattern, "name", "") == "api-root":
            pattern.callback.jaga_rule = "public.view"
    return patterns, app_name, namespace
