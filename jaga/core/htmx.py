"""htmx requests: a page asked for by htmx gets only the fragment it swaps in.

A fragment request that is redirected (the session expired, the second sign-in step is due,
a form's success page) must never get the target page swapped into the fragment: htmx
follows a redirect silently and would put a whole page, header and all, inside the header's
badge, whose copy asks again, and again. ``FragmentRedirectMiddleware`` turns such a redirect
into ``HX-Redirect``, which htmx answers by loading the target as a whole page."""

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

FRAGMENT_ATTRIBUTE = "jaga_fragment"


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def fragment(view: Callable[..., Any]) -> Callable[..., Any]:
    """Marks a view that only ever answers a fragment (never a page a person should land on)."""
    setattr(view, FRAGMENT_ATTRIBUTE, True)
    return view


def is_fragment_url(url: str) -> bool:
    """Whether ``url`` (a path, possibly with a query) is served by a fragment-only view."""
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return False
    return getattr(match.func, FRAGMENT_ATTRIBUTE, False)


def _current_page(request: HttpRequest) -> str:
    """The page the fragment was asked from (htmx says so in HX-Current-URL), on this site."""
    current = urlsplit(request.headers.get("HX-Current-URL", ""))
    if current.netloc and current.netloc != request.get_host():
        return ""
    page = urlunsplit(("", "", current.path, current.query, ""))
    return "" if not current.path or is_fragment_url(page) else page


def _page_target(request: HttpRequest, location: str) -> str:
    """The redirect's target with its ``next`` (the fragment's own address, as sign-in and
    the second step are asked) replaced by the page the person is on."""
    parts = urlsplit(location)
    query = parse_qsl(parts.query, keep_blank_values=True)
    if not any(key == "next" for key, _ in query):
        return location
    page = _current_page(request)
    query = [(k, page if k == "next" else v) for k, v in query if k != "next" or page]
    return urlunsplit(parts._replace(query=urlencode(query)))


class FragmentRedirectMiddleware:
    """Answers a redirected htmx request with ``HX-Redirect`` (204, nothing to swap) so the
    browser goes to the target as a whole page. Must sit above every middleware that may
    redirect (sign-in, idle timeout, second step) so it sees their answers too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not is_htmx(request) or response.status_code not in (301, 302, 303, 307, 308):
            return response
        answer = HttpResponse(status=204)
        answer["HX-Redirect"] = _page_target(request, response["Location"])
        for cookie in response.cookies.values():  # a cookie the view set on its redirect
            answer.cookies[cookie.key] = cookie
        return answer
