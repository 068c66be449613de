from django import template

from jaga.notifications.selectors import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """``{% unread_notifications as n %}``: the signed-in person's unread count (one query).
    base.html does not use it: its header link loads the count with htmx, so pages keep
    their query counts."""
    request = context.get("request")
    return unread_count(getattr(request, "user", None))
