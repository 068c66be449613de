"""``{% allowed_url 'app:name' arg as url %}``: the URL, or "" when the reader may not open
the page, so a template links only where the policy lets its reader go."""

from typing import Any

from django import template

from jaga.access.links import url_if_allowed

register = template.Library()


@register.simple_tag(takes_context=True)
def allowed_url(context: dict, view_name: str, *args: Any, **kwargs: Any) -> str:
    return url_if_allowed(context["request"].user, view_name, *args, **kwargs)
