"""The case-management panel of the case page (``{% casework_panel case %}``): for the case
team, the current risk level, the flags and the links to the case's management pages."""

from django import template

from jaga.access.policy import can
from jaga.casework.selectors import case_summary

register = template.Library()


@register.inclusion_tag("casework/_panel.html", takes_context=True)
def casework_panel(context, case):
    user = context["request"].user
    if not can(user, "casework.view", case):
        return {"summary": None}
    return {"summary": case_summary(case), "case": case}
