"""The referrals panel on the case page (``{% case_referral_panel case %}``): the case's
referrals the viewer may see, with their clocks, and the button to refer."""

from django import template

from jaga.access.policy import can, holds
from jaga.clocks.selectors import TargetBook
from jaga.referrals.clocks import referral_clocks
from jaga.referrals.selectors import referrals_of_case

register = template.Library()


@register.inclusion_tag("referrals/_case_referrals.html", takes_context=True)
def case_referral_panel(context, case):
    user = context["request"].user
    if not holds(user, "referrals.view"):
        return {"referrals": None, "case": case}
    book = TargetBook()
    referrals = [(r, referral_clocks(r, book)) for r in referrals_of_case(user, case)]
    return {"referrals": referrals, "case": case, "can_send": can(user, "referrals.send", case)}
