from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "jaga.core"
    verbose_name = _("Inti")

    def ready(self) -> None:
        from jaga.core import rules  # noqa: F401  (declares this app's access rules)
