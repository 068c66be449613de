from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClocksConfig(AppConfig):
    name = "jaga.clocks"
    label = "clocks"
    verbose_name = _("Tenggat layanan dan eskalasi")

    def ready(self) -> None:
        from jaga.clocks import rules  # noqa: F401  (access rules, home-page actions)
