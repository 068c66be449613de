from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FiguresConfig(AppConfig):
    name = "jaga.figures"
    label = "figures"
    verbose_name = _("Angka kasus dan statistik")

    def ready(self) -> None:
        from jaga.figures import (
            rules,  # noqa: F401  (access rules and home-page actions)
            signals,
        )

        signals.connect()
