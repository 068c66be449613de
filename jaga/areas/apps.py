from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AreasConfig(AppConfig):
    name = "jaga.areas"
    verbose_name = _("Wilayah")

    def ready(self) -> None:
        from jaga.areas import demo, rules  # noqa: F401  (access rules, demo step)
