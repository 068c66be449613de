from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "jaga.casework"
    label = "casework"
    verbose_name = _("Manajemen kasus")

    def ready(self) -> None:
        # Clock sources, access rules, guards and listeners of case steps, case-page panel, demo.
        from jaga.casework import clocks, demo, hooks, rules  # noqa: F401
