from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "jaga.home"
    verbose_name = _("Beranda")

    def ready(self) -> None:
        from jaga.home import rules  # noqa: F401  (declares this app's access rules)
