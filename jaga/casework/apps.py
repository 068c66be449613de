from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "jaga.casework"
    label = "casework"
    verbose_name = _("Manajemen kasus")

    def ready(self) -> None:
        # Access rules, the guards and listeners on case steps, the case-page panel, the demo.
        from jaga.casework import demo, hooks, rules  # noqa: F401
