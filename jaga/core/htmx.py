"""htmx requests: a page asked for by htmx gets only the fragment it swaps in."""

from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"
