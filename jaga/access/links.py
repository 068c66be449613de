"""Whether a person may open a page, asked of the rule its view declares, so that a page links
only to what its reader may open (a link that answers 403 is a page asking too little)."""

from typing import Any

from django.urls import Resolver404, resolve, reverse

from jaga.access.policy import holds
from jaga.access.users import User


def may_open(user: User, path: str) -> bool:
    """Whether ``user`` holds the rule of the view at ``path``; a path no view declares a rule
    for (sign-in, the public pages outside the policy) is open to all. Record-level checks stay
    with the page that holds the record (``policy.can`` on it)."""
    try:
        view = resolve(path.partition("?")[0]).func
    except Resolver404:
        return False
    name = getattr(view, "jaga_rule", None)
    return name is None or holds(user, name)


def url_if_allowed(user: User, view_name: str, *args: Any, **kwargs: Any) -> str:
    """The page's URL when ``user`` may open it, else the empty string."""
    url = reverse(view_name, args=args or None, kwargs=kwargs or None)
    return url if may_open(user, url) else ""
