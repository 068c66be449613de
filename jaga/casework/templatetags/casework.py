"""Case management in other apps' pages: the panel of the case page
(``{% casework_panel case %}``) — for the case team, the current risk level, the flags and
the links to the case's management pages — and the top of a person's tasks on the home page
(``{% top_tasks 5 %}``)."""

from django import template

from jaga.access.policy import can_each
from jaga.casework.selectors import case_summary
from jaga.casework.tasks import tasks_for

register = template.Library()


@register.inclusion_tag("casework/_panel.html", takes_context=True)
def casework_panel(context, case):
    user = context["request"].user
    may = can_each(user, ["casework.view", "casework.reassign", "casework.transfer"], case)
    if not may["casework.view"]:
        # The head outside the team may still hand the case to another manager.
        return {"summary": None, "case": case, "reassign": may["casework.reassign"]}
    # An activist on the team sees the work but may neither ask for nor make a transfer.
    moves = may["casework.reassign"] or may["casework.transfer"]
    return {"summary": case_summary(case), "case": case, "transfers": moves}


@register.inclusion_tag("casework/_task_list.html", takes_context=True)
def top_tasks(context, count: int):
    everything = tasks_for(context["request"].user)
    return {"tasks": everything[:count], "more": len(everything) > count}
