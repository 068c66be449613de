"""Every URL and every API operation declares its access rule (deny by default means an
endpoint without a rule is a bug, not a public page)."""

from django.contrib import admin
from django.test import SimpleTestCase
from django.urls import URLPattern, URLResolver, get_resolver

from jaga.access.policy import RULES
from jaga.api import api


def walk(patterns, prefix="", inherited=None):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            # Django's admin site declares one rule for all its pages (its staff check applies).
            owner = admin.site.jaga_rule if pattern.namespace == admin.site.name else None
            yield from walk(pattern.url_patterns, route, owner or inherited)
        elif isinstance(pattern, URLPattern):
            yield route, pattern, inherited


def is_ninja_dispatch(callback) -> bool:
    return getattr(callback, "__qualname__", "").startswith("PathView.get_view")


def api_operations():
    get_resolver().url_patterns  # builds the API's routers
    for _prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                yield path, operation


class UrlRuleTests(SimpleTestCase):
    def test_every_url_pattern_declares_a_known_rule(self):
        missing = []
        for route, pattern, inherited in walk(get_resolver().url_patterns):
            callback = pattern.callback
            if is_ninja_dispatch(callback):
                continue  # checked per operation below
            declared = getattr(callback, "jaga_rule", None) or inherited
            if declared not in RULES:
                missing.append(f"{route} ({pattern.name}): {declared!r}")
        self.assertEqual(missing, [], "URL patterns without a declared access rule")

    def test_every_api_operation_declares_a_known_rule(self):
        missing = [
            f"{method} {path}"
            for path, operation in api_operations()
            for method in operation.methods
            if getattr(operation.view_func, "jaga_rule", None) not in RULES
        ]
        self.assertEqual(missing, [], "API operations without a declared access rule")
        self.assertGreater(len(list(api_operations())), 0)
