"""``{{ value|percent }}``: a percentage as ``jaga.core.numbers.percent_text`` writes it."""

from django import template

from jaga.core.numbers import percent_text

register = template.Library()


@register.filter
def percent(value):
    return "—" if value is None or value == "" else percent_text(value)
