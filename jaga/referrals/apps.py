from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "jaga.referrals"
    label = "referrals"
    verbose_name = _("Rujukan")

    def ready(self) -> None:
        from jaga.referrals import (  # noqa: F401  (access rules, home-page actions, overdue items)
            clocks,
            rules,
        )
