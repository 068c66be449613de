from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "jaga.referrals"
    label = "referrals"
    verbose_name = _("Rujukan")

    def ready(self) -> None:
        from jaga.cases.hooks import register_case_panel, register_identity_source
        from jaga.cases.signals import consent_withdrawn
        from jaga.referrals import (  # noqa: F401  (access rules, home-page actions, overdue items)
            clocks,
            rules,
        )
        from jaga.referrals.selectors import referral_identity_watches
        from jaga.referrals.services import referrals_follow_withdrawal

        register_identity_source(referral_identity_watches)
        # The case page includes the referrals panel by name; its button asks this rule.
        register_case_panel(None, rules=("referrals.send",))
        consent_withdrawn.connect(referrals_follow_withdrawal, dispatch_uid="referrals")
